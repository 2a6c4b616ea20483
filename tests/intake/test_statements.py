"""Wage account statements at intake (docs/contract.md section 1): the layouts banks export (debit and
credit columns, one amount with a direction, a signed amount), title and total lines, files in the wrong
folder, bad rows quarantined with their reasons, overlapping statements counted once."""

from datetime import date
from decimal import Decimal

from tests.helpers.inbox_builder import (
    BANK_HEADER,
    CARDS,
    STATEMENT_HEADER,
    WAGE_ACCOUNT,
    bank_row,
    write_csv,
)
from tests.intake.test_intake import _assert_rows_add_up, _base, _files

AUG_JUDGED = date(2026, 10, 1)
FUNDER = "1502000000000000888"


def _movements(result) -> list[tuple]:
    return result.query(
        "select row_number, direction, credit_amount, debit_amount, account_balance_amount, is_superseded "
        "from account_movements order by source_file, row_number"
    )


def test_a_statement_in_debit_and_credit_columns_with_title_and_total_lines(inbox, run):
    _base(inbox).write()
    lines = [
        "中国建设银行 农民工工资专用账户 交易明细",
        f"账号：{WAGE_ACCOUNT}  起止日期：2026-09-01 至 2026-09-30",
        ",".join(STATEMENT_HEADER),
        f"{WAGE_ACCOUNT},2026-09-01,,,1000.00,,,期初余额,",
        f'{WAGE_ACCOUNT},2026/9/5,,"12,000.00","13,000.00",{FUNDER},某某建设单位,人工费,S1',
        f"{WAGE_ACCOUNT},20260910,5000.00,,8000.00,{CARDS['张三']},张三,代发工资,S2",
        "合计,,5000.00,12000.00,,,,,",
    ]
    (inbox.root / "accounts" / "ccb_202609.csv").write_bytes("\r\n".join(lines).encode("gb18030"))
    result = run(inbox.root, AUG_JUDGED)
    assert _files(result)["accounts/ccb_202609.csv"] == ("loaded", None, 7, 4, 3, 3, 0)
    assert _movements(result) == [
        (4, "balance", Decimal("0.00"), Decimal("0.00"), Decimal("1000.00"), False),
        (5, "credit", Decimal("12000.00"), Decimal("0.00"), Decimal("13000.00"), False),
        (6, "debit", Decimal("0.00"), Decimal("5000.00"), Decimal("8000.00"), False),
    ]
    card = result.query(
        "select counterparty_account_last4, is_roster_card from account_movements where row_number = 6"
    )
    assert card == [(CARDS["张三"][-4:], True)]


def test_one_amount_with_a_direction_or_a_sign_is_read_as_a_credit_or_a_debit(inbox, run):
    _base(inbox).write()
    header = [
        "账号",
        "记账日期",
        "交易金额",
        "收支方向",
        "账户余额",
        "对方账号",
        "对方户名",
        "用途",
        "交易流水号",
    ]
    write_csv(
        inbox.root / "accounts" / "direction.csv",
        header,
        [
            [
                WAGE_ACCOUNT,
                "2026-09-05",
                "12000.00",
                "收",
                "12000.00",
                FUNDER,
                "某某建设单位",
                "人工费",
                "D1",
            ],
            [WAGE_ACCOUNT, "2026-09-10", "5000.00", "支", "7000.00", CARDS["张三"], "张三", "工资", "D2"],
            [WAGE_ACCOUNT, "2026-09-11", "-2.00", "借", "6998.00", "", "", "短信费", "D3"],
        ],
    )
    write_csv(
        inbox.root / "accounts" / "signed.csv",
        ["账号", "交易日期", "发生额", "余额", "摘要", "流水号"],
        [[WAGE_ACCOUNT, "2026-09-12", "-100.00", "6898.00", "手续费", "G1"]],
    )
    result = run(inbox.root, AUG_JUDGED)
    assert [row[:4] for row in _movements(result)] == [
        (2, "credit", Decimal("12000.00"), Decimal("0.00")),
        (3, "debit", Decimal("0.00"), Decimal("5000.00")),
        (4, "debit", Decimal("0.00"), Decimal("2.00")),
        (2, "debit", Decimal("0.00"), Decimal("100.00")),
    ]


def test_a_statement_in_the_bank_folder_is_told_apart_and_a_payroll_in_the_accounts_folder_too(
    inbox, full_run
):
    _base(inbox).write()
    statement = [
        [WAGE_ACCOUNT, "2026-09-05", "", "12000.00", "12000.00", FUNDER, "某某建设单位", "人工费", "S1"]
    ]
    write_csv(inbox.root / "bank" / "statement.csv", STATEMENT_HEADER, statement)
    payroll = [bank_row("张三", "5000", "2026-09-10", ref="B1", period="2026-08")]
    write_csv(inbox.root / "accounts" / "payroll.csv", BANK_HEADER, payroll)
    result = full_run(inbox.root, AUG_JUDGED)
    files = _files(result)
    assert files["bank/statement.csv"][:2] == (
        "rejected",
        "this looks like a accounts file, not bank: wrong folder?",
    )
    assert files["accounts/payroll.csv"][:2] == (
        "rejected",
        "this looks like a bank file, not accounts: wrong folder?",
    )


