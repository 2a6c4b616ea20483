"""The four payment rules, each planted in a tiny inbox, found exactly, with the near misses that
must not be flagged (docs/contract.md sections 2 and 3).

The scene: project P360802-0001 pays on the 15th; wages for 2026-08 are due 2026-09-15. 张三 earns
5,000 a month and worked all of August; 李四 is a colleague paid on time so that the project's
payroll did run.

Each test builds the flags (and what they read) from its inbox alone: tests/judging/conftest.py.
"""

from datetime import date
from decimal import Decimal

AUG_JUDGED = date(2026, 10, 1)  # past 2026-09-15: August is judged, September is still pending
PROJECT = "P360802-0001"


def _scene(inbox):
    inbox.project().worker("张三").worker("李四", rate="6000")
    inbox.worked("张三", "2026-08", "22").worked("李四", "2026-08", "22")
    return inbox.paid("李四", "6000.00", "2026-09-10", period="2026-08")


def test_worker_paid_nothing_is_flagged_missed_payment(inbox, judge):
    result = judge(_scene(inbox), AUG_JUDGED)
    assert result.flags() == [("MISSED_PAYMENT", "2026-08", "张三")]
    row = result.query("select expected_amount, paid_amount, shortfall_amount, severity from flags")[0]
    assert row == (Decimal("5000.00"), Decimal("0.00"), Decimal("5000.00"), "red")


def test_worker_paid_in_full_on_time_raises_no_flag(inbox, judge):
    inbox = _scene(inbox).paid("张三", "5000.00", "2026-09-10", period="2026-08")
    result = judge(inbox, AUG_JUDGED, "flags", "project_periods")
    assert result.flags() == []
    assert result.worker_period("张三", "2026-08")["status"] == "paid_in_full"
    assert result.query("select level from project_periods where period = '2026-08'") == [("green",)]


def test_wages_paid_half_are_flagged_partial_payment(inbox, judge):
    result = judge(_scene(inbox).paid("张三", "2500.00", "2026-09-10", period="2026-08"), AUG_JUDGED)
    assert result.flags() == [("PARTIAL_PAYMENT", "2026-08", "张三")]
    assert result.query("select shortfall_amount from flags") == [(Decimal("2500.00"),)]


def test_wages_paid_half_a_percent_short_are_forgiven(inbox, judge):
    result = judge(_scene(inbox).paid("张三", "4975.00", "2026-09-10", period="2026-08"), AUG_JUDGED)
    assert result.flags() == []
    period = result.worker_period("张三", "2026-08")
    assert period["status"] == "paid_in_full"
    assert period["shortfall_amount"] == Decimal("25.00")


def test_wages_paid_exactly_one_percent_short_are_partial(inbox, judge):
    # The tolerance forgives a shortfall strictly below 1 %: 50.00 of 5,000 is not forgiven.
    result = judge(_scene(inbox).paid("张三", "4950.00", "2026-09-10", period="2026-08"), AUG_JUDGED)
    assert result.flags() == [("PARTIAL_PAYMENT", "2026-08", "张三")]


def test_wages_paid_after_the_due_date_are_flagged_late_payment(inbox, judge):
    inbox = _scene(inbox).paid("张三", "5000.00", "2026-09-20", period="2026-08")
    result = judge(inbox, AUG_JUDGED, "flags", "project_periods")
    assert result.flags() == [("LATE_PAYMENT", "2026-08", "张三")]
    assert result.query("select severity, paid_amount from flags") == [("amber", Decimal("5000.00"))]
    assert result.query("select level from project_periods where period = '2026-08'") == [("amber",)]


def test_wages_paid_on_the_due_date_itself_are_on_time(inbox, judge):
    result = judge(_scene(inbox).paid("张三", "5000.00", "2026-09-15", period="2026-08"), AUG_JUDGED)
    assert result.flags() == []


def test_half_paid_on_time_and_rest_paid_late_is_late_not_partial(inbox, judge):
    inbox = _scene(inbox).paid("张三", "2500.00", "2026-09-10", period="2026-08")
    result = judge(inbox.paid("张三", "2500.00", "2026-09-25", period="2026-08"), AUG_JUDGED)
    assert result.flags() == [("LATE_PAYMENT", "2026-08", "张三")]


def test_failed_transfer_repaid_before_the_due_date_is_not_flagged(inbox, judge):
    inbox = _scene(inbox).paid("张三", "5000.00", "2026-09-10", period="2026-08", status="失败")
    result = judge(inbox.paid("张三", "5000.00", "2026-09-12", period="2026-08"), AUG_JUDGED)
    assert result.flags() == []


def test_failed_transfer_never_repaid_is_a_missed_payment(inbox, judge):
    result = judge(
        _scene(inbox).paid("张三", "5000.00", "2026-09-10", period="2026-08", status="失败"), AUG_JUDGED
    )
    assert result.flags() == [("MISSED_PAYMENT", "2026-08", "张三")]


def test_payment_dated_after_the_as_of_date_does_not_count_yet(inbox, judge):
    result = judge(_scene(inbox).paid("张三", "5000.00", "2026-10-02", period="2026-08"), AUG_JUDGED)
    assert result.flags() == [("MISSED_PAYMENT", "2026-08", "张三")]


def test_payroll_that_never_ran_flags_no_payroll_and_every_worker_missed(inbox, judge):
    inbox.project().worker("张三").worker("李四", rate="6000")
    inbox.worked("张三", "2026-08", "22").worked("李四", "2026-08", "22")
    result = judge(inbox, AUG_JUDGED)
    assert result.flags() == [
        ("MISSED_PAYMENT", "2026-08", "张三"),
        ("MISSED_PAYMENT", "2026-08", "李四"),
        ("NO_PAYROLL", "2026-08", ""),
    ]
    assert result.query("select expected_amount, worker_key from flags where rule = 'NO_PAYROLL'") == [
        (Decimal("11000.00"), None)
    ]


def test_period_not_yet_due_gets_no_flag(inbox, judge):
    # As of the due date itself the period is not yet past due: nothing is judged.
    inbox.project().worker("张三").worked("张三", "2026-08", "22")
    result = judge(inbox, date(2026, 9, 15), "flags", "project_periods")
    assert result.flags() == []
    assert result.query("select period, level from project_periods order by period") == [
        ("2026-08", "pending"),
        ("2026-09", "pending"),
    ]
    assert result.worker_period("张三", "2026-08")["status"] == "pending"


def test_grace_days_postpone_judgement(inbox, judge):
    from wagewatch.settings import Config

    defaults = Config.load()
    config = defaults.model_copy(update={"rules": defaults.rules.model_copy(update={"grace_days": 20})})
    inbox.project().worker("张三").worked("张三", "2026-08", "22")
    assert judge(inbox, AUG_JUDGED, config=config).flags() == []
