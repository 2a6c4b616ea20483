"""The run summary an operator reads: on the terminal, and as a Prefect artifact."""

from __future__ import annotations

from wagewatch.pipeline import RunResult

LEVEL_ORDER = ("red", "amber", "green", "pending", "unmonitored")
DATA_DOCS = "data_docs/index.html beside the report"


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


def render_text(result: RunResult) -> str:
    settings = result.settings
    levels = " · ".join(f"{level} {result.levels.get(level, 0)}" for level in LEVEL_ORDER)
    projects = " · ".join(f"{level} {result.project_levels.get(level, 0)}" for level in LEVEL_ORDER)
    flags = ", ".join(f"{rule} {count}" for rule, count in sorted(result.flags.items())) or "none"
    worst = [
        f"  {project} {period or '':<7} {rule:<16} {who}: {shortfall} owed"
        for project, period, rule, who, shortfall in result.worst_flags
    ]
    return "\n".join(
        [
            f"wagewatch run as of {settings.as_of.isoformat()}",
            f"new files: {len(result.files)}",
            *_file_lines(result),
            f"rows in quarantine: {result.rows_quarantined}",
            f"data checks: {result.checks_failed} of {result.checks_run} found rows (see {DATA_DOCS})",
            f"projects (by their worst month): {projects}",
            f"project-periods: {levels}",
            f"flags: {flags}",
            *(["worst flags:", *worst] if worst else []),
            "steps: " + " · ".join(f"{name} {seconds:.1f}s" for name, seconds in result.seconds.items()),
            f"report:    {result.report}",
            f"warehouse: {settings.warehouse}",
        ]
    )


def render_markdown(result: RunResult) -> str:
    return "# wagewatch nightly run\n\n```\n" + render_text(result) + "\n```\n"
