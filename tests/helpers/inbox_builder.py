"""Tiny inboxes written by tests: a few rows of register, roster, attendance and bank, as CSV files."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from wagewatch.synthetic import id_check_char

WAGE_ACCOUNT = "6222000011112222333"
PROJECT = "P360802-0001"

# Valid GB 11643 IDs (check digits computed), so no roster rule fires on them by accident.
IDS = {
    "张三": "360802199001011238",
    "李四": "360802198506152023",
    "王五": "360802199203030015",
    "赵六": "36080219880707441X",
}
CARDS = {
    "张三": "6228480000000000011",
    "李四": "6228480000000000022",
    "王五": "6228480000000000033",
    "赵六": "6228480000000000044",
}

PROJECT_HEADER = ["project_id", "project_name", "region_code", "wage_account", "pay_day"]
MONITORING_START_HEADER = "监管起始月份"  # written only when a test gives a project one
ROSTER_HEADER = [
    "项目编号",
    "姓名",
    "身份证号",
    "班组",
    "工资卡号",
    "计薪方式",
    "工资标准",
    "进场日期",
    "退场日期",
    "是否签订劳动合同",
]
ATTENDANCE_HEADER = ["项目编号", "身份证号", "月份", "出勤天数"]
BANK_HEADER = [
    "付款账号",
    "收款人姓名",
    "收款账号",
    "证件号码",
    "金额",
    "交易日期",
    "状态",
    "工资所属期",
    "备注",
    "流水号",
    "项目编号",
]

STATEMENT_HEADER = [
    "账号",
    "交易日期",
    "借方发生额",
    "贷方发生额",
    "余额",
    "对方账号",
    "对方户名",
    "摘要",
    "流水号",
]
# the register's columns a test gives some projects (deposits), and the wage deposits file's header
PROJECT_DEPOSIT_HEADER = ["施工单位", "统一社会信用代码", "开工日期", "竣工日期", "合同金额"]
DEPOSIT_HEADER = ["项目编号", "统一社会信用代码", "保证金金额", "缴存日期", "退还日期", "存储形式"]
CREDIT_CODE = "91360802MA35XXXX0A"
FUNDER_ACCOUNT = "1502000000000000888"  # the construction unit's own account, which funds the wage account
FUNDER = "某某建设单位"
CLEARING_ACCOUNT = "3600000000000000999"  # the bank's own payroll clearing account (代发工资过渡户)
CLEARING = "代发工资过渡户"
COMPLAINT_HEADER = [
    "投诉编号",
    "受理日期",
    "投诉渠道",
    "项目编号",
    "项目名称",
    "姓名",
    "身份证号",
    "欠薪月份",
    "诉求金额",
]


def bank_row(
    name: str,
    amount: str,
    paid_at: str,
    *,
    ref: str,
    period: str = "",
    memo: str = "",
    status: str = "成功",
    id_number: str | None = None,
    account: str | None = None,
    payer: str = WAGE_ACCOUNT,
    project_id: str = "",
) -> list[str]:
    """One bank row in BANK_HEADER's order; the ID and card default to the name's registered ones."""
    id_number = IDS[name] if id_number is None else id_number
    return [
        payer,
        name,
        account or CARDS[name],
        id_number,
        amount,
        paid_at,
        status,
        period,
        memo,
        ref,
        project_id,
    ]


def make_id(birth: str, sequence: str = "001", region: str = "360802") -> str:
    """A GB 11643 ID with a correct check digit; the sequence's last digit is odd for a man."""
    body = f"{region}{birth}{sequence}"
    return body + id_check_char(body)


