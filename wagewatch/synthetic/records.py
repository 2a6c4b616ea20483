"""The records of a synthetic inbox, as they are written: roster stints, outsiders, projects, bank rows,
bank layouts and files, and the shapes the other modules pass between them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

MONTHLY, DAILY = "月薪", "日薪"  # a worker's 计薪方式
CONTRACT_SIGNED = "是"  # an ordinary worker's 是否签订劳动合同
SUCCESS, FAILURE = "成功", "失败"  # a bank row's 状态


@dataclass
class Worker:
    """One roster row: a stint of one worker on one project, exactly as it is written."""

    project_id: str
    name: str
    id_number: str
    team: str
    subcontractor: str
    trade: str
    bank_account: str
    bank_name: str
    wage_type: str
    wage_rate: Decimal
    entry_date: date
    exit_date: date | None
    phone: str
    contract: str = CONTRACT_SIGNED  # the 是否签订劳动合同 cell


@dataclass(frozen=True)
class Person:
    """Someone paid or attending who is on no roster of the project: a labour boss, a ghost."""

    name: str
    id_number: str
    bank_account: str


@dataclass
class Project:
    number: int  # 1-based; odd projects send XLSX rosters, even ones GB18030 CSV
    project_id: str
    name: str
    region_code: str
    contractor: str
    credit_code: str
    wage_account: str
    pay_day: int
    sector: str
    start_date: date
    end_date: date
    workers: list[Worker] = field(default_factory=list)
    contract_amount: Decimal | None = None  # 合同金额, written blank when None (deposits.py)


@dataclass
class BankRow:
    project: Project
    payee: Worker | Person
    amount: Decimal
    paid_at: date
    period: str  # the period the payment is for; written only where the file's layout has room
    status: str = SUCCESS
    reason: str = ""
    hide_id: bool = False
    grouped: bool = False
    bank_ref: str = ""
    payer_account: str = ""  # empty: the project's wage account
    payee_account: str = ""  # empty: the payee's own registered card


@dataclass(frozen=True)
class BankLayout:
    """Which columns a bank's export has, under which header, and how it writes dates and periods."""

    columns: tuple[tuple[str, str], ...]  # (header as written, canonical column)
    date: Callable[[date], str]
    period: Callable[[str], str] = str
    memo: Callable[[str], str] = str


@dataclass
class BankFile:
    """A bank export as text: the oracle reads the very cells that are written, and what the file
    states once (bank_formats.py): its payer account and date, its amount unit and its own totals."""

    name: str
    title: str
    layout: BankLayout
    table: list[list[str]]  # header, data rows, and the 合计 row when has_total_row
    writer: str = "pipe"  # how it is written: files.py's pipe export, or a bank's own (bank_formats.py)
    has_total_row: bool = True
    payer_account: str = ""  # written once, in a title line or a summary; "": every row has its own
    paid_at: str = ""  # written once; "": every row has its own
    period: str = ""  # the wages' month, written once (an XML summary's pay month); "": not written
    fen: bool = False  # amounts are written in fen
    stated_count: str = ""  # the totals the file states in a title line, summary or 合计 line; "": none
    stated_amount: str = ""


Money = Decimal | None  # an expected amount; None when it is unknown
Owed = list[tuple[Worker, Money]]  # workers expected to be paid, with what they are owed
Attendance = dict[tuple[str, str], dict[str, int]]  # (project_id, period) -> {id_number: days}
Pairs = set[tuple[str, str]]  # (project_id, period)
Flag = tuple[str, str, str, str]  # project_id, period, rule, id_number
WorkerKey = tuple[str, str]  # (project_id, id_number): one ID may be on two projects' rosters
