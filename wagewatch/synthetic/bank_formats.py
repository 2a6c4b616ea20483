"""Bank files in the banks' own layouts (docs/bank-profiles.md): a project's payroll batch written the
way 工商银行, 建设银行, 农业银行, 中国银行, 交通银行 and 招商银行 export it, with the payer account and
date in a title line or an XML summary, amounts in fen, GBK XML, fixed-width text, UTF-16 with tabs,
and the file's own totals; one such file per inbox disagrees with its totals (a row cut out).

Only a project's plain transfers go into them: its own wage account paying a worker's registered card
on the batch day, whose card and name are each that worker's alone (these layouts carry no ID, so a
payment is matched by its card or name). Everything else stays in the pipe-separated exports."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from wagewatch.synthetic.periods import chinese_date, compact_date, slashed_date
from wagewatch.synthetic.records import SUCCESS, BankFile, BankLayout, BankRow, Project, Worker
from wagewatch.synthetic.thresholds import EXCESSIVE_AMOUNT, ZERO
from wagewatch.synthetic.xlsx import Rows, write_workbook

GB18030 = "gb18030"
FEN_PER_YUAN = 100
MEMO = "{y}年{m}月工资"
# fixed-width 农业银行 text: (first, last) characters of each field, as the abc profile reads them
ABC_WIDTHS = (6, 20, 10, 12, 20)
CMB_SHEET = "代发"
CREATED = datetime(2026, 1, 1)  # a workbook's creation stamp: never the clock, so the bytes repeat


@dataclass(frozen=True)
class Format:
    """One bank's layout: its columns, how it writes dates and amounts, and what it states once."""

    writer: str
    suffix: str
    layout: BankLayout
    title_payer: bool  # the payer account in a title line or summary, not on the rows
    fen: bool = False
    totals: bool = False  # the file states its row count and sum
    status: str = ""  # the success word of a result file's status column; "": no status column


@cache  # once per period, not per row
def _memo(period: str) -> str:
    return MEMO.format(y=int(period[:4]), m=int(period[5:7]))


FORMATS = (
    Format(
        "icbc",
        ".txt",
        BankLayout(
            (
                ("序号", "_number"),
                ("币种", "_currency"),
                ("付款账号", "payer_account"),
                ("付款单位名称", "_payer_name"),
                ("收款账号", "payee_account"),
                ("收款单位名称", "payee_name"),
                ("金额", "amount"),
                ("用途", "memo"),
                ("网上银行状态", "status"),
                ("银行反馈信息", "_feedback"),
            ),
            date=compact_date,
            memo=_memo,
        ),
        title_payer=False,
        status="处理成功",
    ),
    Format(
        "ccb",
        ".csv",
        BankLayout(
            (
                ("序号", "_number"),
                ("账号（必填）", "payee_account"),
                ("户名（必填）", "payee_name"),
                ("金额（必填）", "amount"),
                ("跨行标识（选填 建行填0 他行填1）", "_cross_bank"),
                ("摘要（选填）", "memo"),
            ),
            date=chinese_date,
            memo=_memo,
        ),
        title_payer=True,
        totals=True,
    ),
    Format(
        "abc",
        ".txt",
        BankLayout(
            (
                ("序号", "_number"),
                ("卡号", "payee_account"),
                ("户名", "payee_name"),
                ("金额(分)", "amount"),
                ("摘要", "memo"),
            ),
            date=date.isoformat,
            memo=_memo,
        ),
        title_payer=True,
        fen=True,
        totals=True,
    ),
    Format(
        "boc",
        ".plz",
        BankLayout(
            (("cardno", "payee_account"), ("name", "payee_name"), ("money", "amount"), ("memo", "memo")),
            date=compact_date,
            memo=_memo,
        ),
        title_payer=True,
        fen=True,
        totals=True,
    ),
    Format(
        "bocom",
        ".txt",
        BankLayout(
            (
                ("序号", "_number"),
                ("户名", "payee_name"),
                ("工号", "_staff_number"),
                ("卡号/折号", "payee_account"),
                ("金额(元)", "amount"),
                ("入账状态", "status"),
                ("失败原因", "failure_reason"),
            ),
            date=date.isoformat,
        ),
        title_payer=True,
        totals=True,
        status="入账成功",
    ),
    Format(
        "cmb",
        ".xlsx",
        BankLayout(
            (("账号", "payee_account"), ("户名", "payee_name"), ("金额", "amount"), ("注释", "memo")),
            date=slashed_date,
            memo=_memo,
        ),
        title_payer=True,
    ),
)