def test_unusable_statement_rows_are_quarantined_with_their_reasons(inbox, run):
    _base(inbox).write()
    good = [WAGE_ACCOUNT, "2026-09-05", "", "100.00", "100.00", FUNDER, "某某建设单位", "人工费", "S1"]
    rows = [
        good,
        [*good[:4], "", *good[5:8], "S2"],
        [WAGE_ACCOUNT, "someday", *good[2:8], "S3"],
        [WAGE_ACCOUNT, "2026-09-06", "5.00", "5.00", *good[4:8], "S4"],
        ["6.22202020001234E+18", *good[1:8], "S5"],
        [*good[:3], "abc", *good[4:8], "S6"],
        ["6222999900001111222", *good[1:8], "S7"],
    ]
    write_csv(inbox.root / "accounts" / "statement.csv", STATEMENT_HEADER, rows)
    result = run(inbox.root, AUG_JUDGED)
    assert sorted(result.query("select row_number, reason from quarantine")) == [
        (3, "balance_amount is missing"),
        (4, "booked_at is not a date"),
        (5, "both a debit and a credit on one row"),
        (6, "account was stored as a number and lost digits"),
        (7, "debit_amount, credit_amount or amount is not a number"),
        (8, "the account is not the wage account of exactly one registered project"),
    ]
    assert [row[0] for row in _movements(result)] == [2]
    _assert_rows_add_up(result)
    raw = result.query("select raw from quarantine where row_number = 8")[0][0]
    assert "6222999900001111222" not in raw and "****1222" in raw


def test_an_unknown_direction_is_quarantined(inbox, run):
    _base(inbox).write()
    header = ["账号", "交易日期", "交易金额", "收支方向", "余额", "摘要"]
    write_csv(
        inbox.root / "accounts" / "x.csv", header, [[WAGE_ACCOUNT, "2026-09-05", "100", "转", "100", "?"]]
    )
    result = run(inbox.root, AUG_JUDGED)
    assert result.query("select reason from quarantine") == [
        ("direction is neither money in (收, 贷) nor money out (支, 借)",)
    ]


def test_a_movement_in_two_overlapping_statements_counts_once(inbox, run):
    _base(inbox).write()
    first = [
        [WAGE_ACCOUNT, "2026-09-01", "", "", "0.00", "", "", "期初余额", ""],
        [WAGE_ACCOUNT, "2026-09-05", "", "100.00", "100.00", FUNDER, "某某建设单位", "人工费", "S1"],
    ]
    second = [*first, [WAGE_ACCOUNT, "2026-09-08", "40.00", "", "60.00", "3301", "某公司", "材料款", "S2"]]
    write_csv(inbox.root / "accounts" / "a_0905.csv", STATEMENT_HEADER, first)
    write_csv(inbox.root / "accounts" / "b_0908.csv", STATEMENT_HEADER, second)
    result = run(inbox.root, AUG_JUDGED)
    superseded = result.query("select source_file, row_number from account_movements where is_superseded")
    assert sorted(superseded) == [("accounts/a_0905.csv", 2), ("accounts/a_0905.csv", 3)]
    days = result.query(
        "select balance_date, credit_amount, debit_amount, account_balance_amount from account_balances "
        "where balance_date in ('2026-09-01', '2026-09-05', '2026-09-07', '2026-09-08') order by 1"
    )
    assert days == [
        (date(2026, 9, 1), Decimal("0.00"), Decimal("0.00"), Decimal("0.00")),
        (date(2026, 9, 5), Decimal("100.00"), Decimal("0.00"), Decimal("100.00")),
        (date(2026, 9, 7), Decimal("0.00"), Decimal("0.00"), Decimal("100.00")),  # carried over
        (date(2026, 9, 8), Decimal("0.00"), Decimal("40.00"), Decimal("60.00")),
    ]
    assert result.query("select count(*) from account_balances") == [(8,)]


def test_a_statement_listed_newest_first_closes_the_day_on_its_last_booked_row(inbox, run):
    _base(inbox).write()
    rows = [
        [WAGE_ACCOUNT, "2026-09-06", "30.00", "", "70.00", "3301", "某公司", "材料款", "S3"],
        [WAGE_ACCOUNT, "2026-09-05", "", "50.00", "100.00", FUNDER, "某某建设单位", "人工费", "S2"],
        [WAGE_ACCOUNT, "2026-09-05", "", "50.00", "50.00", FUNDER, "某某建设单位", "人工费", "S1"],
    ]
    write_csv(inbox.root / "accounts" / "newest_first.csv", STATEMENT_HEADER, rows)
    result = run(inbox.root, AUG_JUDGED)
    assert result.query("select balance_date, account_balance_amount from account_balances order by 1") == [
        (date(2026, 9, 5), Decimal("100.00")),
        (date(2026, 9, 6), Decimal("70.00")),
    ]


def test_a_movement_booked_after_the_as_of_date_is_kept_with_a_warning_and_not_counted(inbox, run):
    _base(inbox).write()
    rows = [[WAGE_ACCOUNT, "2026-10-05", "", "100.00", "100.00", FUNDER, "某某建设单位", "人工费", "S1"]]
    write_csv(inbox.root / "accounts" / "statement.csv", STATEMENT_HEADER, rows)
    result = run(inbox.root, AUG_JUDGED)
    assert result.query("select reason from intake_warnings") == [
        ("booked after the as-of date: not counted yet",)
    ]
    assert result.query("select count(*) from account_movements") == [(1,)]
    assert result.query("select count(*) from account_balances") == [(0,)]
