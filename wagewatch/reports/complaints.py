"""Complaints in the reports' words (docs/contract.md sections 3.6 and 7): each current complaint with
its verdict, channel and months claimed in the report's language, for the index's complaints table
and the workbook's complaints sheet. Open complaints come first (report_complaints.sql orders them)."""

from __future__ import annotations

from wagewatch.reports.data import Row
from wagewatch.reports.figures import months_text
from wagewatch.reports.labels import Labels


def complaint_rows(complaints: list[Row], labels: Labels) -> list[Row]:
    """Each complaint with the words it is shown in: `verdict_word`, `channel_word`, `months`."""
    text = labels.text
    return [
        {
            **complaint,
            "verdict_word": text[f"verdict_{complaint['verdict']}"],
            "channel_word": text[f"channel_{complaint['channel']}"] if complaint["channel"] else None,
            "months": months_text(complaint["periods"], labels.language),
            "project_label": complaint["project_name"] or complaint["named_project"],
        }
        for complaint in complaints
    ]
