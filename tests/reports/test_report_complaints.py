"""Complaints in the reports (docs/contract.md sections 3.6 and 7): the index lists every current
complaint, open ones first, with its verdict in the report's language; a project with a corroborated
complaint leads the project list; the workbook has a complaints sheet."""

from datetime import datetime

from python_calamine import CalamineWorkbook

from tests.helpers.report_pages import parse_page
from wagewatch.reports.labels import load_labels
from wagewatch.reports.pages import write_report
from wagewatch.reports.workbook import workbook_name

ZH, EN = load_labels("zh"), load_labels("en")
CURRENT = "select complaint_id, verdict, is_open, project_id from complaints where is_current"


def _index_rows(report, kind):
    return [row for row in parse_page(report / "index.html") if row.kind.split()[:1] == [kind]]


def test_the_index_lists_the_complaints_open_first_with_their_verdicts_in_chinese(sample_run):
    report = sample_run.settings.reports_dir
    current = {cid: (verdict, is_open) for cid, verdict, is_open, _ in sample_run.query(CURRENT)}
    shown = _index_rows(report, "complaint")
    assert sorted(row.attrs["data-complaint-id"] for row in shown) == sorted(current)
    open_flags = [current[row.attrs["data-complaint-id"]][1] for row in shown]
    assert open_flags == sorted(open_flags, reverse=True) and True in open_flags and False in open_flags
    for row in shown:
        assert ZH.text[f"verdict_{current[row.attrs['data-complaint-id']][0]}"] in row.cells


def test_a_project_with_a_corroborated_complaint_leads_the_project_list(sample_run):
    report = sample_run.settings.reports_dir
    corroborated = {
        project for _, verdict, _, project in sample_run.query(CURRENT) if verdict == "corroborated"
    }
    order = [row.attrs["data-project-id"] for row in _index_rows(report, "project")]
    assert corroborated and set(order[: len(corroborated)]) == corroborated


def test_the_workbook_has_a_complaints_sheet_in_the_reports_language(sample_run, tmp_path):
    zh = CalamineWorkbook.from_path(
        str(sample_run.settings.reports_dir / workbook_name(sample_run.settings.as_of))
    )
    sheet = zh.get_sheet_by_name(ZH.text["sheet_complaints"]).to_python()
    assert sheet[0][:2] == [ZH.text["complaint_id"], ZH.text["complaint_received"]]
    assert len(sheet) - 1 == len(sample_run.query(CURRENT))
    write_report(
        sample_run.settings.warehouse,
        tmp_path,
        as_of=sample_run.settings.as_of,
        generated_at=datetime(2026, 12, 1, 2),
        language="en",
    )
    en = CalamineWorkbook.from_path(str(tmp_path / workbook_name(sample_run.settings.as_of)))
    rows = en.get_sheet_by_name(EN.text["sheet_complaints"]).to_python()
    assert EN.text["verdict_not_on_roster"] in [cell for row in rows for cell in row]
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert EN.text["complaints_heading"] in page