def _plain(project: Project, rows: list[BankRow]) -> list[BankRow]:
    """The project's plain transfers on its busiest day: what its batch file holds (`rows`: the
    period's rows of this project, in the book's order)."""
    cards = Counter(worker.bank_account for worker in project.workers)
    names = Counter(worker.name for worker in project.workers)
    plain = [
        row
        for row in rows
        if isinstance(row.payee, Worker)
        and row.payee.project_id == project.project_id
        and not row.payer_account
        and not row.payee_account
        and row.status == SUCCESS
        and row.amount < EXCESSIVE_AMOUNT
        and cards[row.payee.bank_account] == 1
        and names[row.payee.name] == 1
    ]
    if not plain:
        return []
    days = Counter(row.paid_at for row in plain)
    busiest = min(days, key=lambda day: (-days[day], day))
    return [row for row in plain if row.paid_at == busiest]


def _amount(row: BankRow, fmt: Format) -> str:
    if fmt.fen:
        return str(int(row.amount * FEN_PER_YUAN))
    return f"{row.amount:,.2f}元" if fmt.writer == "icbc" else f"{row.amount:.2f}"


def _cells(number: int, row: BankRow, fmt: Format) -> dict[str, str]:
    return {
        "_number": f"{number:07d}" if fmt.writer == "bocom" else str(number),
        "_currency": "RMB",
        "_payer_name": row.project.contractor,
        "_feedback": "全部成功",
        "_cross_bank": "0",
        "_staff_number": "",
        "payer_account": row.project.wage_account,
        "payee_account": row.payee.bank_account,
        "payee_name": row.payee.name,
        "amount": _amount(row, fmt),
        "memo": fmt.layout.memo(row.period),
        "status": fmt.status,
        "failure_reason": "",
    }


def format_file(fmt: Format, project: Project, period: str, rows: list[BankRow]) -> BankFile:
    """One project's batch in one bank's layout, its totals stated over every row."""
    headers = [name for name, _ in fmt.layout.columns]
    table = [headers]
    for number, row in enumerate(rows, start=1):
        cells = _cells(number, row, fmt)
        table.append([cells[column] for _, column in fmt.layout.columns])
    total = sum((row.amount for row in rows), ZERO)
    stated_amount = str(int(total * FEN_PER_YUAN)) if fmt.fen else f"{total:.2f}"
    suffix = ".xml" if fmt.writer == "boc" and project.number % 2 else fmt.suffix
    return BankFile(
        name=f"{fmt.writer}_{project.project_id}_{period.replace('-', '')}{suffix}",
        title=f"{project.name}代发工资",
        layout=fmt.layout,
        table=table,
        writer=fmt.writer,
        has_total_row=False,
        payer_account=project.wage_account if fmt.title_payer else "",
        paid_at=fmt.layout.date(rows[0].paid_at),
        period=period.replace("-", "") if fmt.writer == "boc" else "",  # only its summary names the month
        fen=fmt.fen,
        stated_count=str(len(rows)) if fmt.totals else "",
        stated_amount=stated_amount if fmt.totals else "",
    )


def split_by_format(
    projects: list[Project], period: str, number: int, rows: list[BankRow]
) -> tuple[list[BankRow], list[tuple[Format, Project, list[BankRow]]]]:
    """The rows that stay in the pipe exports, and each project's batch in its bank's layout (the
    layouts taken in turn, by project and period)."""
    by_project: dict[int, list[BankRow]] = {}  # id(project) -> its rows, in the book's order
    for row in rows:
        by_project.setdefault(id(row.project), []).append(row)
    taken: set[int] = set()
    batches = []
    for project in projects:
        plain = _plain(project, by_project.get(id(project), []))
        if plain:
            batches.append((FORMATS[(project.number + number) % len(FORMATS)], project, plain))
            taken.update(id(row) for row in plain)
    return [row for row in rows if id(row) not in taken], batches


