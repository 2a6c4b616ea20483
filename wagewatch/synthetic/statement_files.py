"""Statement files as banks export them: one file per wage account and calendar month, opening and
closing balance lines, running balances, a total row; two layouts (debit and credit columns in UTF-8,
one amount with a direction in GB18030), by the project's number."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from wagewatch.synthetic.periods import compact_date, first_day, last_day, shift
from wagewatch.synthetic.records import Project
from wagewatch.synthetic.thresholds import ZERO

OPENING, CLOSING, TOTAL = "期初余额", "期末余额", "合计"


@dataclass
class Movement:
    """One movement on a wage account, before it is laid out in its month's file."""

    day: date
    credit: Decimal = ZERO
    debit: Decimal = ZERO
    account: str = ""  # the counterparty's
    name: str = ""
    memo: str = "代发工资"
    is_funding: bool = False


@dataclass(frozen=True)
class StatementLayout:
    """A bank's statement export: its columns (header as written, canonical column), dates, amounts."""

    bank: str
    columns: tuple[tuple[str, str], ...]
    date: Callable[[date], str]
    money: Callable[[Decimal], str]
    encoding: str
    newline: str


@dataclass
class StatementFile:
    """One month of one wage account, as text: the oracle reads the very cells that are written."""

    name: str
    title: list[str]
    layout: StatementLayout
    table: list[list[str]]  # header, data rows, 合计 row


DEBIT_CREDIT = StatementLayout(
    "中国建设银行",
    (
        ("账号", "account"),
        ("交易日期", "booked_at"),
        ("摘要", "memo"),
        ("借方发生额", "debit_amount"),
        ("贷方发生额", "credit_amount"),
        ("余额", "balance_amount"),
        ("对方账号", "counterparty_account"),
        ("对方户名", "counterparty_name"),
        ("流水号", "bank_ref"),
    ),
    date.isoformat,
    lambda amount: f"{amount:,.2f}",
    "utf-8",
    "\n",
)
DIRECTION = StatementLayout(
    "中国工商银行",
    (
        ("账户", "account"),
        ("记账日期", "booked_at"),
        ("交易金额", "amount"),
        ("收支方向", "direction"),
        ("账户余额", "balance_amount"),
        ("对方账号", "counterparty_account"),
        ("对方户名", "counterparty_name"),
        ("用途", "memo"),
        ("交易流水号", "bank_ref"),
    ),
    compact_date,
    lambda amount: f"{amount:.2f}",
    "gb18030",
    "\r\n",
)


def _cells(
    layout: StatementLayout, account: str, day: date, move: Movement | str, balance: Decimal, ref: str = ""
) -> list[str]:
    """A data row's cells in the layout's order; a balance line (move is its memo) moves no money."""
    line = move if isinstance(move, str) else None
    move = None if line is not None else move
    amount = ZERO if move is None else move.credit or move.debit
    values = {
        "account": account,
        "booked_at": layout.date(day),
        "memo": line if move is None else move.memo,
        "debit_amount": layout.money(move.debit) if move and move.debit else "",
        "credit_amount": layout.money(move.credit) if move and move.credit else "",
        "amount": layout.money(amount) if move else "",
        "direction": ("收" if move.credit else "支") if move else "",
        "balance_amount": layout.money(balance),
        "counterparty_account": move.account if move else "",
        "counterparty_name": move.name if move else "",
        "bank_ref": ref,
    }
    return [values[column] for _, column in layout.columns]


def monthly_files(
    project: Project, opening: Decimal, movements: list[Movement], start: date, end: date
) -> list[StatementFile]:
    """The account's statements, a calendar month each from `start` to `end`: an opening balance line
    on the 1st, the month's movements by day (credits first), a closing line on its last day."""
    layout = DIRECTION if project.number % 2 == 0 else DEBIT_CREDIT
    by_month: dict[str, list[tuple[int, Movement]]] = {}
    for number, move in sorted(
        enumerate(movements), key=lambda item: (item[1].day, item[1].credit == ZERO, item[0])
    ):
        by_month.setdefault(f"{move.day.year}-{move.day.month:02d}", []).append((number, move))
    balance, files, month = opening, [], f"{start.year}-{start.month:02d}"
    while first_day(month) <= end:
        closing_day = min(last_day(month), end)
        rows = [_cells(layout, project.wage_account, first_day(month), OPENING, balance)]
        debits = credits = ZERO
        for number, move in by_month.get(month, []):
            if move.day <= closing_day:
                balance += move.credit - move.debit
                debits, credits = debits + move.debit, credits + move.credit
                ref = f"J{compact_date(move.day)}{project.number:03d}{number:05d}"
                rows.append(_cells(layout, project.wage_account, move.day, move, balance, ref))
        rows.append(_cells(layout, project.wage_account, closing_day, CLOSING, balance))
        total = [TOTAL, *[""] * (len(layout.columns) - 1)]
        for position, (_, column) in enumerate(layout.columns):
            if column in ("debit_amount", "credit_amount"):
                total[position] = layout.money(debits if column == "debit_amount" else credits)
        header = [written for written, _ in layout.columns]
        title = [
            f"{layout.bank}农民工工资专用账户交易明细",
            f"户名：{project.name}  账号：{project.wage_account}",
        ]
        name = f"statement_{project.project_id}_{month.replace('-', '')}.csv"
        files.append(StatementFile(name, title, layout, [header, *rows, total]))
        month = shift(month, 1)
    return files


def write_statements(folder: Path, files: list[StatementFile]) -> None:
    for statement in files:
        layout = statement.layout
        with (folder / statement.name).open("w", encoding=layout.encoding, newline="") as handle:
            writer = csv.writer(handle, lineterminator=layout.newline)
            writer.writerows([[line] for line in statement.title])
            writer.writerows(statement.table)
