"""Exit settlement and EXCESSIVE_PAYMENT's yearly bound (docs/contract.md section 3.3), each planted
in a tiny inbox and found exactly, beside the near miss that must not be flagged.

The scene: project P360802-0001 (Ji'an's Jizhou district) pays on the 15th; wages for 2026-08 are due
2026-09-15 and judged from 2026-09-16. Workers earn 5,000 a month and work 22 days unless a test says
otherwise.
"""

from datetime import date
from decimal import Decimal

from wagewatch.settings import Config

AUG_JUDGED = date(2026, 10, 1)


def _with_rules(**values) -> Config:
    config = Config.load()
    return config.model_copy(update={"rules": config.rules.model_copy(update=values)})


def _left_in_august(inbox, paid: str | None = None, exit_: str = "2026-08-20"):
    """张三 on site from 1 July, left on 20 August; July paid in full; August paid `paid`, if anything.
    李四, who stays, is paid in full for August."""
    inbox.project().worker("李四").worked("李四", "2026-08", "22").paid(
        "李四", "5000", "2026-09-10", period="2026-08"
    )
    inbox.worker("张三", entry="2026-07-01", exit=exit_)
    inbox.worked("张三", "2026-07", "22").paid("张三", "5000", "2026-08-10", period="2026-07")
    inbox.worked("张三", "2026-08", "22")
    if paid is not None:
        inbox.paid("张三", paid, "2026-09-10", period="2026-08")
    return inbox


# EXIT_NOT_SETTLED


def test_worker_who_left_unpaid_is_not_settled_once_the_exit_month_is_due(inbox, run):
    result = run(_left_in_august(inbox), AUG_JUDGED)
    assert result.flags() == [("EXIT_NOT_SETTLED", None, "张三"), ("MISSED_PAYMENT", "2026-08", "张三")]
    assert result.query(
        "select severity, expected_amount, paid_amount, shortfall_amount, facts.due_date, facts.exit_date,"
        " facts.owed_periods, detail from flags where rule = 'EXIT_NOT_SETTLED'"
    ) == [
        (
            "red",
            Decimal("10000.00"),
            Decimal("5000.00"),
            Decimal("5000.00"),
            date(2026, 9, 15),
            date(2026, 8, 20),
            ["2026-08"],
            "张三 left the site on 2026-08-20; the wages were to be settled by 2026-09-15, and "
            "¥5,000.00 is still owed (months not paid in full: 2026-08)",
        )
    ]
    evidence = result.query("select evidence from flags where rule = 'EXIT_NOT_SETTLED'")[0][0]
    assert [row["kind"] for row in evidence] == ["roster", "attendance"]


def test_worker_who_left_and_was_paid_in_full_is_settled(inbox, run):
    assert run(_left_in_august(inbox, paid="5000"), AUG_JUDGED).flags() == []


def test_a_short_payment_within_the_tolerance_settles_the_stint(inbox, run):
    assert run(_left_in_august(inbox, paid="4975"), AUG_JUDGED).flags() == []  # 0.5 % short of 10,000


def test_nothing_is_owed_on_leaving_before_the_settlement_deadline(inbox, run):
    assert run(_left_in_august(inbox), date(2026, 9, 15)).flags() == []  # the due date itself


def test_a_month_overpaid_offsets_a_short_one_in_the_settlement(inbox, run):
    inbox.project().worker("张三", entry="2026-07-01", exit="2026-08-20")
    inbox.worked("张三", "2026-07", "22").paid("张三", "7000", "2026-08-10", period="2026-07")
    inbox.worked("张三", "2026-08", "22").paid("张三", "3000", "2026-09-10", period="2026-08")
    assert run(inbox, AUG_JUDGED).flags() == [("PARTIAL_PAYMENT", "2026-08", "张三")]


def test_a_worker_still_on_site_is_owed_but_not_unsettled(inbox, run):
    inbox.project().worker("张三", entry="2026-08-01").worked("张三", "2026-08", "22")
    assert run(inbox, AUG_JUDGED).flags() == [
        ("MISSED_PAYMENT", "2026-08", "张三"),
        ("NO_PAYROLL", "2026-08", ""),
    ]


def test_exit_settlement_days_set_a_deadline_before_the_exit_months_due_date(inbox, run):
    config = _with_rules(exit_settlement_days=3)
    flagged = run(_left_in_august(inbox), date(2026, 8, 24), config=config)
    assert flagged.flags() == [("EXIT_NOT_SETTLED", None, "张三")]  # August itself is still pending
    assert flagged.query("select facts.due_date, shortfall_amount from flags") == [
        (date(2026, 8, 23), Decimal("5000.00"))
    ]


def test_on_the_last_day_to_settle_a_stint_is_not_yet_unsettled(inbox, judge):
    config = _with_rules(exit_settlement_days=3)
    assert judge(_left_in_august(inbox), date(2026, 8, 23), config=config).flags() == []


def test_months_before_the_monitoring_start_are_not_owed_on_leaving(inbox, run):
    inbox.project(monitoring_start="2026-08").worker("张三", entry="2026-07-01", exit="2026-08-20")
    inbox.worked("张三", "2026-07", "22").worked("张三", "2026-08", "22")
    inbox.paid("张三", "5000", "2026-09-10", period="2026-08")
    assert run(inbox, AUG_JUDGED).flags() == []  # July, unpaid, is not watched


