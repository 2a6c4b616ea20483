"""The nightly flow: ingest -> build -> judge -> check -> snapshot -> report -> publish.

The recipe itself is wagewatch.pipeline.run, which tests call directly; this flow runs each of its
steps as a Prefect task. Only ingest reads the inbox (a share that may hiccup), so only it retries.
Steps hand a live DuckDB connection along, so no task caches its inputs. On a Dask cluster
(`[engine] dask_address`), the inbox's files are read, and each partition judged, by tasks of their
own on the cluster's workers (prefect-dask's DaskTaskRunner), sent from the flow itself: a task sent
from inside a step would carry the step's connection in its context, which cannot travel. Reading
retries there, not the ingest step; the other steps stay in this process, which holds the store.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from wagewatch import pipeline
from wagewatch.intake.parallel import read_files
from wagewatch.reports.headline import headline_table
from wagewatch.reports.summary import render_markdown
from wagewatch.settings import DEFAULT_WAREHOUSE, Config, settings_from

RETRIES = {pipeline.ingest_inbox: 2, read_files: 2}  # what reads the inbox, a share that may hiccup
RETRY_DELAY_SECONDS = 10


def as_task(function: Callable, *args):
    """Run one step of the recipe as a Prefect task of the same name."""
    return task(
        function,
        name=function.__name__,
        cache_policy=NO_CACHE,
        retries=RETRIES.get(function, 0),
        retry_delay_seconds=RETRY_DELAY_SECONDS,
    )(*args)


def on_cluster(address: str) -> Callable[[Callable, list], list]:
    """A fan-out that runs each job as a Prefect task on the Dask cluster at `address`."""

    def fan_out(function: Callable, jobs: list) -> list:
        from prefect_dask import DaskTaskRunner

        each = task(
            function,
            name=function.__name__,
            task_run_name="{job.key}",
            cache_policy=NO_CACHE,
            retries=RETRIES.get(function, 0),
            retry_delay_seconds=RETRY_DELAY_SECONDS,
        )
        with _api_for_workers(), DaskTaskRunner(address=address) as runner:
            return [future.result() for future in runner.map(each, {"job": jobs})]

    return fan_out


def _api_for_workers():
    """The workers report their task runs to this flow's Prefect server: without PREFECT_API_URL, the
    temporary one this process started (each worker would otherwise start a temporary one of its own)."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        return contextlib.nullcontext()
    return temporary_settings({PREFECT_API_URL: str(get_client(sync_client=True).api_url)})


def night_of(parameters: dict) -> str:
    """`nightly-<as-of>`, so an operator finds a night in Prefect's UI by its date; a scheduled run,
    which passes no as-of, is named by today in the schedule's time zone, which it judges as of."""
    if parameters.get("as_of"):
        return f"nightly-{parameters['as_of']}"
    config = parameters.get("config")
    return f"nightly-{Config.load(Path(config) if config else None).schedule.today().isoformat()}"


def run_name() -> str:
    return night_of(flow_run.parameters)


@flow(name="nightly", flow_run_name=run_name, log_prints=True)
def nightly(
    inbox: str,
    warehouse: str = str(DEFAULT_WAREHOUSE),
    as_of: str | None = None,
    config: str | None = None,
    reports: str | None = None,
) -> pipeline.RunResult:
    """Run once: ingest what is new, rebuild, judge, write reports, publish."""
    settings = settings_from(inbox, warehouse, as_of, config, reports)
    if settings.dask_address:
        result = pipeline.run(settings, step=as_task, fan_out=on_cluster(settings.dask_address))
    else:
        result = pipeline.run(settings, step=as_task)
    publish_artifacts(result)
    return result


def publish_artifacts(result: pipeline.RunResult) -> None:
    """The run summary as markdown, and its headline figures as a table, kept by Prefect with the run."""
    create_markdown_artifact(render_markdown(result), key="nightly-summary", description="wagewatch run")
    create_table_artifact(
        headline_table(result.settings.warehouse, result.settings.as_of),
        key="nightly-headline",
        description="wagewatch headline figures: projects by level, arrears, flags by severity",
    )
