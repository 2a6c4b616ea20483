"""Prefect's temporary server for one command, started before this process imports Prefect.

Prefect starts the very same server by itself (`SubprocessASGIServer`: uvicorn serving
`prefect.server.api.server:create_app`, UI off) when the flow is first called with no PREFECT_API_URL,
but only after the flow's imports, and after importing its whole server package into this process,
which serves nothing (2-3 s of CPU). Started first, the server's own start-up (about 4 s of CPU) runs
on the other core while this process imports the flow and Great Expectations. This process binds the
listening socket and hands it to uvicorn, so the port is known at once and nobody can take it. The
server process is this module run as a script: Prefect's server package imported with the garbage
collector paused and then frozen, as the command does with its own imports (a fifth of its CPU).

A server named by the user (PREFECT_API_URL in the environment, a profile, prefect.toml or .env) is
used as it is; one started here is stopped when the process exits, after Prefect has flushed its
logs and events to it (its exit handlers run first, being registered later).
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from wagewatch.errors import PipelineError

LOOPBACK = "127.0.0.1"
# As Prefect starts its temporary server: no UI, marked ephemeral (so it runs its own services).
SERVER_ENVIRONMENT = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
}
POLL_SECONDS = 0.1
STOP_SECONDS = 5


class TemporaryServer:
    """One uvicorn process serving Prefect's API on a loopback port of its own."""

    def __init__(self) -> None:
        listening = socket.socket()
        listening.bind((LOOPBACK, 0))
        listening.listen(128)
        self.port = listening.getsockname()[1]
        self.started = time.perf_counter()
        self.process: subprocess.Popen | None = subprocess.Popen(
            [
                sys.executable,
                "-m",
                __name__,
                "--factory",
                "prefect.server.api.server:create_app",
                "--fd",
                str(listening.fileno()),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            env={**os.environ, **SERVER_ENVIRONMENT},
            pass_fds=(listening.fileno(),),
        )
        listening.close()  # the server holds the socket now; connections wait in its backlog
        atexit.register(self.stop)

    @property
    def api_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/api"

    def wait(self, timeout: float) -> float:
        """Return the seconds since the start once the server answers its health check."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.process is None or self.process.poll() is not None:
                code = None if self.process is None else self.process.returncode
                raise PipelineError(
                    f"Prefect's temporary server stopped with exit code {code} before it answered",
                    "its own error is printed above; or run a resident one, `prefect server start`, "
                    "and set PREFECT_API_URL",
                )
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=1):
                    return time.perf_counter() - self.started
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(POLL_SECONDS)
        self.stop()
        raise PipelineError(
            f"Prefect's temporary server did not answer within {timeout:.0f} s",
            "raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, or run a resident server, "
            "`prefect server start`, and set PREFECT_API_URL",
        )

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


def start() -> TemporaryServer | None:
    """A temporary server, unless PREFECT_API_URL names one in the environment, or Prefect is imported
    already (tests: its settings are read once, at import, and Prefect starts its own if it must)."""
    if os.environ.get("PREFECT_API_URL") or "prefect" in sys.modules:
        return None
    return TemporaryServer()


def configure(server: TemporaryServer | None) -> str | None:
    """Import Prefect's settings and point them at the server started here, unless the user names
    one in Prefect's other places (then the one started here is stopped). Returns the user's URL."""
    import prefect.context
    from prefect.settings import PREFECT_API_URL

    configured = PREFECT_API_URL.value()
    if server is None or configured:
        if server is not None:
            server.stop()
        return configured
    os.environ["PREFECT_API_URL"] = server.api_url
    prefect.context.refresh_global_settings_context()  # Prefect read its settings at import
    return None


def serve() -> None:
    """The server process: uvicorn, with Prefect's server package imported beforehand."""
    import gc

    gc.disable()
    import prefect.server.api.server  # noqa: F401  what uvicorn's factory would import
    import uvicorn.main

    gc.freeze()
    gc.enable()
    uvicorn.main.main()


if __name__ == "__main__":
    serve()
