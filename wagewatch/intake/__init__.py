"""Intake: read inbox files as text, record them, and load their rows unchanged into raw tables."""
