"""The four wage-account rules, each planted in a tiny inbox's statement, found exactly, with the near
misses that must not be flagged (docs/contract.md section 3.3).

The scene: project P360802-0001 pays on the 15th, so August's wages are due 2026-09-15 and August's
funding window runs from 2026-09-01 to 2026-09-15. 张三 earns 5,000 a month and 李四 6,000; both worked
all of August and were paid on 2026-09-10. The wage account's statement opens on 2026-08-01 and closes
on 2026-09-30; the construction unit funds it on 2026-09-05.
"""

from datetime import date
from decimal import Decimal

from wagewatch.settings import Config

AUG_JUDGED = date(2026, 10, 1)  # past 2026-09-15: August is judged, September is still pending
STATEMENT_RULES = {
    "LABOR_COST_NOT_FUNDED",
    "WAGE_ACCOUNT_SHORT",
    "FUNDING_REPEATEDLY_MISSED",
    "WAGE_ACCOUNT_MISUSE",
}
SUPPLIER_ACCOUNT, SUPPLIER = "3301000000000777001", "某某建材有限公司"


def statement_flags(store) -> list[tuple]:
    return [flag for flag in store.flags() if flag[0] in STATEMENT_RULES]


def _august(inbox, *, opening: str = "0", paid_on: str = "2026-09-10"):
    """Roster, attendance and bank payments for August; the statement's opening line only."""
    inbox.project().worker("张三").worker("李四", rate="6000")
    inbox.worked("张三", "2026-08", "22").worked("李四", "2026-08", "22")
    inbox.paid("张三", "5000.00", paid_on, period="2026-08").paid(
        "李四", "6000.00", paid_on, period="2026-08"
    )
    return inbox.opened("2026-08-01", opening)


def _paid_out(inbox, paid_on: str = "2026-09-10"):
    return inbox.paid_out("张三", "5000.00", paid_on).paid_out("李四", "6000.00", paid_on)


def _closed(inbox, day: str = "2026-09-30"):
    return inbox.moved(day, memo="期末余额", ref="", balance=str(inbox.balances[next(iter(inbox.balances))]))


def test_labour_costs_funded_in_the_window_raise_no_flag(inbox, run):
    inbox = _closed(_paid_out(_august(inbox).funded("2026-09-05", "12000.00")))
    result = run(inbox, AUG_JUDGED)
    assert result.flags() == []
    assert result.query("select level from project_periods where period = '2026-08'") == [("green",)]


def test_no_credit_in_the_funding_window_is_flagged_labor_cost_not_funded(inbox, run):
    inbox = _closed(_paid_out(_august(inbox, opening="20000.00")))
    result = run(inbox, AUG_JUDGED)
    assert statement_flags(result) == [("LABOR_COST_NOT_FUNDED", "2026-08", "")]
    row = result.query("select severity, expected_amount, detail, len(evidence) from flags")[0]
    assert row[0] == "red" and row[1] == Decimal("11000.00")
    assert "2026-09-01 to 2026-09-15" in row[2]
    assert row[3] == 2  # the window's two payroll debits
    assert result.query("select level from project_periods where period = '2026-08'") == [("red",)]


def test_labour_costs_funded_on_the_last_day_of_the_window_are_funded_in_time(inbox, run):
    # near miss: the due date itself is the window's last day
    inbox = _closed(_paid_out(_august(inbox, opening="20000.00")).funded("2026-09-15", "11000.00"))
    assert statement_flags(run(inbox, AUG_JUDGED)) == []


def test_funding_credited_the_day_after_the_window_is_flagged_labor_cost_not_funded(inbox, run):
    inbox = _closed(_paid_out(_august(inbox, opening="20000.00")).funded("2026-09-16", "11000.00"))
    assert statement_flags(run(inbox, AUG_JUDGED)) == [("LABOR_COST_NOT_FUNDED", "2026-08", "")]


def test_funding_booked_in_the_month_worked_is_not_in_the_window(inbox, run):
    inbox = _closed(_paid_out(_august(inbox).funded("2026-08-31", "11000.00")))
    assert statement_flags(run(inbox, AUG_JUDGED)) == [("LABOR_COST_NOT_FUNDED", "2026-08", "")]