@dataclass
class Inbox:
    root: Path
    projects: list[list[str]] = field(default_factory=list)
    roster: list[list[str]] = field(default_factory=list)
    attendance: list[list[str]] = field(default_factory=list)
    bank: list[list[str]] = field(default_factory=list)
    statement: list[list[str]] = field(default_factory=list)
    more_bank: dict[str, list[list[str]]] = field(default_factory=dict)  # bank/<name> -> its rows
    complaints: list[list[str]] = field(default_factory=list)
    balances: dict[str, Decimal] = field(default_factory=dict)
    deposit_columns: dict[str, list[str]] = field(default_factory=dict)  # project_id -> its cells
    deposits: list[list[str]] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=lambda: dict(IDS))
    cards: dict[str, str] = field(default_factory=lambda: dict(CARDS))
    _refs: int = 0

    def project(
        self,
        project_id: str = PROJECT,
        pay_day: int = 15,
        wage_account: str = WAGE_ACCOUNT,
        region: str = "360802",
        monitoring_start: str = "",
    ) -> Inbox:
        self.projects.append(
            [project_id, f"{project_id} 工程", region, wage_account, str(pay_day), monitoring_start]
        )
        return self

    def contracted(
        self,
        project_id: str = PROJECT,
        *,
        amount: str = "",
        start: str = "",
        end: str = "",
        credit_code: str = CREDIT_CODE,
        contractor: str = "某某建设集团有限公司",
    ) -> Inbox:
        """The register's contractor, start and end dates and contract amount for a project."""
        self.deposit_columns[project_id] = [contractor, credit_code, start, end, amount]
        return self

    def deposited(
        self,
        amount: str,
        on: str,
        *,
        project_id: str = PROJECT,
        credit_code: str = "",
        released: str = "",
        form: str = "现金",
    ) -> Inbox:
        """A wage deposit of the project, or with `credit_code` and no `project_id`, of its contractor."""
        self.deposits.append([project_id, credit_code, amount, on, released, form])
        return self

    def worker(
        self,
        name: str,
        wage_type: str = "月薪",
        rate: str = "5000",
        entry: str = "2026-08-01",
        exit: str = "",
        project_id: str = PROJECT,
        team: str = "钢筋班",
        *,
        id_number: str | None = None,
        card: str | None = None,
        contract: str = "是",
    ) -> Inbox:
        """Register a stint; a new name brings its id_number and card, which its later rows use."""
        self.ids[name] = id_number or self.ids[name]
        self.cards[name] = card or self.cards[name]
        self.roster.append(
            [project_id, name, self.ids[name], team, self.cards[name], wage_type, rate, entry, exit, contract]
        )
        return self

    def worked(self, name: str, period: str, days: str, project_id: str = PROJECT) -> Inbox:
        self.attendance.append([project_id, self.ids[name], period, days])
        return self

    def paid(
        self,
        name: str,
        amount: str,
        paid_at: str,
        *,
        with_id: bool = True,
        account: str | None = None,
        ref: str | None = None,
        file: str = "",
        **fields: str,
    ) -> Inbox:
        """A bank row, in bank/bank.csv or, with `file`, in another bank file of that name."""
        self._refs += 1
        rows = self.more_bank.setdefault(file, []) if file else self.bank
        rows.append(
            bank_row(
                name,
                amount,
                paid_at,
                ref=ref or f"R{self._refs:06d}",
                id_number=self.ids[name] if with_id else "",
                account=account or self.cards[name],
                **fields,
            )
        )
        return self

    def moved(
        self,
        booked_at: str,
        *,
        credit: str = "",
        debit: str = "",
        counterparty: str = "",
        name: str = "",
        memo: str = "",
        account: str = WAGE_ACCOUNT,
        ref: str | None = None,
        balance: str | None = None,
    ) -> Inbox:
        """One statement row of the wage account; its balance runs on from the account's previous row."""
        if balance is None:
            balance = self.balances.get(account, Decimal(0)) + Decimal(credit or 0) - Decimal(debit or 0)
        self.balances[account] = Decimal(balance)
        self._refs += 1
        row = [account, booked_at, debit, credit, f"{self.balances[account]:.2f}", counterparty, name, memo]
        self.statement.append([*row, f"S{self._refs:06d}" if ref is None else ref])
        return self

    def opened(self, booked_at: str, balance: str = "0", account: str = WAGE_ACCOUNT) -> Inbox:
        """A statement's opening balance line (期初余额): no money moves."""
        return self.moved(booked_at, memo="期初余额", account=account, ref="", balance=balance)

    def funded(self, booked_at: str, amount: str, **fields: str) -> Inbox:
        """Labour costs credited by the construction unit."""
        return self.moved(
            booked_at, credit=amount, counterparty=FUNDER_ACCOUNT, name=FUNDER, memo="人工费拨付", **fields
        )

    def paid_out(self, name: str, amount: str, booked_at: str, **fields: str) -> Inbox:
        """Wages debited to a worker's registered card."""
        fields.setdefault("counterparty", self.cards[name])
        return self.moved(booked_at, debit=amount, name=name, memo="代发工资", **fields)

    def paid_in_batch(self, booked_at: str, amount: str, **fields: str) -> Inbox:
        """A payroll run booked as one lump debit to the bank's clearing account (代发工资)."""
        fields.setdefault("counterparty", CLEARING_ACCOUNT)
        return self.moved(booked_at, debit=amount, name=CLEARING, memo="代发工资", **fields)

    def complained(
        self,
        complaint_id: str,
        name: str,
        periods: str,
        *,
        received: str = "2026-10-20",
        channel: str = "12333",
        project_id: str = PROJECT,
        project_name: str = "",
        id_number: str | None = None,
        amount: str = "",
    ) -> Inbox:
        """A complaint (投诉举报) of a worker about a project, by default the worker's registered ID."""
        id_number = self.ids.get(name, "") if id_number is None else id_number
        self.complaints.append(
            [complaint_id, received, channel, project_id, project_name, name, id_number, periods, amount]
        )
        return self

    def write(self) -> Path:
        if any(row[-1] for row in self.projects):
            projects = ([*PROJECT_HEADER, MONITORING_START_HEADER], self.projects)
        else:
            projects = (PROJECT_HEADER, [row[:-1] for row in self.projects])
        if self.deposit_columns:
            blank = [""] * len(PROJECT_DEPOSIT_HEADER)
            projects = (
                [*projects[0], *PROJECT_DEPOSIT_HEADER],
                [[*row, *self.deposit_columns.get(row[0], blank)] for row in projects[1]],
            )
        files = {
            "projects/projects.csv": projects,
            "rosters/roster.csv": (ROSTER_HEADER, self.roster),
            "attendance/attendance.csv": (ATTENDANCE_HEADER, self.attendance),
            "bank/bank.csv": (BANK_HEADER, self.bank),
            "accounts/statement.csv": (STATEMENT_HEADER, self.statement),
            "complaints/complaints.csv": (COMPLAINT_HEADER, self.complaints),
            "deposits/deposits.csv": (DEPOSIT_HEADER, self.deposits),
            **{f"bank/{name}": (BANK_HEADER, rows) for name, rows in self.more_bank.items()},
        }
        for name, (header, rows) in files.items():
            if rows:
                write_csv(self.root / name, header, rows)
        for kind in ("projects", "rosters", "attendance", "bank", "accounts", "complaints", "deposits"):
            (self.root / kind).mkdir(parents=True, exist_ok=True)
        return self.root


def write_csv(
    path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path
