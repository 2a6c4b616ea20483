"""The inspector reports of a run on a generated inbox (the bundled sample): every flag of the warehouse
on its project's page with its amounts, worker and evidence, and no flag that is not there; the index
with every project worst first; the workbook with the same content; nothing loaded from the network;
site text escaped; Chinese by default and English with a setting."""

from __future__ import annotations

import html
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.helpers.inbox_builder import PROJECT, PROJECT_HEADER, WAGE_ACCOUNT, write_csv
from tests.helpers.report_pages import DASH, money, parse_page, shown_flags
from wagewatch.reports.data import project_file_name
from wagewatch.reports.labels import load_labels
from wagewatch.reports.pages import PROJECTS_FOLDER, write_report
from wagewatch.reports.pages import money as report_money
from wagewatch.reports.quality import QUALITY_FILE_NAME
from wagewatch.reports.workbook import workbook_name
from wagewatch.settings import Config
from wagewatch.vocabulary import LEVELS
from wagewatch.warehouse import db, findings

ZH = load_labels("zh")
EN = load_labels("en")
GENERATED_AT = datetime(2026, 12, 1, 3, 15, 0)
AUG_JUDGED = date(2026, 10, 1)
FLAG_COLUMNS = (
    "flag_id, project_id, period, rule, severity, worker_key, worker_name, id_number_masked, team, "
    "expected_amount, paid_amount, shortfall_amount, "
    "finding_text_zh(rule, period, worker_name, expected_amount, paid_amount, shortfall_amount, facts), "
    "len(evidence)"
)


@pytest.fixture(scope="module")
def reports(sample_run) -> Path:
    return sample_run.settings.reports_dir


def _page(reports: Path, project_id: str) -> Path:
    return reports / PROJECTS_FOLDER / project_file_name(project_id)


def test_a_run_writes_the_index_a_page_per_project_and_the_workbook(sample_run, reports):
    projects = [p for (p,) in sample_run.query("select project_id from projects")]
    assert projects
    written = {path.name for path in reports.iterdir()}
    assert {
        "index.html",
        PROJECTS_FOLDER,
        QUALITY_FILE_NAME,
        workbook_name(sample_run.settings.as_of),
    } <= written
    assert f'href="{QUALITY_FILE_NAME}"' in (reports / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (reports / PROJECTS_FOLDER).iterdir()) == sorted(
        project_file_name(p) for p in projects
    )


def _zh_flags(sample_run) -> list[tuple]:
    """Every flag with its finding as the Chinese report writes it."""
    con = db.connect(sample_run.settings.warehouse, read_only=True)
    try:
        findings.install(con)
        return con.execute(f"select {FLAG_COLUMNS} from flags").fetchall()
    finally:
        con.close()


def test_every_flag_is_on_its_projects_page_with_its_amounts_worker_and_evidence(sample_run, reports):
    flags = _zh_flags(sample_run)
    assert len({flag[3] for flag in flags}) >= 4, "the generated inbox plants flags of many rules"
    projects = [project_id for (project_id,) in sample_run.query("select project_id from projects")]
    shown = {project_id: shown_flags(parse_page(_page(reports, project_id))) for project_id in projects}
    for flag_id, project_id, period, rule, _, worker_key, *who_and_amounts, detail, evidence in flags:
        (name, masked, team), amounts = who_and_amounts[:3], who_and_amounts[3:]
        on_page = shown[project_id].pop(flag_id)
        cells = on_page.row.cells
        assert cells[0] == (period or ZH.text["roster_period"])
        assert cells[1].endswith(rule)
        assert cells[3:6] == [money(amount) for amount in amounts], (flag_id, rule, cells)
        assert cells[7] == detail, (flag_id, rule)
        assert on_page.evidence == evidence
        if worker_key:
            spans = on_page.worker.spans
            assert (spans["name"], spans["id"], spans["team"]) == (name or DASH, masked or DASH, team or DASH)
        else:
            assert on_page.worker.attrs["data-worker-key"] == ""
    not_in_the_warehouse = {project: rows for project, rows in shown.items() if rows}
    assert not_in_the_warehouse == {}