def test_a_refund_from_a_workers_card_is_not_funding(inbox, run):
    inbox = _paid_out(_august(inbox, opening="20000.00"))
    inbox.moved("2026-09-11", credit="5000.00", counterparty=inbox.cards["张三"], name="张三", memo="退票")
    result = run(_closed(inbox), AUG_JUDGED)
    assert statement_flags(result) == [("LABOR_COST_NOT_FUNDED", "2026-08", "")]
    assert result.query("select len(evidence) from flags where rule = 'LABOR_COST_NOT_FUNDED'") == [(3,)]


def test_funding_days_before_pay_day_ends_the_window_earlier(inbox, run, tmp_path):
    config_file = tmp_path / "wagewatch.toml"
    config_file.write_text("[rules]\nfunding_days_before_pay_day = 5\n", encoding="utf-8")
    config = Config.load(config_file)
    on_the_bound = _closed(_paid_out(_august(inbox, opening="20000.00")).funded("2026-09-10", "11000.00"))
    assert statement_flags(run(on_the_bound, AUG_JUDGED, config)) == []


def test_funding_after_the_earlier_window_end_is_flagged(inbox, run, tmp_path):
    config_file = tmp_path / "wagewatch.toml"
    config_file.write_text("[rules]\nfunding_days_before_pay_day = 5\n", encoding="utf-8")
    late = _closed(_paid_out(_august(inbox, opening="20000.00")).funded("2026-09-11", "11000.00"))
    result = run(late, AUG_JUDGED, Config.load(config_file))
    assert statement_flags(result) == [("LABOR_COST_NOT_FUNDED", "2026-08", "")]
    assert (
        "2026-09-01 to 2026-09-10" in result.query("select detail from flags where period = '2026-08'")[0][0]
    )


def test_a_project_without_statements_is_not_judged_for_funding(inbox, run):
    inbox = _august(inbox)
    inbox.statement.clear()
    result = run(inbox, AUG_JUDGED)
    assert result.flags() == []
    assert result.query("select count(*) from account_balances") == [(0,)]


def test_statements_that_end_before_the_window_ends_leave_funding_unjudged(inbox, run):
    inbox = _paid_out(_august(inbox, opening="20000.00"))  # the last row is booked on 2026-09-10
    assert statement_flags(run(inbox, AUG_JUDGED)) == []


def test_statements_that_begin_inside_the_window_leave_funding_unjudged(inbox, run):
    inbox.project().worker("张三").worker("李四", rate="6000")
    inbox.worked("张三", "2026-08", "22").worked("李四", "2026-08", "22")
    inbox.paid("张三", "5000.00", "2026-09-10", period="2026-08").paid(
        "李四", "6000.00", "2026-09-10", period="2026-08"
    )
    inbox = _closed(_paid_out(inbox.opened("2026-09-03", "20000.00")))
    assert statement_flags(run(inbox, AUG_JUDGED)) == []


def test_a_pending_period_is_not_judged_for_funding(inbox, run):
    inbox = _closed(_paid_out(_august(inbox, opening="20000.00")))
    assert statement_flags(run(inbox, date(2026, 9, 15))) == []  # the due date itself: still pending


# WAGE_ACCOUNT_SHORT: wages paid on the due date itself, so all 11,000 are still to be paid the day before.


def test_balance_below_the_wages_still_to_pay_the_day_before_is_flagged_wage_account_short(inbox, run):
    inbox = _closed(
        _paid_out(_august(inbox, paid_on="2026-09-15").funded("2026-09-05", "10000.00"), "2026-09-15")
    )
    result = run(inbox, AUG_JUDGED)
    assert statement_flags(result) == [("WAGE_ACCOUNT_SHORT", "2026-08", "")]
    row = result.query("select severity, expected_amount, shortfall_amount, detail, evidence from flags")[0]
    assert row[:3] == ("amber", Decimal("11000.00"), Decimal("1000.00"))
    assert "end of 2026-09-14" in row[3]
    assert [item["row_number"] for item in row[4]] == [3]  # the funding row: the balance the day ended on


def test_balance_exactly_the_wages_still_to_pay_is_not_short(inbox, run):
    inbox = _closed(
        _paid_out(_august(inbox, paid_on="2026-09-15").funded("2026-09-05", "11000.00"), "2026-09-15")
    )
    assert statement_flags(run(inbox, AUG_JUDGED)) == []


def test_wages_paid_before_the_day_are_no_longer_to_pay(inbox, run):
    # 张三 was paid on 2026-09-10: only 李四's 6,000 is still to pay on 2026-09-14, and the account holds it
    inbox.project().worker("张三").worker("李四", rate="6000")
    inbox.worked("张三", "2026-08", "22").worked("李四", "2026-08", "22")
    inbox.paid("张三", "5000.00", "2026-09-10", period="2026-08").paid(
        "李四", "6000.00", "2026-09-15", period="2026-08"
    )
    inbox.opened("2026-08-01").funded("2026-09-05", "11000.00")
    inbox.paid_out("张三", "5000.00", "2026-09-10").paid_out("李四", "6000.00", "2026-09-15")
    assert statement_flags(run(_closed(inbox), AUG_JUDGED)) == []


def test_a_cent_below_the_last_workers_wages_is_short(inbox, run):
    inbox.project().worker("张三").worker("李四", rate="6000")
    inbox.worked("张三", "2026-08", "22").worked("李四", "2026-08", "22")
    inbox.paid("张三", "5000.00", "2026-09-10", period="2026-08").paid(
        "李四", "6000.00", "2026-09-15", period="2026-08"
    )
    inbox.opened("2026-08-01").funded("2026-09-05", "10999.99")
    inbox.paid_out("张三", "5000.00", "2026-09-10").paid_out("李四", "6000.00", "2026-09-15")
    result = run(_closed(inbox), AUG_JUDGED)
    assert statement_flags(result) == [("WAGE_ACCOUNT_SHORT", "2026-08", "")]
    assert result.query("select shortfall_amount from flags where rule = 'WAGE_ACCOUNT_SHORT'") == [
        (Decimal("0.01"),)
    ]


# WAGE_ACCOUNT_MISUSE


def test_a_debit_to_a_supplier_is_flagged_wage_account_misuse(inbox, run):
    inbox = _paid_out(_august(inbox).funded("2026-09-05", "20000.00"))
    inbox.moved("2026-09-20", debit="8000.00", counterparty=SUPPLIER_ACCOUNT, name=SUPPLIER, memo="材料款")
    result = run(_closed(inbox), AUG_JUDGED)
    assert statement_flags(result) == [("WAGE_ACCOUNT_MISUSE", "2026-08", "")]
    row = result.query("select severity, paid_amount, detail, evidence from flags")[0]
    assert row[:2] == ("amber", Decimal("8000.00"))
    assert SUPPLIER in row[2] and "ending 7001" in row[2] and "材料款" in row[2]
    assert [(item["kind"], item["row_number"]) for item in row[3]] == [("account", 6)]


def test_wages_debited_to_registered_cards_are_not_misuse(inbox, run):
    inbox = _closed(_paid_out(_august(inbox).funded("2026-09-05", "12000.00")))
    assert run(inbox, AUG_JUDGED).query("select count(*) from flags") == [(0,)]


def test_wages_debited_to_a_card_on_no_roster_are_misuse(inbox, run):
    inbox = _august(inbox).funded("2026-09-05", "12000.00")
    inbox.paid_out("张三", "5000.00", "2026-09-10", counterparty="6228480000000000999")
    inbox.paid_out("李四", "6000.00", "2026-09-10")
    assert statement_flags(run(_closed(inbox), AUG_JUDGED)) == [("WAGE_ACCOUNT_MISUSE", "2026-08", "")]


def test_a_bank_fee_at_the_bound_is_not_misuse(inbox, run):
    inbox = _paid_out(_august(inbox).funded("2026-09-05", "12000.00"))
    inbox.moved("2026-09-21", debit="50.00", name="中国建设银行", memo="账户管理费")
    assert statement_flags(run(_closed(inbox), AUG_JUDGED)) == []


def test_a_bank_fee_above_the_bound_is_misuse(inbox, run):
    inbox = _paid_out(_august(inbox).funded("2026-09-05", "12000.00"))
    inbox.moved("2026-09-21", debit="50.01", name="中国建设银行", memo="手续费")
    assert statement_flags(run(_closed(inbox), AUG_JUDGED)) == [("WAGE_ACCOUNT_MISUSE", "2026-08", "")]


def test_a_debit_for_a_pending_period_is_not_flagged_yet(inbox, run):
    # booked in September, so it belongs to August, which is still pending on 2026-09-15
    inbox = _paid_out(_august(inbox).funded("2026-09-05", "20000.00"))
    inbox.moved("2026-09-12", debit="8000.00", counterparty=SUPPLIER_ACCOUNT, name=SUPPLIER, memo="材料款")
    assert statement_flags(run(_closed(inbox), date(2026, 9, 15))) == []


# FUNDING_REPEATEDLY_MISSED: 张三 on a monthly wage from August, no attendance (the roster stands in),
# the statement from 2026-08-01 to 2027-01-31 with a large opening balance; labour costs funded on the
# 5th of each month after the one worked, except in the months the test leaves out.

MONTHS = ("2026-08", "2026-09", "2026-10", "2026-11", "2026-12")
FIVE_JUDGED = date(2027, 2, 1)  # December is due 2027-01-15


def _months_funded(inbox, missed: set[str]):
    inbox.project().worker("张三").opened("2026-08-01", "100000.00")
    for period in MONTHS:
        year, month = int(period[:4]), int(period[5:])
        following = f"{year + month // 12}-{month % 12 + 1:02d}"
        if period not in missed:
            inbox.funded(f"{following}-05", "5000.00")
        inbox.paid("张三", "5000.00", f"{following}-10", period=period).paid_out(
            "张三", "5000.00", f"{following}-10"
        )
    return _closed(inbox, "2027-01-31")


def _funding_flags(store) -> list[tuple]:
    return [flag[:2] for flag in statement_flags(store)]


def test_two_months_in_a_row_unfunded_are_flagged_funding_repeatedly_missed(inbox, run):
    result = run(_months_funded(inbox, {"2026-09", "2026-10"}), FIVE_JUDGED)
    assert _funding_flags(result) == [
        ("FUNDING_REPEATEDLY_MISSED", "2026-10"),
        ("LABOR_COST_NOT_FUNDED", "2026-09"),
        ("LABOR_COST_NOT_FUNDED", "2026-10"),
    ]
    row = result.query(
        "select severity, detail, len(evidence) from flags where rule = 'FUNDING_REPEATEDLY_MISSED'"
    )
    assert row[0][0] == "red" and "2 judged periods" in row[0][1] and "2 in a row" in row[0][1]


def test_two_unfunded_months_apart_are_not_repeated(inbox, run):
    result = run(_months_funded(inbox, {"2026-08", "2026-10"}), FIVE_JUDGED)
    assert _funding_flags(result) == [
        ("LABOR_COST_NOT_FUNDED", "2026-08"),
        ("LABOR_COST_NOT_FUNDED", "2026-10"),
    ]


def test_three_unfunded_months_in_twelve_are_flagged_funding_repeatedly_missed(inbox, run):
    result = run(_months_funded(inbox, {"2026-08", "2026-10", "2026-12"}), FIVE_JUDGED)
    assert ("FUNDING_REPEATEDLY_MISSED", "2026-12") in _funding_flags(result)
    assert result.query("select detail from flags where rule = 'FUNDING_REPEATEDLY_MISSED'")[0][0].endswith(
        "(2026-08, 2026-10, 2026-12), at most 1 in a row"
    )


def test_an_unfunded_month_before_the_window_does_not_count(inbox, run, tmp_path):
    config_file = tmp_path / "wagewatch.toml"
    config_file.write_text("[rules]\nfunding_window_months = 4\n", encoding="utf-8")
    result = run(
        _months_funded(inbox, {"2026-08", "2026-10", "2026-12"}), FIVE_JUDGED, Config.load(config_file)
    )
    assert "FUNDING_REPEATEDLY_MISSED" not in {rule for rule, _ in _funding_flags(result)}


def test_the_consecutive_bound_is_configurable(inbox, run, tmp_path):
    config_file = tmp_path / "wagewatch.toml"
    config_file.write_text("[rules]\nfunding_missed_consecutive = 3\n", encoding="utf-8")
    result = run(_months_funded(inbox, {"2026-09", "2026-10"}), FIVE_JUDGED, Config.load(config_file))
    assert "FUNDING_REPEATEDLY_MISSED" not in {rule for rule, _ in _funding_flags(result)}
