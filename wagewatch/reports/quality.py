"""The data-quality page: every expectation the run checked, with its result, in the report's language.

Read from the published `quality_checks` (docs/contract.md section 4), not from Great Expectations'
own Data Docs: this page is one offline file in the reports' style, written in Chinese or English, and
tells a warning (rows kept, listed for a look) from a failure (rows quarantined, or a mart that would
have stopped the run). It loads nothing from the network.
"""

from __future__ import annotations

from dataclasses import dataclass

from wagewatch.reports.data import Row
from wagewatch.reports.labels import Labels

QUALITY_FILE_NAME = "quality.html"
INTAKE_PREFIX = "stg_"  # intake suites guard the staging tables; the others guard published marts
OUTCOMES = ("failed", "warning", "passed")  # worst first


@dataclass(frozen=True)
class CheckRow:
    suite: str
    expectation: str
    severity: str
    reason: str
    unexpected_rows: int
    outcome: str  # passed; warning: a warning found rows; failed: a critical expectation found rows
    stage: str  # intake or mart


def outcome(check: Row) -> str:
    if check["passed"]:
        return "passed"
    return "warning" if check["severity"] == "warning" else "failed"


def quality_rows(checks: list[Row], labels: Labels) -> list[CheckRow]:
    """Every check, those that found rows first (failures, then warnings), then by suite."""
    rows = [
        CheckRow(
            suite=check["suite"],
            expectation=check["expectation"],
            severity=check["severity"],
            reason=check["reason_zh"] if labels.language == "zh" else check["reason"],
            unexpected_rows=check["unexpected_rows"],
            outcome=outcome(check),
            stage="intake" if check["suite"].startswith(INTAKE_PREFIX) else "mart",
        )
        for check in checks
    ]
    return sorted(
        rows, key=lambda r: (OUTCOMES.index(r.outcome), r.stage != "intake", r.suite, r.expectation)
    )