def test_days_late_count_from_the_due_date(sample_run, reports):
    late = sample_run.query(
        "select f.project_id, f.flag_id, f.rule, w.due_date from flags f join worker_periods w "
        "using (project_id, worker_key, period) where f.rule in ('MISSED_PAYMENT', 'LATE_PAYMENT')"
    )
    assert {rule for *_, rule, _ in late} == {"MISSED_PAYMENT", "LATE_PAYMENT"}
    for project_id, flag_id, rule, due in late:
        cell = shown_flags(parse_page(_page(reports, project_id)))[flag_id].row.cells[6]
        days = int(cell.split()[0])
        if rule == "MISSED_PAYMENT":
            assert days == (sample_run.settings.as_of - due).days
            assert ZH.text["still_unpaid"] in cell
        else:
            paid_on = date.fromisoformat(cell.split()[-1])
            assert days == (paid_on - due).days > 0


def test_the_index_lists_every_project_worst_first_with_its_levels_and_what_it_owes(sample_run, reports):
    rows = parse_page(reports / "index.html")
    header = next(row for row in rows if row.section == "projects" and not row.kind)
    periods = header.cells[5 : 5 + sum(1 for c in header.cells if re.fullmatch(r"\d{4}-\d{2}", c))]
    shown = [row for row in rows if row.kind == "project"]
    owed = dict(sample_run.query("select project_id, owed_amount from project_arrears"))
    levels = {
        (p, period): level
        for p, period, level in sample_run.query("select project_id, period, level from project_periods")
    }
    assert sorted(row.attrs["data-project-id"] for row in shown) == sorted(owed)
    ranks = [LEVELS.index(row.attrs["data-level"]) for row in shown]
    assert ranks == sorted(ranks)
    for row in shown:
        project_id = row.attrs["data-project-id"]
        assert row.cells[5 + len(periods)] == money(owed[project_id])
        for offset, period in enumerate(periods):
            level = levels.get((project_id, period))
            wanted = ZH.level[level] if level and level != "pending" else ""
            assert row.cells[5 + offset] == wanted, (project_id, period)


def test_regions_show_by_name_in_the_index_its_filter_the_pages_and_the_workbook(sample_run, reports):
    names = dict(sample_run.query("select project_id, region_name from projects"))
    assert names["P360802-0001"] == "江西省吉安市吉州区"
    rows = parse_page(reports / "index.html")
    shown = {row.attrs["data-project-id"]: row.cells[2] for row in rows if row.kind == "project"}
    assert shown == names
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert '<option value="360802">江西省吉安市吉州区</option>' in index  # filtered by code, shown by name
    assert '["360802","江西省吉安市吉州区"]' in index  # the data block the script filters
    assert "江西省吉安市吉州区" in _page(reports, "P360802-0001").read_text(encoding="utf-8")
    book = CalamineWorkbook.from_path(str(reports / workbook_name(sample_run.settings.as_of)))
    sheet = book.get_sheet_by_name(ZH.text["sheet_projects"]).to_python()
    column = sheet[0].index(ZH.text["region"])
    assert {row[column] for row in sheet[1:]} == set(names.values())


def test_a_project_overpaid_in_one_month_and_short_in_another_says_so_in_a_sentence(sample_run, reports):
    months = sample_run.query(
        "select project_id, string_agg(period, ',' order by period) filter (where overpaid_amount > 0), "
        "sum(overpaid_amount), string_agg(period, ',' order by period) filter (where shortfall_amount > 0), "
        "sum(shortfall_amount) from project_periods group by 1"
    )
    owed = dict(sample_run.query("select project_id, owed_amount from project_arrears"))
    both = [row for row in months if row[1] and row[3]]
    assert both and len(both) < len(months)  # the sample has both kinds of project
    for project_id, overpaid_months, overpaid, short_months, shortfall in months:
        html = _page(reports, project_id).read_text(encoding="utf-8")
        if not (overpaid_months and short_months):
            assert "offset-note" not in html
            continue
        note = re.search(r'<p class="note offset-note">(.*?)</p>', html)[1]
        for amount in (overpaid, shortfall, owed[project_id]):
            assert report_money(amount) in note
        for period in f"{overpaid_months},{short_months}".split(","):
            year, month = period.split("-")
            assert f"{year}年{int(month)}月" in note


