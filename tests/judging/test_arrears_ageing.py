"""Arrears ageing: how long the oldest unpaid wage of each worker and project still owed has been due,
and its escalation stage (docs/contract.md section 4.2), with the stages' bounds to the day.

The scene: project P360802-0001 pays on the 15th, so August's wages are due 2026-09-15, September's
2026-10-15 and October's 2026-11-15. 张三 earns 5,000 a month, 李四 6,000; both worked every month.
"""

from datetime import date
from decimal import Decimal

import pytest

from tests.helpers.inbox_builder import PROJECT
from wagewatch.settings import Config


def _worked(inbox, *periods: str, exit: str = ""):
    inbox.project().worker("张三", exit=exit).worker("李四", rate="6000", exit=exit)
    for period in periods:
        inbox.worked("张三", period, "22").worked("李四", period, "22")
    return inbox


def ageing(store, table: str = "project_arrears") -> list[tuple]:
    return store.query(f"select oldest_due_date, days_overdue, stage from {table} order by all")


@pytest.mark.parametrize(
    ("as_of", "days", "stage"),
    [
        (date(2026, 9, 16), 1, "yellow"),
        (date(2026, 10, 15), 30, "yellow"),
        (date(2026, 10, 16), 31, "orange"),
        (date(2026, 11, 14), 60, "orange"),
        (date(2026, 11, 15), 61, "red"),
    ],
)
def test_a_month_unpaid_escalates_yellow_orange_red_at_the_bounds(inbox, run, as_of, days, stage):
    inbox = _worked(inbox, "2026-08", exit="2026-08-31")
    result = run(inbox.paid("李四", "6000.00", "2026-09-10", period="2026-08"), as_of)
    assert ageing(result) == [(date(2026, 9, 15), days, stage)]
    assert result.query("select worker_name, stage from worker_arrears order by worker_name") == [
        ("张三", stage),
        ("李四", None),
    ]


def test_a_project_whose_workers_are_paid_in_full_has_no_age(inbox, run):
    inbox = _worked(inbox, "2026-08").paid("张三", "5000.00", "2026-09-10", period="2026-08")
    result = run(inbox.paid("李四", "6000.00", "2026-09-10", period="2026-08"), date(2026, 10, 1))
    assert ageing(result) == [(None, None, None)]


def test_money_paid_pays_the_oldest_months_first(inbox, run):
    # 张三 short 1,000 in August and September, 1,500 overpaid in October: the overpayment pays
    # August's shortfall first, so what is owed (500) is September's
    inbox = _worked(inbox, "2026-08", "2026-09", "2026-10")
    inbox.paid("张三", "4000.00", "2026-09-10", period="2026-08")
    inbox.paid("张三", "4000.00", "2026-10-10", period="2026-09")
    inbox.paid("张三", "6500.00", "2026-11-10", period="2026-10")
    for period, day in (("2026-08", "2026-09-10"), ("2026-09", "2026-10-10"), ("2026-10", "2026-11-10")):
        inbox.paid("李四", "6000.00", day, period=period)
    result = run(inbox, date(2026, 12, 1))
    assert result.query("select owed_amount from project_arrears") == [(Decimal("500.00"),)]
    assert ageing(result) == [(date(2026, 10, 15), 47, "orange")]


def test_a_month_unpaid_stays_the_oldest_though_the_later_months_are_paid(inbox, run):
    inbox = _worked(inbox, "2026-08", "2026-09", "2026-10")
    for period, day in (("2026-08", "2026-09-10"), ("2026-09", "2026-10-10"), ("2026-10", "2026-11-10")):
        inbox.paid("李四", "6000.00", day, period=period)
        if period != "2026-08":  # 张三's August never paid: a payment stays with its month
            inbox.paid("张三", "5000.00", day, period=period)
    assert ageing(run(inbox, date(2026, 12, 1))) == [(date(2026, 9, 15), 77, "red")]


def test_a_late_payment_for_the_oldest_month_moves_the_age_to_the_next_unpaid_one(inbox, run):
    inbox = _worked(inbox, "2026-08", "2026-09")
    inbox.paid("张三", "5000.00", "2026-10-20", period="2026-08")  # August, paid late
    inbox.paid("李四", "6000.00", "2026-09-10", period="2026-08")
    inbox.paid("李四", "6000.00", "2026-10-10", period="2026-09")
    result = run(inbox, date(2026, 11, 1))
    assert ageing(result) == [(date(2026, 10, 15), 17, "yellow")]


def test_the_projects_age_is_its_longest_owed_workers(inbox, run):
    inbox = _worked(inbox, "2026-08", "2026-09")
    inbox.paid("张三", "5000.00", "2026-09-10", period="2026-08")  # 张三 owed September only
    result = run(inbox, date(2026, 11, 1))
    assert ageing(result, "worker_arrears") == [
        (date(2026, 9, 15), 47, "orange"),
        (date(2026, 10, 15), 17, "yellow"),
    ]
    assert ageing(result) == [(date(2026, 9, 15), 47, "orange")]


def test_the_stage_bounds_are_configurable(inbox, run, tmp_path):
    config = tmp_path / "wagewatch.toml"
    config.write_text("[ageing]\nyellow_max_days = 7\norange_max_days = 14\n", encoding="utf-8")
    inbox = _worked(inbox, "2026-08", exit="2026-08-31")
    result = run(inbox, date(2026, 9, 30), config=Config.load(config))
    assert ageing(result) == [(date(2026, 9, 15), 15, "red")]
    assert result.query("select project_id from project_arrears") == [(PROJECT,)]
