"""The error a user can act on: what went wrong, and what to do about it."""

UNCHANGED = "the published warehouse and reports were left as they were"  # said of every failed run


class PipelineError(RuntimeError):
    """The run could not complete; the published warehouse and reports were left as they were.
    `hint` says what the user can do about it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint
