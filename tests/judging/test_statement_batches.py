"""Payroll runs the bank books as one lump debit on the wage account (代发工资 to its clearing account),
while the bank's payroll result file lists the transfers one by one: wages paid, not WAGE_ACCOUNT_MISUSE,
when the debit is exactly a batch's total on the same day; misuse when it is not (docs/contract.md
section 3.3).

The scene is test_statement_rules.py's: P360802-0001 pays on the 15th; 张三 (5,000) and 李四 (6,000)
were paid for August on 2026-09-10; the construction unit funds 12,000 on 2026-09-05.
"""

from decimal import Decimal

from tests.judging.test_statement_rules import AUG_JUDGED, _august, _closed, statement_flags

MISUSE = [("WAGE_ACCOUNT_MISUSE", "2026-08", "")]


def _funded(inbox, **august):
    return _august(inbox, **august).funded("2026-09-05", "12000.00")


def _batches(result) -> list[tuple]:
    return result.query(
        "select booked_date::varchar, debit_amount, is_payroll_batch from account_movements "
        "where direction = 'debit' order by row_number"
    )


def test_a_lump_debit_equal_to_the_days_payroll_is_wages_paid_not_misuse(inbox, run):
    inbox = _closed(_funded(inbox).paid_in_batch("2026-09-10", "11000.00"))
    result = run(inbox, AUG_JUDGED)
    assert result.flags() == []
    assert _batches(result) == [("2026-09-10", Decimal("11000.00"), True)]
    assert result.query("select level from project_periods where period = '2026-08'") == [("green",)]


def test_a_lump_debit_one_fen_above_the_days_payroll_is_flagged_wage_account_misuse(inbox, run):
    inbox = _closed(_funded(inbox).paid_in_batch("2026-09-10", "11000.01"))
    result = run(inbox, AUG_JUDGED)
    assert statement_flags(result) == MISUSE
    assert result.query("select paid_amount, detail from flags")[0][0] == Decimal("11000.01")
    assert "代发工资过渡户" in result.query("select detail from flags")[0][0]
    assert _batches(result) == [("2026-09-10", Decimal("11000.01"), False)]


def test_a_lump_debit_one_fen_below_the_days_payroll_is_flagged_wage_account_misuse(inbox, run):
    inbox = _closed(_funded(inbox).paid_in_batch("2026-09-10", "10999.99"))
    assert statement_flags(run(inbox, AUG_JUDGED)) == MISUSE


def test_a_lump_debit_booked_the_day_after_the_transfers_is_flagged_wage_account_misuse(inbox, run):
    inbox = _closed(_funded(inbox).paid_in_batch("2026-09-11", "11000.00"))
    assert statement_flags(run(inbox, AUG_JUDGED)) == MISUSE


def test_two_bank_files_on_one_day_booked_as_two_lumps_each_match_their_own_file(inbox, run):
    inbox.project().worker("张三").worker("李四", rate="6000")
    inbox.worked("张三", "2026-08", "22").worked("李四", "2026-08", "22")
    inbox.paid("张三", "5000.00", "2026-09-10", period="2026-08")
    inbox.paid("李四", "6000.00", "2026-09-10", period="2026-08", file="bank_second_run.csv")
    inbox.opened("2026-08-01").funded("2026-09-05", "12000.00")
    inbox.paid_in_batch("2026-09-10", "5000.00").paid_in_batch("2026-09-10", "6000.00")
    result = run(_closed(inbox), AUG_JUDGED)
    assert result.flags() == []
    assert [row[2] for row in _batches(result)] == [True, True]


def test_two_lumps_that_split_one_files_transfers_otherwise_are_misuse(inbox, run):
    # one file of 11,000 booked as 4,000 and 7,000: neither is the day's or a file's total
    inbox = _closed(
        _funded(inbox).paid_in_batch("2026-09-10", "4000.00").paid_in_batch("2026-09-10", "7000.00")
    )
    assert statement_flags(run(inbox, AUG_JUDGED)) == MISUSE * 2


def test_a_failed_transfer_is_not_in_the_batch(inbox, run):
    inbox.project().worker("张三").worker("李四", rate="6000")
    inbox.worked("张三", "2026-08", "22").worked("李四", "2026-08", "22")
    inbox.paid("张三", "5000.00", "2026-09-10", period="2026-08")
    inbox.paid("李四", "6000.00", "2026-09-10", period="2026-08", status="失败")
    inbox.opened("2026-08-01").funded("2026-09-05", "12000.00").paid_in_batch("2026-09-10", "11000.00")
    result = run(_closed(inbox), AUG_JUDGED)
    assert ("WAGE_ACCOUNT_MISUSE", "2026-08", "") in result.flags()
    assert ("MISSED_PAYMENT", "2026-08", "李四") in result.flags()


def test_a_lone_transfer_to_a_card_on_no_roster_booked_on_its_own_is_still_misuse(inbox, run):
    # the debit is the day's whole payroll, but it went to the transfer's own payee: not a lump
    outsider = "6228480000000000999"
    inbox.project().worker("张三").worked("张三", "2026-08", "22")
    inbox.paid("张三", "5000.00", "2026-09-10", period="2026-08", account=outsider)
    inbox.opened("2026-08-01").funded("2026-09-05", "12000.00")
    inbox.paid_out("张三", "5000.00", "2026-09-10", counterparty=outsider)
    result = run(_closed(inbox), AUG_JUDGED)
    assert ("WAGE_ACCOUNT_MISUSE", "2026-08", "") in result.flags()
    assert _batches(result) == [("2026-09-10", Decimal("5000.00"), False)]


def test_a_lump_payroll_on_the_due_date_leaves_the_balance_rules_as_they_were(inbox, run):
    # the lump lowers the balance as the two transfers would: short the day before, not misuse
    inbox = _august(inbox, paid_on="2026-09-15").funded("2026-09-05", "10000.00")
    result = run(_closed(inbox.paid_in_batch("2026-09-15", "11000.00")), AUG_JUDGED)
    assert statement_flags(result) == [("WAGE_ACCOUNT_SHORT", "2026-08", "")]
    assert result.query("select shortfall_amount from flags") == [(Decimal("1000.00"),)]
