"""How each bank lays out its export (headers, date and period formats), and a file's rows as the very
text cells written, with the 合计 total."""

from __future__ import annotations

from datetime import date
from functools import cache

from wagewatch.synthetic.periods import chinese_date, compact_date, slashed_date
from wagewatch.synthetic.records import SUCCESS, BankLayout, BankRow
from wagewatch.synthetic.thresholds import ZERO

TOTAL_MARK = "合计"


@cache  # once per period, not per row
def _ym_text(period: str) -> str:
    return f"{int(period[:4])}年{int(period[5:7])}月"


# Every column a bank export may carry, with the payee's ID, the period and the project named.
FULL_COLUMNS = (
    ("付款账号", "payer_account"),
    ("收款人姓名", "payee_name"),
    ("收款账号", "payee_account"),
    ("证件号码", "payee_id_number"),
    ("金额", "amount"),
    ("交易日期", "paid_at"),
    ("状态", "status"),
    ("失败原因", "failure_reason"),
    ("工资所属期", "period"),
    ("流水号", "bank_ref"),
    ("项目编号", "project_id"),
)

# First period: a 工资所属期 column. Second: no period, a memo naming the month. Third: neither, so
# the period is the month before paid_at. Late payments go in their own file with both.
BANK_LAYOUTS = (
    BankLayout(
        FULL_COLUMNS,
        date=date.isoformat,
        period=lambda p: p.replace("-", ""),
    ),
    BankLayout(
        (
            ("付款账号", "payer_account"),
            ("户名", "payee_name"),
            ("收款账号", "payee_account"),
            ("证件号码", "payee_id_number"),
            ("交易金额", "amount"),
            ("入账日期", "paid_at"),
            ("状态", "status"),
            ("失败原因", "failure_reason"),
            ("备注", "memo"),
            ("流水号", "bank_ref"),
        ),
        date=slashed_date,
        memo=lambda p: f"{_ym_text(p)}工资",
    ),
    BankLayout(
        (
            ("付款账号", "payer_account"),
            ("收款人姓名", "payee_name"),
            ("收款人账号", "payee_account"),
            ("身份证号", "payee_id_number"),
            ("金额", "amount"),
            ("交易日期", "paid_at"),
            ("处理结果", "status"),
            ("失败原因", "failure_reason"),
            ("交易流水号", "bank_ref"),
            ("项目编号", "project_id"),
        ),
        date=compact_date,
    ),
)
LATE_LAYOUT = BankLayout(  # no status column: a statement of completed transfers
    (
        ("付款账号", "payer_account"),
        ("收款人姓名", "payee_name"),
        ("收款账号", "payee_account"),
        ("证件号码", "payee_id_number"),
        ("金额", "amount"),
        ("交易日期", "paid_at"),
        ("工资所属期", "period"),
        ("备注", "memo"),
        ("流水号", "bank_ref"),
        ("项目编号", "project_id"),
    ),
    date=chinese_date,
    memo=lambda p: f"补发{_ym_text(p)}工资",
)
# Wages paid from a contractor's general account: a payment not from the wage account can only be
# attributed to the project by its project_id, so this export always names the project.
GENERAL_LAYOUT = BankLayout(
    FULL_COLUMNS,
    date=compact_date,
    period=_ym_text,
)
BANK_TITLE_BANKS = ("中国建设银行", "中国工商银行", "中国农业银行", "江西银行")


def _bank_cells(row: BankRow, layout: BankLayout) -> dict[str, str]:
    amount = f"{row.amount:,.2f}" if row.grouped else f"{row.amount:.2f}"
    return {
        "payer_account": row.payer_account or row.project.wage_account,
        "payee_name": row.payee.name,
        "payee_account": row.payee_account or row.payee.bank_account,
        "payee_id_number": "" if row.hide_id else row.payee.id_number,
        "amount": amount,
        "paid_at": layout.date(row.paid_at),
        "status": row.status,
        "failure_reason": row.reason,
        "period": layout.period(row.period),
        "memo": layout.memo(row.period),
        "bank_ref": row.bank_ref,
        "project_id": row.project.project_id,
    }


def bank_table(layout: BankLayout, rows: list[BankRow]) -> list[list[str]]:
    """Header, data rows and the 合计 row of a bank file: exactly the cells written."""
    headers = [name for name, _ in layout.columns]
    table = [headers]
    for row in rows:
        cells = _bank_cells(row, layout)
        table.append([cells[column] for _, column in layout.columns])
    succeeded = [r for r in rows if r.status == SUCCESS]
    total = dict.fromkeys(headers, "")
    total[headers[0]] = TOTAL_MARK
    total[headers[1]] = f"共{len(succeeded)}笔"
    total[headers[4]] = f"{sum((r.amount for r in succeeded), ZERO):.2f}"
    table.append(list(total.values()))
    return table