def test_a_red_sheet_carries_its_project_pages_sentence_on_overpaid_and_short_months(sample_run, reports):
    book = CalamineWorkbook.from_path(str(reports / workbook_name(sample_run.settings.as_of)))
    red_sheets = book.sheet_names[4:-4]  # after projects, flags, deposits, blacklist; before 4 more
    fixed_words = max(re.split(r"\{\w+\}", ZH.text["offset_note"]), key=len)
    with_note = 0
    for project_id in red_sheets:
        page = _page(reports, project_id).read_text(encoding="utf-8")
        found = re.search(r'<p class="note offset-note">(.*?)</p>', page)
        cells = [cell for row in book.get_sheet_by_name(project_id).to_python() for cell in row]
        notes = [cell for cell in cells if isinstance(cell, str) and fixed_words in cell]
        assert notes == ([html.unescape(found[1])] if found else []), project_id
        with_note += bool(found)
    assert 0 < with_note < len(red_sheets)  # the sample has red projects with the sentence and without


def test_one_figure_reads_the_same_on_the_index_the_project_page_and_the_workbook(sample_run, reports):
    owed = dict(sample_run.query("select project_id, owed_amount from project_arrears"))
    book = CalamineWorkbook.from_path(str(reports / workbook_name(sample_run.settings.as_of)))
    sheet = book.get_sheet_by_name(ZH.text["sheet_projects"]).to_python()
    column = sheet[0].index(ZH.text["owed_to_workers"])
    project = sheet[0].index(ZH.text["project_id"])
    assert {row[project]: _decimal(row[column]) for row in sheet[1:]} == owed
    for project_id, amount in owed.items():
        label = ZH.text["owed_to_workers"]
        card = f'<div class="figure">{report_money(amount)}</div><div class="label">{label}</div>'
        assert card in _page(reports, project_id).read_text(encoding="utf-8")
    shortfalls = dict(
        sample_run.query("select project_id, sum(shortfall_amount) from project_periods group by 1")
    )
    for project_id, rows in _months_shown(reports, shortfalls):
        assert sum(rows, Decimal("0.00")) == shortfalls[project_id]


def _months_shown(reports: Path, projects) -> list:
    """Each project page's month rows, their shortfall column as Decimals."""
    shown = []
    for project_id in projects:
        rows = [row for row in parse_page(_page(reports, project_id)) if row.kind == "month"]
        shown.append((project_id, [Decimal(row.cells[-2].replace(",", "")) for row in rows]))
    return shown


def test_each_project_page_has_the_chart_and_its_months(sample_run, reports):
    for project_id, months in sample_run.query("select project_id, count(*) from project_periods group by 1"):
        html = _page(reports, project_id).read_text(encoding="utf-8")
        assert html.count('<rect class="bar"') == 2 * months
        assert len([r for r in parse_page(_page(reports, project_id)) if r.kind == "month"]) == months


def test_each_rule_on_a_page_is_explained_with_its_legal_basis(sample_run, reports):
    for project_id, rules in sample_run.query("select project_id, list(distinct rule) from flags group by 1"):
        explained = {
            row.attrs["id"].removeprefix("rule-"): row.cells
            for row in parse_page(_page(reports, project_id))
            if row.attrs.get("id", "").startswith("rule-")
        }
        assert set(rules) <= set(explained)
        for rule in rules:
            assert explained[rule][2] == ZH.rules[rule].explanation
            assert explained[rule][3] == ZH.rules[rule].legal_basis