def cut_last_row(files: list[BankFile]) -> None:
    """The night's incomplete file: the first that states its totals loses its last row, the totals
    kept, so the rows no longer add up and the whole file must be rejected."""
    for bank_file in files:
        if bank_file.stated_count and len(bank_file.table) > 2:
            bank_file.table.pop()
            return


def _spaced(account: str) -> str:
    return " ".join(account[i : i + 4] for i in range(0, len(account), 4))


def _text(lines: list[str], encoding: str, newline: str = "\r\n") -> bytes:
    return (newline.join(lines) + newline).encode(encoding)


def _icbc(f: BankFile) -> bytes:
    lines = ["[BatchPayDetail]", f"交易日期: {f.paid_at}", f"批次号: {f.name.split('.')[0]}"]
    return _text([*lines, *("|".join(cells) for cells in f.table)], GB18030)


def _ccb(f: BankFile) -> bytes:
    titles = [f"中国建设银行{f.title}", f"付款账号：{_spaced(f.payer_account)}", f"代发日期：{f.paid_at}"]
    total = ["合计", f"共{f.stated_count}笔", "", f.stated_amount, "", ""]
    return _text([*titles, *(",".join(cells) for cells in [*f.table, total])], GB18030)


def _abc(f: BankFile) -> bytes:
    def line(cells: list[str]) -> str:
        return "".join(cell.ljust(width) for cell, width in zip(cells, ABC_WIDTHS, strict=True)).rstrip()

    records = [
        line([number, card, name, amount.zfill(ABC_WIDTHS[3]), memo])
        for number, card, name, amount, memo in f.table[1:]
    ]
    titles = [
        f"中国农业银行{f.title}明细",
        f"单位账号 {f.payer_account}    代发日期：{f.paid_at}",
        "  ".join(f.table[0]),
    ]
    return _text([*titles, *records, f"合计：{f.stated_count}笔  金额(分)：{f.stated_amount}"], GB18030)


def _boc(f: BankFile) -> bytes:
    head = (
        f"  <head>\n    <paymonth>{f.period}</paymonth>\n    <payacct>{f.payer_account}</payacct>\n"
        f"    <paydate>{f.paid_at}</paydate>\n    <totalnum>{f.stated_count}</totalnum>\n"
        f"    <totalamt>{f.stated_amount}</totalamt>\n  </head>"
    )
    tags = [name for name, _ in f.layout.columns]
    records = [
        "    <detail>"
        + "".join(f"<{tag}>{cell}</{tag}>" for tag, cell in zip(tags, cells, strict=True))
        + "</detail>"
        for cells in f.table[1:]
    ]
    text = '<?xml version="1.0" encoding="GBK"?>\n<payroll>\n' + head + "\n  <body>\n"
    return (text + "\n".join(records) + "\n  </body>\n</payroll>\n").encode(GB18030)


def _bocom(f: BankFile) -> bytes:
    titles = [
        f"交通银行{f.title}入账结果",
        f"单位账号：{f.payer_account}\t代发日期：{f.paid_at}",
        f"总笔数：{f.stated_count}\t总金额：{f.stated_amount}",
    ]
    return _text([*titles, *("\t".join(cells) for cells in f.table)], "utf-16")


def _cmb(f: BankFile, path: Path) -> None:
    rows: Rows = [
        (0, [f"招商银行{f.title}"]),
        (1, ["付款账号:", f.payer_account, "交易日期:", f.paid_at]),
        (2, list(f.table[0])),
    ]
    for index, cells in enumerate(f.table[1:], start=3):
        # the amount (the third column) a number cell, the others text
        rows.append(
            (index, [float(Decimal(cell)) if column == 2 else cell for column, cell in enumerate(cells)])
        )
    write_workbook(path, CMB_SHEET, CREATED, rows)


RENDERERS = {"icbc": _icbc, "ccb": _ccb, "abc": _abc, "boc": _boc, "bocom": _bocom}


def write_format_file(path: Path, bank_file: BankFile) -> None:
    if bank_file.writer == "cmb":
        _cmb(bank_file, path)
    else:
        path.write_bytes(RENDERERS[bank_file.writer](bank_file))