def test_a_daily_worker_without_attendance_paid_nothing_is_owed_an_unknown_amount(inbox, run):
    inbox.project().worker("张三", wage_type="日薪", rate="300", entry="2026-08-01", exit="2026-08-20")
    result = run(inbox, AUG_JUDGED)
    assert result.flags() == [
        ("EXIT_NOT_SETTLED", None, "张三"),
        ("MISSED_PAYMENT", "2026-08", "张三"),
        ("NO_PAYROLL", "2026-08", ""),
    ]
    assert result.query(
        "select shortfall_amount, report_finding from (select shortfall_amount, finding_text_zh(rule, period,"
        " worker_name, expected_amount, paid_amount, shortfall_amount, facts) as report_finding from flags"
        " where rule = 'EXIT_NOT_SETTLED')"
    ) == [
        (
            None,
            "张三于2026年8月20日退场，工资应于2026年9月15日前结清；截至统计日仍欠金额未知（日薪且当月无考勤）"
            "（未足额的月份：2026年8月）",
        )
    ]


def test_known_months_paid_in_full_leave_only_an_unknown_amount_owed(inbox, run):
    inbox.project().worker("张三", wage_type="日薪", rate="300", entry="2026-07-01", exit="2026-08-20")
    inbox.worked("张三", "2026-07", "22").paid("张三", "6600", "2026-08-10", period="2026-07")
    result = run(inbox, AUG_JUDGED)  # August: no attendance, nothing paid
    assert ("EXIT_NOT_SETTLED", None, "张三") in result.flags()
    assert result.query(
        "select expected_amount, paid_amount, shortfall_amount, finding_text_zh(rule, period, worker_name,"
        " expected_amount, paid_amount, shortfall_amount, facts) from flags where rule = 'EXIT_NOT_SETTLED'"
    ) == [
        (
            Decimal("6600.00"),
            Decimal("6600.00"),
            None,
            "张三于2026年8月20日退场，工资应于2026年9月15日前结清；截至统计日仍欠金额未知（日薪且当月无考勤）"
            "（未足额的月份：2026年8月）",
        )
    ]


# EXCESSIVE_PAYMENT, yearly form


def _paid_monthly(inbox, amount: str, months: list[str]):
    inbox.project().worker("张三", rate=amount, entry=f"{months[0]}-01")
    for period in months:
        year, month = int(period[:4]), int(period[5:])
        paid_at = f"{year + month // 12}-{month % 12 + 1:02d}-10"
        inbox.worked("张三", period, "22").paid("张三", amount, paid_at, period=period)
    return inbox


JANUARY_TO_JULY = [f"2026-{month:02d}" for month in range(1, 8)]


def test_more_than_the_yearly_amount_over_a_years_months_flags_excessive_payment(inbox, run):
    result = run(_paid_monthly(inbox, "45000", JANUARY_TO_JULY), date(2026, 8, 16))
    assert result.flags() == [("EXCESSIVE_PAYMENT", "2026-07", "张三")]  # 315,000, none above 50,000
    assert result.query("select paid_amount, facts.limit_amount, facts.paid_year, detail from flags") == [
        (
            Decimal("315000.00"),
            Decimal("300000.00"),
            "2026",
            "paid ¥315,000.00 for the months of 2026, above the ¥300,000.00 a worker may receive for one "
            "year (passed in 2026-07)",
        )
    ]
    zh = result.query(
        "select finding_text_zh(rule, period, worker_name, expected_amount, paid_amount, shortfall_amount,"
        " facts) from flags"
    )
    assert zh == [("2026年各月共收到¥315,000.00，超过单人全年¥300,000.00的上限（自2026年7月起超过）",)]


def test_exactly_the_yearly_amount_is_not_excessive(inbox, run):
    assert run(_paid_monthly(inbox, "50000", JANUARY_TO_JULY[:6]), date(2026, 7, 16)).flags() == []


def test_the_yearly_bound_counts_the_months_of_one_calendar_year(inbox, run):
    months = ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04"]
    assert run(_paid_monthly(inbox, "45000", months), date(2026, 5, 16)).flags() == []  # 135k + 180k


def test_a_month_not_yet_judged_does_not_count_toward_the_year(inbox, run):
    assert run(_paid_monthly(inbox, "45000", JANUARY_TO_JULY), date(2026, 8, 15)).flags() == []


def test_one_month_above_both_bounds_raises_both_forms(inbox, run):
    result = run(_paid_monthly(inbox, "300000.01", ["2026-08"]), AUG_JUDGED)
    assert result.flags() == [
        ("EXCESSIVE_PAYMENT", "2026-08", "张三"),
        ("EXCESSIVE_PAYMENT", "2026-08", "张三"),
    ]
    assert sorted(
        result.query("select facts.form, facts.limit_amount from flags"), key=lambda row: row[1]
    ) == [
        (None, Decimal("50000.00")),
        ("yearly", Decimal("300000.00")),
    ]
    assert result.query("select count(distinct flag_id) from flags") == [(2,)]