def test_a_project_without_statements_shows_none_received_and_the_others_their_span(sample_run, reports):
    spans = dict(
        sample_run.query(
            "select project_id, min(balance_date)::varchar || '|' || max(balance_date)::varchar "
            "from account_balances group by project_id"
        )
    )
    projects = [p for (p,) in sample_run.query("select project_id from projects")]
    assert 0 < len(spans) < len(projects)
    for project_id in projects:
        html = _page(reports, project_id).read_text(encoding="utf-8")
        if project_id in spans:
            first, last = spans[project_id].split("|")
            assert ZH.text["statements_span"].format(first=first, last=last) in html, project_id
            assert ZH.text["statements_none"] not in html
        else:
            assert ZH.text["statements_none"] in html, project_id


def test_pages_load_nothing_from_the_network(reports):
    for page in [reports / "index.html", reports / QUALITY_FILE_NAME, *(reports / PROJECTS_FOLDER).iterdir()]:
        lowered = page.read_text(encoding="utf-8").lower()
        assert "http://" not in lowered and "https://" not in lowered, page
        for external in ("<script src", "<link", "<img", "<iframe", "@import", "url("):
            assert external not in lowered, (page, external)


def test_the_workbook_holds_the_projects_every_flag_and_a_sheet_per_red_project(sample_run, reports):
    path = reports / workbook_name(sample_run.settings.as_of)
    book = CalamineWorkbook.from_path(str(path))
    red = [
        p
        for (p,) in sample_run.query(
            "select project_id from project_periods group by 1 having bool_or(level = 'red') "
            "union select project_id from flags where severity = 'red'"
        )
    ]
    text = ZH.text
    assert book.sheet_names == [
        text["sheet_projects"],
        text["sheet_flags"],
        text["sheet_deposits"],
        text["sheet_blacklist"],
        *sorted(red, key=_index_order(reports)),
        text["sheet_resolved"],
        text["sheet_complaints"],
        text["sheet_rules"],
        text["sheet_about"],
    ]
    flags_sheet = book.get_sheet_by_name(text["sheet_flags"]).to_python()
    header, rows = flags_sheet[0], flags_sheet[1:]
    by_id = {row[header.index(text["flag_id"])]: row for row in rows}
    flags = sample_run.query(
        "select flag_id, project_id, expected_amount, paid_amount, shortfall_amount from flags"
    )
    assert sorted(by_id) == sorted(flag_id for flag_id, *_ in flags)
    for flag_id, project_id, *amounts in flags:
        row = by_id[flag_id]
        assert row[header.index(text["project_id"])] == project_id
        cells = [row[header.index(text[name])] for name in ("expected", "paid", "shortfall")]
        assert [_decimal(cell) for cell in cells] == amounts


def _index_order(reports: Path):
    order = [r.attrs["data-project-id"] for r in parse_page(reports / "index.html") if r.kind == "project"]
    return order.index


def _decimal(cell) -> Decimal | None:
    """A workbook number back to exact cents (Excel keeps doubles; two decimals survive exactly)."""
    return None if cell == "" else Decimal(str(cell)).quantize(Decimal("0.01"))


def test_the_workbook_is_formatted_for_reading(sample_run, reports):
    with zipfile.ZipFile(reports / workbook_name(sample_run.settings.as_of)) as book:
        styles = book.read("xl/styles.xml").decode()
        sheets = [book.read(f"xl/worksheets/sheet{number}.xml").decode() for number in (1, 2)]
    assert 'formatCode="#,##0.00"' in styles
    assert 'formatCode="yyyy-mm-dd"' in styles
    for sheet in sheets:
        assert 'state="frozen"' in sheet and "<autoFilter" in sheet and "<cols>" in sheet


def test_amounts_keep_separators_and_cents_and_a_missing_amount_is_a_dash():
    assert report_money(Decimal("1234567.5")) == "1,234,567.50"
    assert report_money(Decimal("999999999999.99")) == "999,999,999,999.99"
    assert report_money(None) == DASH


