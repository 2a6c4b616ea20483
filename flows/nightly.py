"""The nightly flow: ingest -> build -> judge -> check -> snapshot -> report -> publish.

Each task is a few lines around a plain function of wagewatch.pipeline, which is what tests call.
Only ingest reads the inbox (a share that may hiccup), so only it retries. Tasks pass a live DuckDB
connection along, so none of them caches its inputs.
"""

from __future__ import annotations

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from wagewatch import pipeline
from wagewatch.settings import Settings
from wagewatch.summary import render_markdown

INGEST_RETRIES = 2
INGEST_RETRY_DELAY_SECONDS = 10


@task(cache_policy=NO_CACHE, retries=INGEST_RETRIES, retry_delay_seconds=INGEST_RETRY_DELAY_SECONDS)
def ingest(con, settings: Settings):
    return pipeline.ingest_inbox(con, settings)


@task(cache_policy=NO_CACHE)
def build(con) -> None:
    pipeline.build_layers(con, pipeline.BUILD_LAYERS)


@task(cache_policy=NO_CACHE)
def judge(con) -> None:
    pipeline.build_layers(con, pipeline.JUDGE_LAYERS)


@task(cache_policy=NO_CACHE)
def check(con) -> None:
    pipeline.check_row_accounting(con)


@task(cache_policy=NO_CACHE)
def snapshot(con, settings: Settings):
    return pipeline.snapshot(con, settings)


@task(cache_policy=NO_CACHE)
def report(warehouse, settings: Settings):
    return pipeline.write_reports(warehouse, settings)


@task(cache_policy=NO_CACHE)
def publish(warehouse, reports, settings: Settings) -> None:
    pipeline.publish(warehouse, reports, settings)


@flow(name="nightly", log_prints=True)
def nightly(
    inbox: str,
    warehouse: str = str(pipeline.DEFAULT_WAREHOUSE),
    as_of: str | None = None,
    config: str | None = None,
    reports: str | None = None,
) -> pipeline.RunResult:
    """Run once: ingest what is new, rebuild, judge, write reports, publish."""
    settings = pipeline.settings_from(inbox, warehouse, as_of, config, reports)
    con = pipeline.open_store(settings)
    new_warehouse = new_reports = None
    try:
        result = pipeline.RunResult(settings, files=ingest(con, settings))
        build(con)
        judge(con)
        check(con)
        pipeline.summarise(con, result)
        new_warehouse = snapshot(con, settings)
        new_reports = report(new_warehouse, settings)
        publish(new_warehouse, new_reports, settings)
    except BaseException:
        pipeline.discard(new_warehouse, new_reports)
        raise
    finally:
        con.close()
    result.report = settings.reports_dir / "index.html"
    create_markdown_artifact(render_markdown(result), key="nightly-summary", description="wagewatch run")
    return result
