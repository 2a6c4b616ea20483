"""The run summary an operator reads: gathered from the store once the checks passed, shown on the
terminal and kept by Prefect as an artifact."""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

from wagewatch.quality.checks import CHECKS_TABLE
from wagewatch.quality.gate import CRITICAL, INTAKE_SUITES
from wagewatch.vocabulary import LEVELS
from wagewatch.warehouse.db import query

if TYPE_CHECKING:
    from wagewatch.pipeline import RunResult

WORST_FLAGS_SHOWN = 5
DATA_DOCS = "quality.html beside the report"
KIND_OF_SUITE = {table: kind for kind, table in INTAKE_SUITES.items()}


def summarise(con: duckdb.DuckDBPyConnection, result: RunResult) -> RunResult:
    """Fill in the result's figures from the store: levels, flags, files, checks, new and resolved."""

    def named(name: str, parameters=None) -> list[tuple]:
        return con.execute(query(__package__, name), parameters or []).fetchall()

    result.levels = dict(named("levels"))
    result.project_levels = dict(named("project_levels"))
    result.flags = dict(named("flag_counts"))
    result.rows_quarantined = con.execute("select count(*) from quarantine").fetchall()[0][0]
    result.file_rows = {
        source: (loaded, quarantined)
        for source, loaded, quarantined in con.execute(
            "select source_file, rows_loaded, rows_quarantined from ingested_files"
        ).fetchall()
    }
    result.worst_flags = named("worst_flags", [WORST_FLAGS_SHOWN])
    result.checks_run, result.checks_failed = con.execute(
        f"select count(*), count(*) filter (where not passed) from {CHECKS_TABLE}"
    ).fetchall()[0]
    for source, outcome, reason, rows in named("quarantine_reasons"):
        result.file_reasons.setdefault(source, []).append((outcome, reason, rows))
    result.findings = con.execute(
        f"select suite, severity, reason, unexpected_rows from {CHECKS_TABLE} where not passed order by suite"
    ).fetchall()
    figures = con.execute(query(__package__, "headline_figures"), {"as_of": result.settings.as_of})
    headline = dict(zip([column[0] for column in figures.description], figures.fetchone(), strict=True))
    result.new_flags, result.resolved_flags = headline["new_flags"], headline["resolved_flags"]
    return result


def _file_lines(result: RunResult) -> list[str]:
    lines = []
    for outcome in result.files:
        if outcome.status == "loaded":
            loaded, quarantined = result.file_rows.get(outcome.source_file, (outcome.rows, 0))
            lines.append(
                f"  loaded    {outcome.source_file}: {loaded} rows loaded, {quarantined} quarantined"
            )
            lines += [
                f"              {rows} {kind}: {reason}"
                for kind, reason, rows in result.file_reasons.get(outcome.source_file, [])
            ]
        else:
            lines.append(f"  {outcome.status:<9} {outcome.source_file}: {outcome.reason}")
    return lines or ["  (no new files)"]


def _finding_lines(result: RunResult) -> list[str]:
    """What each data check found, in words: `6 bank rows kept: paid after the as-of date: ...`."""
    lines = []
    for suite, severity, reason, rows in result.findings:
        kind = KIND_OF_SUITE.get(suite)
        what = f"{rows} {kind} rows" if kind else f"{rows} rows of {suite}"
        outcome = "quarantined" if kind and severity == CRITICAL else "kept, with a warning"
        lines.append(f"  {what} {outcome}: {reason}")
    return lines


def _interrupted_lines(result: RunResult) -> list[str]:
    if result.interrupted is None:
        return []
    earlier = result.interrupted
    return [
        f"the run started {str(earlier['started_at'])[:19]} (as of {earlier['as_of']}) was interrupted "
        f"before it finished: recorded as interrupted, {earlier['leftovers']} temporary files it left removed"
    ]


def render_text(result: RunResult) -> str:
    settings = result.settings
    levels = " · ".join(f"{level} {result.levels.get(level, 0)}" for level in LEVELS)
    projects = " · ".join(f"{level} {result.project_levels.get(level, 0)}" for level in LEVELS)
    flags = ", ".join(f"{rule} {count}" for rule, count in sorted(result.flags.items())) or "none"
    worst = [
        f"  {project} {period or '':<7} {rule:<16} {who}: {shortfall} owed"
        for project, period, rule, who, shortfall in result.worst_flags
    ]
    return "\n".join(
        [
            f"wagewatch run as of {settings.as_of.isoformat()}",
            *_interrupted_lines(result),
            f"new files: {len(result.files)}",
            *_file_lines(result),
            f"rows in quarantine: {result.rows_quarantined}",
            f"data checks: {result.checks_failed} of {result.checks_run} found rows (see {DATA_DOCS})",
            *_finding_lines(result),
            f"projects (by their worst month): {projects}",
            f"project-periods: {levels}",
            f"flags: {flags}",
            f"flags new since the last run: {result.new_flags} · resolved: {result.resolved_flags}",
            *(["worst flags:", *worst] if worst else []),
            "steps: " + " · ".join(f"{name} {seconds:.1f}s" for name, seconds in result.seconds.items()),
            f"report:    {result.report} (also {settings.reports_root / 'latest'})",
            f"warehouse: {settings.warehouse}",
        ]
    )


def render_markdown(result: RunResult) -> str:
    return "# wagewatch nightly run\n\n```\n" + render_text(result) + "\n```\n"