def _small_scene(inbox):
    inbox.project().worker("张三").worker("王五")
    inbox.worked("张三", "2026-08", "21.75").worked("王五", "2026-08", "21.75")
    inbox.paid("张三", "5000", "2026-09-20", period="2026-08")  # due 2026-09-15: 5 days late
    inbox.write()
    write_csv(
        inbox.root / "projects" / "projects.csv",
        [*PROJECT_HEADER, "contractor_name"],
        [[PROJECT, "<b>赣州</b>大桥", "360802", WAGE_ACCOUNT, "15", "江西建工&第三工程<script>"]],
    )
    return inbox.root


def test_a_late_and_a_missed_worker_show_their_days_and_site_text_is_escaped(inbox, run):
    result = run(_small_scene(inbox), AUG_JUDGED)
    page = _page(result.settings.reports_dir, PROJECT)
    html = page.read_text(encoding="utf-8")
    assert "江西建工&amp;第三工程&lt;script&gt;" in html and "&lt;b&gt;赣州&lt;/b&gt;大桥" in html
    by_worker = {f.worker.spans["name"]: f.row.cells for f in shown_flags(parse_page(page)).values()}
    assert by_worker["张三"][6] == f"5 {ZH.text['paid_in_full_on']} 2026-09-20"
    assert by_worker["王五"][6] == f"16 {ZH.text['still_unpaid']}"  # due 2026-09-15, as of 2026-10-01


def test_english_is_a_setting(inbox, run, tmp_path):
    config_file = tmp_path / "wagewatch.toml"
    config_file.write_text('[report]\nlanguage = "en"\n', encoding="utf-8")
    result = run(_small_scene(inbox), AUG_JUDGED, Config.load(config_file))
    index = (result.settings.reports_dir / "index.html").read_text(encoding="utf-8")
    page = _page(result.settings.reports_dir, PROJECT).read_text(encoding="utf-8")
    assert EN.text["index_heading"] in index and ZH.text["index_heading"] not in index
    assert '<html lang="en">' in page
    assert EN.rules["MISSED_PAYMENT"].explanation in page
    assert EN.text["flags_heading"] in page and ZH.text["flags_heading"] not in page
    book = CalamineWorkbook.from_path(str(result.settings.reports_dir / workbook_name(AUG_JUDGED)))
    assert book.sheet_names[:2] == [EN.text["sheet_projects"], EN.text["sheet_flags"]]


def test_the_quality_page_shows_every_check_with_its_result_and_warnings_as_warnings(sample_run, reports):
    checks = sample_run.query(
        "select suite, expectation, severity, passed, unexpected_rows from quality_checks"
    )
    assert "warning" in {severity for _, _, severity, passed, _ in checks if not passed}
    rows = {
        (row.attrs["data-suite"], row.attrs["data-expectation"]): row
        for row in parse_page(reports / QUALITY_FILE_NAME)
        if row.kind == "check"
    }
    assert sorted(rows) == sorted((suite, name) for suite, name, *_ in checks)
    wanted = {"passed": ZH.text["check_passed"], "warning": ZH.text["check_warning"]}
    for suite, name, severity, passed, found in checks:
        row = rows[(suite, name)]
        outcome = "passed" if passed else ("warning" if severity == "warning" else "failed")
        assert row.attrs["data-outcome"] == outcome
        assert row.cells[0] == wanted.get(outcome, ZH.text["check_failed"])
        assert row.cells[-1] == str(found)


def test_the_workbook_gives_a_sheet_to_the_worst_red_projects_only(sample_run, tmp_path):
    warehouse, as_of = sample_run.settings.warehouse, sample_run.settings.as_of
    write_report(warehouse, tmp_path, as_of=as_of, generated_at=GENERATED_AT, red_sheets=1)
    book = CalamineWorkbook.from_path(str(tmp_path / workbook_name(as_of)))
    worst = next(
        r.attrs["data-project-id"] for r in parse_page(tmp_path / "index.html") if r.kind == "project"
    )
    assert book.sheet_names[4:6] == [worst, ZH.text["sheet_resolved"]]


def test_missing_warehouse_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no warehouse"):
        write_report(tmp_path / "absent.duckdb", tmp_path, as_of=AUG_JUDGED, generated_at=GENERATED_AT)
