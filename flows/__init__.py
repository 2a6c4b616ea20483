"""Prefect flows: thin recipes over the plain functions in wagewatch.pipeline."""
