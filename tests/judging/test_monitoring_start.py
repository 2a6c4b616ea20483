"""A monitoring start ([rules] judge_from, the register's monitoring_start): months before it are not
judged, so onboarding a roster with old entry dates does not flag wages owed before wagewatch watched.

The scene: project P360802-0001 pays on the 15th and is onboarded with a roster whose stints began
in June 2026. As of 2026-11-01, June to September are due; October and November are pending. Violations are
planted in June and July (nobody paid in June; in July a late payment, wages into a colleague's card
from another account, a payee on no roster, attendance of an ID on no roster) and again in August
(张三 not paid, the same stranger paid, the same unregistered attendance); 李四 signed no contract.
"""

from datetime import date
from decimal import Decimal

import pytest

from tests.helpers.inbox_builder import WAGE_ACCOUNT
from tests.helpers.report_pages import parse_page
from wagewatch.reports.labels import load_labels
from wagewatch.reports.summary import render_text
from wagewatch.settings import Config, ConfigError

AS_OF = date(2026, 11, 1)
PROJECT = "P360802-0001"
OTHER_ACCOUNT = "6222000099998888777"
UNMONITORED = ["2026-06", "2026-07"]
ZH = load_labels("zh")

# What the scene raises from August on, whatever its monitoring start before then.
FLAGS_FROM_AUGUST = [
    ("MISSED_PAYMENT", "2026-08", "张三"),
    ("NO_LABOR_CONTRACT", None, "李四"),
    ("UNREGISTERED_PAYEE", "2026-08", "王五"),
    ("UNREGISTERED_WORKER", "2026-08", ""),
]


def _onboarded(inbox, monitoring_start: str = ""):
    inbox.project(monitoring_start=monitoring_start)
    inbox.worker("张三", entry="2026-06-01").worker("李四", rate="6000", entry="2026-06-01", contract="否")
    for period in ("2026-07", "2026-08"):
        inbox.worked("张三", period, "22").worked("李四", period, "22").worked("赵六", period, "20")
    # June: nobody paid. July: 张三 paid in August, after July's due date; 李四's wages went into
    # 张三's card from an account that is not the wage account; 王五 is on no roster.
    inbox.paid("张三", "5000.00", "2026-08-20", period="2026-07")
    inbox.paid(
        "李四", "6000.00", "2026-08-10", period="2026-07", account=inbox.cards["张三"],
        payer=OTHER_ACCOUNT, project_id=PROJECT,
    )  # fmt: skip
    inbox.paid("王五", "3000.00", "2026-08-10", period="2026-07")
    # August: 张三 paid nothing (July's late payment is July's), 李四 on time, 王五 again.
    inbox.paid("李四", "6000.00", "2026-09-10", period="2026-08")
    inbox.paid("王五", "3000.00", "2026-09-10", period="2026-08")
    # September: both paid on time.
    inbox.paid("张三", "5000.00", "2026-10-10", period="2026-09")
    inbox.paid("李四", "6000.00", "2026-10-10", period="2026-09")
    return inbox


def _config(tmp_path, judge_from: str) -> Config:
    path = tmp_path / "wagewatch.toml"
    path.write_text(f'[rules]\njudge_from = "{judge_from}"\n', encoding="utf-8")
    return Config.load(path)


def _levels(result) -> dict[str, str]:
    return dict(result.query("select period, level from project_periods order by period"))


def _assert_judged_from_august(result):
    assert result.flags() == FLAGS_FROM_AUGUST
    assert _levels(result) == {
        "2026-06": "unmonitored",
        "2026-07": "unmonitored",
        "2026-08": "red",
        "2026-09": "green",
        "2026-10": "pending",
        "2026-11": "pending",
    }
    for period in UNMONITORED:
        for name in ("张三", "李四"):
            row = result.worker_period(name, period)
            assert (row["status"], row["is_judged"]) == ("unmonitored", False), (name, period)
    assert result.query("select count(*) from worker_ledger where period < '2026-08'") == [(0,)]
    # June's 5,000 never paid to 张三 is not owed in wagewatch's books: only August's is.
    assert result.query(
        "select worker_name, net_owed_amount from worker_arrears where net_owed_amount <> 0"
    ) == [("张三", Decimal("5000.00"))]
    arrears = result.query("select owed_amount, net_owed_amount, workers_owed from project_arrears")
    assert arrears == [(Decimal("5000.00"), Decimal("5000.00"), 1)]
    assert result.query("select sum(shortfall_amount) from project_periods where period < '2026-08'") == [
        (Decimal("0.00"),)
    ]
    assert result.query("select monitored_from from projects") == [("2026-08",)]


def test_without_a_monitoring_start_every_month_since_entry_is_judged(inbox, run):
    result = run(_onboarded(inbox), AS_OF)
    before_august = {(rule, period, name) for rule, period, name in result.flags() if period in UNMONITORED}
    assert before_august == {
        ("MISSED_PAYMENT", "2026-06", "张三"),
        ("MISSED_PAYMENT", "2026-06", "李四"),
        ("NO_PAYROLL", "2026-06", ""),
        ("LATE_PAYMENT", "2026-07", "张三"),
        ("ACCOUNT_MISMATCH", "2026-07", "李四"),
        ("SHARED_ACCOUNT", "2026-07", "张三"),
        ("SHARED_ACCOUNT", "2026-07", "李四"),
        ("NON_DEDICATED_ACCOUNT", "2026-07", ""),
        ("UNREGISTERED_PAYEE", "2026-07", "王五"),
        ("UNREGISTERED_WORKER", "2026-07", ""),
    }
    assert {_levels(result)[period] for period in UNMONITORED} == {"red"}
    assert result.query("select monitored_from from projects") == [(None,)]


