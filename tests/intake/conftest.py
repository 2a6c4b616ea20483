"""Intake tests judge their tiny inboxes with the models alone, as tests/judging does."""

from tests.judging.conftest import judge, run  # noqa: F401  (fixtures)
