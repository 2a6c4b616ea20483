"""Expected amounts (docs/contract.md section 2): the 21.75 rule, calendar proration when the roster stands
in for attendance, and unknown amounts for daily wages without attendance."""

from datetime import date
from decimal import Decimal

import pytest

AUG_JUDGED = date(2026, 10, 1)


@pytest.mark.parametrize(
    ("wage_type", "rate", "days", "expected"),
    [
        ("月薪", "5000", "22", "5000.00"),  # more than 21.75 days: a full month, no more
        ("月薪", "5000", "21.75", "5000.00"),
        ("月薪", "5000", "10", "2298.85"),  # 5000 x 10 / 21.75 = 2298.8505...
        ("月薪", "4350.50", "1", "200.02"),  # 200.0229... rounds down
        ("日薪", "300", "20", "6000.00"),
        ("日薪", "312.50", "0.5", "156.25"),
        ("月薪", "5000", "0", "0.00"),
    ],
)
def test_expected_amount_with_attendance(inbox, run, wage_type, rate, days, expected):
    inbox.project().worker("张三", wage_type=wage_type, rate=rate).worked("张三", "2026-08", days)
    period = run(inbox, AUG_JUDGED).worker_period("张三", "2026-08")
    assert period["expected_amount"] == Decimal(expected)
    assert period["is_expected_to_be_paid"] == (Decimal(expected) > 0)


def test_worker_with_zero_days_is_not_expected_to_be_paid(inbox, run):
    inbox.project().worker("张三").worker("李四").worked("张三", "2026-08", "0").worked(
        "李四", "2026-08", "22"
    )
    inbox.paid("李四", "5000", "2026-09-10", period="2026-08")
    result = run(inbox, AUG_JUDGED)
    assert result.flags() == []
    assert result.worker_period("张三", "2026-08")["status"] == "not_expected"


def test_worker_missing_from_attendance_that_month_worked_zero_days(inbox, run):
    inbox.project().worker("张三").worker("李四").worked("李四", "2026-08", "22")
    inbox.paid("李四", "5000", "2026-09-10", period="2026-08")
    result = run(inbox, AUG_JUDGED)
    assert result.flags() == []
    assert result.worker_period("张三", "2026-08")["days_worked"] == 0


def test_roster_only_month_prorates_monthly_wage_by_calendar_days(inbox, run):
    # No attendance for the project in August: the roster stands in. Entered on the 11th: 21 of 31 days.
    inbox.project().worker("张三", entry="2026-08-11")
    result = run(inbox.paid("张三", "3387.10", "2026-09-10", period="2026-08"), AUG_JUDGED)
    period = result.worker_period("张三", "2026-08")
    assert period["days_on_roster"] == 21
    assert period["days_worked"] is None  # unknown: the project sent no attendance for August
    assert period["expected_amount"] == Decimal("3387.10")  # 5000 x 21 / 31 = 3387.0967...
    assert result.flags() == []


def test_roster_only_month_underpaid_is_partial(inbox, run):
    inbox.project().worker("张三", entry="2026-08-11")
    result = run(inbox.paid("张三", "3000.00", "2026-09-10", period="2026-08"), AUG_JUDGED)
    assert result.flags() == [("PARTIAL_PAYMENT", "2026-08", "张三")]


def test_worker_who_left_mid_month_is_expected_for_days_on_roster(inbox, run):
    inbox.project().worker("张三", entry="2026-07-01", exit="2026-08-15")
    inbox.paid("张三", "5000", "2026-08-10", period="2026-07")
    result = run(inbox.paid("张三", "2419.35", "2026-09-10", period="2026-08"), AUG_JUDGED)
    assert result.worker_period("张三", "2026-08")["expected_amount"] == Decimal("2419.35")  # 15 / 31
    assert result.flags() == []
    assert result.query("select count(*) from worker_periods where period = '2026-09'") == [(0,)]


def test_daily_wage_without_attendance_is_judged_only_on_paying_nothing(inbox, run):
    inbox.project().worker("张三", wage_type="日薪", rate="300").worker("李四", wage_type="日薪", rate="300")
    result = run(inbox.paid("李四", "1.00", "2026-09-10", period="2026-08"), AUG_JUDGED)
    assert result.flags() == [("MISSED_PAYMENT", "2026-08", "张三")]
    assert result.worker_period("李四", "2026-08")["status"] == "paid_in_full"
    missed = result.query("select expected_amount, shortfall_amount from flags")
    assert missed == [(None, None)]


def test_two_stints_entered_the_same_day_the_one_written_last_stands(inbox, run):
    inbox.project().worker("张三", rate="5000", team="A班").worker("张三", rate="6000", team="B班")
    result = run(inbox.worked("张三", "2026-08", "22"), AUG_JUDGED)
    period = result.worker_period("张三", "2026-08")
    assert (period["expected_amount"], period["team"]) == (Decimal("6000.00"), "B班")