def test_judge_from_leaves_earlier_months_unmonitored_and_judges_later_ones_as_before(inbox, run, tmp_path):
    _assert_judged_from_august(run(_onboarded(inbox), AS_OF, _config(tmp_path, "2026-08")))


def test_register_monitoring_start_leaves_earlier_months_unmonitored(inbox, run):
    result = run(_onboarded(inbox, monitoring_start="2026年8月"), AS_OF)
    _assert_judged_from_august(result)
    assert result.query("select monitoring_start from projects") == [("2026-08",)]


@pytest.mark.parametrize(
    ("judge_from", "monitoring_start"),
    [("2026-07", "2026-08"), ("2026-08", "202607")],
    ids=["register-later", "configuration-later"],
)
def test_the_later_of_judge_from_and_monitoring_start_wins(
    inbox, run, tmp_path, judge_from, monitoring_start
):
    result = run(_onboarded(inbox, monitoring_start=monitoring_start), AS_OF, _config(tmp_path, judge_from))
    _assert_judged_from_august(result)


def test_a_monitoring_start_not_yet_reached_leaves_even_due_months_unmonitored(inbox, run, tmp_path):
    result = run(_onboarded(inbox), AS_OF, _config(tmp_path, "2026-12"))
    assert result.flags() == [("NO_LABOR_CONTRACT", None, "李四")]
    assert set(_levels(result).values()) == {"unmonitored"}
    assert result.query("select count(*) from worker_ledger") == [(0,)]


def test_days_on_a_project_not_yet_monitored_still_count_toward_concurrent_projects_elsewhere(inbox, run):
    # 张三 worked 20 days of July on each of two projects; the second is monitored from August only.
    later = "P360802-0002"
    later_account = "6222000011113333444"
    inbox.project().project(later, wage_account=later_account, monitoring_start="2026-08")
    for project_id in (PROJECT, later):
        inbox.worker("张三", "日薪", "200", entry="2026-07-01", exit="2026-07-31", project_id=project_id)
        inbox.worked("张三", "2026-07", "20", project_id=project_id)
    inbox.paid("张三", "4000.00", "2026-08-10", period="2026-07")
    result = run(inbox, AS_OF)
    assert result.query("select project_id, rule, period from flags") == [
        (PROJECT, "CONCURRENT_PROJECTS", "2026-07")
    ]
    assert result.query("select project_id, level from project_periods order by project_id") == [
        (PROJECT, "red"),
        (later, "unmonitored"),
    ]


def test_monitoring_start_under_its_other_chinese_header_is_read(inbox, run):
    inbox.project().worker("张三", entry="2026-06-01")
    root = inbox.write()
    (root / "projects" / "projects.csv").write_text(
        "项目编号,项目名称,行政区划代码,工资专户账号,工资支付日,纳入监管月份\n"
        f"{PROJECT},工程,360802,{WAGE_ACCOUNT},15,2026/09\n",
        encoding="utf-8",
    )
    result = run(root, AS_OF)
    assert result.query("select monitoring_start, monitored_from from projects") == [("2026-09", "2026-09")]
    assert result.flags() == [("MISSED_PAYMENT", "2026-09", "张三"), ("NO_PAYROLL", "2026-09", "")]


def test_a_register_row_with_an_unreadable_monitoring_start_is_quarantined(inbox, run):
    result = run(_onboarded(inbox, monitoring_start="下个月"), AS_OF)
    assert result.query("select source_file, reason from quarantine where source_file like 'projects/%'") == [
        ("projects/projects.csv", "monitoring_start is not a month")
    ]
    assert result.query("select count(*) from projects") == [(0,)]
    assert result.flags() == []


@pytest.mark.parametrize("judge_from", ['"2026-13"', '"2026/08"', '"202608"', "202608", "2026-08-01"])
def test_a_judge_from_that_is_not_a_month_is_refused_naming_the_key(tmp_path, judge_from):
    path = tmp_path / "wagewatch.toml"
    path.write_text(f"[rules]\njudge_from = {judge_from}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'rules.judge_from' must be a month written \"YYYY-MM\", got "):
        Config.load(path)


def test_the_index_and_the_run_summary_show_months_before_monitoring_as_not_monitored(inbox, full_run):
    later = "P360802-0002"
    later_account = "6222000011113333444"
    inbox.project().project(later, wage_account=later_account, monitoring_start="2026-09")
    inbox.worker("张三", entry="2026-08-01").worker("李四", entry="2026-08-01", project_id=later)
    for period, paid_at in (("2026-08", "2026-09-10"), ("2026-09", "2026-10-10")):
        inbox.paid("张三", "5000.00", paid_at, period=period)
        inbox.paid("李四", "5000.00", paid_at, period=period, payer=later_account)
    result = full_run(inbox, AS_OF)
    assert result.flags() == []
    rows = parse_page(result.settings.reports_dir / "index.html")
    header = next(row for row in rows if row.section == "projects" and not row.kind)
    assert header.cells[5:7] == ["2026-08", "2026-09"]  # the months some project judged
    cells = {row.attrs["data-project-id"]: row.cells[5:7] for row in rows if row.kind == "project"}
    assert cells == {
        PROJECT: [ZH.level["green"], ZH.level["green"]],
        later: [ZH.level["unmonitored"], ZH.level["green"]],
    }
    assert ZH.level["unmonitored"] == "未纳入监管"
    summary = render_text(result.result)
    assert "project-periods: red 0 · amber 0 · green 3 · pending 4 · unmonitored 1" in summary
