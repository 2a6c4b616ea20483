"""The enforcement tools in the reports (issue 14): the index shows each project's wage deposit status and
the age of its arrears, and the workbook has a sheet of them, in the report's language (Chinese first)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.helpers.report_pages import parse_page
from wagewatch.reports.labels import Configured, load_labels
from wagewatch.reports.pages import write_report
from wagewatch.reports.workbook import workbook_name

ZH = load_labels("zh")


@pytest.fixture(scope="module")
def reports(sample_run) -> Path:
    return sample_run.settings.reports_dir


def _projects(sample_run) -> dict[str, tuple]:
    return {
        project_id: (status, stage, days)
        for project_id, status, stage, days in sample_run.query(
            "select project_id, deposit_status, stage, days_overdue from project_deposits "
            "join project_arrears using (project_id)"
        )
    }


def test_the_index_shows_each_projects_deposit_status_and_arrears_stage_in_chinese(sample_run, reports):
    rows = parse_page(reports / "index.html")
    header = next(row for row in rows if row.section == "projects" and not row.kind)
    at = {name: header.cells.index(ZH.text[name]) for name in ("stage", "days_overdue", "deposit")}
    wanted = _projects(sample_run)
    shown = [row for row in rows if row.kind == "project"]
    assert {row.attrs["data-project-id"] for row in shown} == set(wanted)
    for row in shown:
        status, stage, days = wanted[row.attrs["data-project-id"]]
        assert row.cells[at["deposit"]] == ZH.deposit_status[status]
        assert row.cells[at["stage"]] == (ZH.stage[stage] if stage else "")
        assert row.cells[at["days_overdue"]] == ("" if days is None else str(days))
    assert {status for status, _, _ in wanted.values()} >= {"missing", "short", "in_force", "exempt"}
    assert any(stage for _, stage, _ in wanted.values())


def test_the_workbook_has_a_sheet_of_deposits_and_arrears_ageing(sample_run, reports):
    book = CalamineWorkbook.from_path(str(reports / workbook_name(sample_run.settings.as_of)))
    sheet = book.get_sheet_by_name(ZH.text["sheet_deposits"]).to_python()
    header, rows = sheet[0], sheet[1:]
    wanted = _projects(sample_run)
    by_id = {row[header.index(ZH.text["project_id"])]: row for row in rows}
    assert set(by_id) == set(wanted)
    required = dict(sample_run.query("select project_id, required_amount from project_deposits"))
    for project_id, (status, stage, days) in wanted.items():
        row = by_id[project_id]
        assert row[header.index(ZH.text["deposit"])] == ZH.deposit_status[status]
        assert row[header.index(ZH.text["stage"])] == (ZH.stage[stage] if stage else "")
        assert row[header.index(ZH.text["days_overdue"])] == ("" if days is None else days)
        cell = row[header.index(ZH.text["required_deposit"])]
        assert cell == "" if required[project_id] is None else round(cell, 2) == float(required[project_id])
    assert row[header.index(ZH.text["deposit_rate"])] == "1%"


def test_the_index_lists_the_blacklist_candidates_and_says_they_are_for_an_inspectors_decision(
    sample_run, reports
):
    page = (reports / "index.html").read_text(encoding="utf-8")
    assert ZH.text["blacklist_heading"] in page and ZH.text["blacklist_note"] in page
    assert "本系统不发布任何名单" in ZH.text["blacklist_note"]
    rows = [row for row in parse_page(reports / "index.html") if row.kind == "candidate"]
    wanted = sample_run.query("select contractor_name, days_overdue from blacklist_candidates order by all")
    assert wanted  # the sample has candidates
    assert sorted((row.cells[0], int(row.cells[5])) for row in rows) == wanted


def test_the_workbook_has_a_sheet_of_blacklist_candidates_under_the_same_words(sample_run, reports):
    book = CalamineWorkbook.from_path(str(reports / workbook_name(sample_run.settings.as_of)))
    sheet = book.get_sheet_by_name(ZH.text["sheet_blacklist"]).to_python()
    assert sheet[0][0] == ZH.text["blacklist_heading"] and sheet[1][0] == ZH.text["blacklist_note"]
    header = sheet[3]
    names = sorted(row[header.index(ZH.text["contractor"])] for row in sheet[4:])
    assert names == [
        name for (name,) in sample_run.query("select contractor_name from blacklist_candidates order by 1")
    ]


def test_the_reports_say_the_runs_ageing_bounds_and_blacklist_term(sample_run, tmp_path):
    configured = Configured(20, 45, 5)
    as_of = sample_run.settings.as_of
    warehouse = sample_run.settings.warehouse
    write_report(warehouse, tmp_path, as_of=as_of, generated_at=datetime.now(), configured=configured)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "5年期满日期（如列入）" in page and "欠薪不超过20天" in page and "不超过1个月" not in page
    book = CalamineWorkbook.from_path(str(tmp_path / workbook_name(as_of)))
    assert "5年期满日期（如列入）" in book.get_sheet_by_name(ZH.text["sheet_blacklist"]).to_python()[3]
    sheet = book.get_sheet_by_name(ZH.text["sheet_deposits"]).to_python()
    stages = {row[sheet[0].index(ZH.text["stage"])] for row in sheet[1:]} - {""}
    assert stages and stages <= set(load_labels("zh", configured).stage.values())
    assert all("20天" in stage or "45天" in stage for stage in stages)
