"""What a bank file says once rather than on every row: the payer account, pay date and month of a
title or summary line, and the totals (合计笔数, 合计金额) the rows read must add up to
(docs/contract.md section 1.2)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc

from wagewatch.intake.readers.common import Rejected, cleaned

_ACCOUNT = r"(\d[\d \-]{4,}\d)"
# 付款账号：…, 付款人账号 …, 单位账号 … (the colon optional), or a bare 账号: (the colon required)
TITLE_PATTERNS = {
    "payer_account": re.compile(
        rf"(?:付款人?(?:账号|帐号|账户)|单位(?:账号|帐号))\s*:?\s*{_ACCOUNT}|(?<![收款人])(?:账号|帐号)\s*:\s*{_ACCOUNT}"
    ),
    "paid_at": re.compile(
        # a bare 日期, but not when it is the date the file was queried, printed or made
        r"(?:代发日期|交易日期|付款日期|入账日期|发放日期|处理日期|(?<!查询)(?<!打印)(?<!制表)日期)\s*:?\s*"
        r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{8})"
    ),
    "period": re.compile(
        r"(?:工资所属期|所属期|代发年月|代发月份|工资月份|所属月份)\s*:?\s*(\d{4}\s*[-/.年]?\s*\d{1,2}\s*月?)"
    ),
}
COUNT = re.compile(r"(?:合计笔数|总笔数|笔数合计|笔数)\s*:?\s*(\d[\d,]*)|(\d[\d,]*)\s*笔")
AMOUNT = re.compile(
    r"(?:合计金额|总金额|金额合计|金额)\s*(?:\([^)]*\))?\s*:?\s*[¥￥]?\s*(\d[\d,]*(?:\.\d+)?)"
)
AMOUNT_NOISE = r"[,¥￥元\s]|^RMB|^CNY"  # what staging's amount_text() strips
YUAN_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)$"
FEN_NUMBER = r"^\d+$"  # a fen amount is whole
FEN = Decimal(100)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def title_facts(lines: list[str]) -> dict[str, str]:
    """The payer account, date and month the title lines state, each from the first line naming it."""
    facts: dict[str, str] = {}
    for line in lines:
        text = _nfkc(line)
        for name, pattern in TITLE_PATTERNS.items():
            found = pattern.search(text)
            if found and name not in facts:
                facts[name] = next(group for group in found.groups() if group)
    return facts


@dataclass(frozen=True)
class Totals:
    """A file's statement of what it holds: a row count, a sum (in the file's unit), or both."""

    where: str  # "合计 row", "summary line", "XML summary"
    count: int | None
    amount: Decimal | None


def _number(text: str | None) -> Decimal | None:
    if not text:
        return None
    plain = re.sub(AMOUNT_NOISE, "", _nfkc(text))
    return Decimal(plain) if re.fullmatch(YUAN_NUMBER[1:-1], plain) else None


def stated_totals(texts: list[str], where: str, amount_cell: str | None = None) -> Totals | None:
    """The count and sum stated in these lines (the last that states each); the amount column's cell
    of a 合计 row is its sum when it holds a number."""
    count, labelled = None, None
    for text in map(_nfkc, texts):
        found = COUNT.search(text)
        if found:
            count = int(next(g for g in found.groups() if g).replace(",", ""))
        said = AMOUNT.search(text)
        if said:
            labelled = _number(said.group(1))
    amount = _number(amount_cell)
    amount = labelled if amount is None else amount
    return None if count is None and amount is None else Totals(where, count, amount)


def summary_totals(summary: dict[str, str]) -> Totals | None:
    count, amount = _number(summary.get("total_count")), _number(summary.get("total_amount"))
    if count is None and amount is None:
        return None
    return Totals("XML summary", None if count is None else int(count), amount)


def _amounts(column: pa.ChunkedArray, unit: str) -> pa.ChunkedArray:
    """Each amount as a decimal in the file's unit; NULL where it is no number (staging quarantines it)."""
    plain = pc.replace_substring_regex(cleaned(column), AMOUNT_NOISE, "")
    plain = pc.replace_substring_regex(plain, r"^([+-]?)\.", r"${1}0.")
    valid = pc.match_substring_regex(plain, FEN_NUMBER if unit == "fen" else YUAN_NUMBER)
    return pc.if_else(valid, plain, None).cast(pa.decimal128(38, 6))


def _sum(amounts: pa.ChunkedArray) -> Decimal:
    total = pc.sum(amounts).as_py()
    return Decimal(0) if total is None else total.normalize()


WHERE_ZH = {"合计 row": "合计行", "summary line": "汇总行", "XML summary": "XML 汇总"}


def _shown(count: int | None, amount: Decimal | None, unit: str, language: str = "en") -> str:
    parts = [(f"{count}笔" if language == "zh" else f"{count} rows")] if count is not None else []
    if amount is not None:
        yuan = amount / FEN if unit == "fen" else amount
        parts.append(f"{yuan:,.2f}" if language == "en" else f"¥{yuan:,.2f}")
    return " / ".join(parts)


def check_totals(
    totals: Totals, table: pa.Table, broken_rows: int, unit: str, success_statuses: frozenset[str]
) -> None:
    """The rows read must match the file's own totals, or the file is rejected whole. A result file may
    total every row or only those that succeeded: either reading that agrees is accepted."""
    if "amount" in table.column_names:
        amounts = _amounts(table.column("amount"), unit)
    else:
        amounts = pa.chunked_array([pa.nulls(table.num_rows, pa.decimal128(38, 6))])
    held = (table.num_rows + broken_rows, _sum(amounts))
    readings = [held]
    if "status" in table.column_names:
        status = pc.utf8_lower(cleaned(table.column("status")))
        ok = pc.fill_null(pc.is_in(status, pa.array(sorted(success_statuses), pa.string())), False)
        readings.append((pc.sum(ok.cast(pa.int64())).as_py() or 0, _sum(amounts.filter(ok))))

    def agrees(count: int, amount: Decimal) -> bool:
        return (totals.count is None or totals.count == count) and (
            totals.amount is None or totals.amount == amount
        )

    if any(agrees(*reading) for reading in readings):
        return

    def shown(reading: tuple[int, Decimal], language: str) -> str:  # only the figures the file states
        count, amount = reading
        return _shown(
            count if totals.count is not None else None,
            amount if totals.amount is not None else None,
            unit,
            language,
        )

    succeeded = len(readings) > 1
    holds = shown(held, "en") + (f" ({shown(readings[1], 'en')} succeeded)" if succeeded else "")
    holds_zh = shown(held, "zh") + (f"（其中成功{shown(readings[1], 'zh')}）" if succeeded else "")
    raise Rejected(
        f"the file's {totals.where} says {_shown(totals.count, totals.amount, unit)} but it holds {holds}: "
        "incomplete or edited; ask the bank to resend it",
        f"文件的{WHERE_ZH[totals.where]}写明{_shown(totals.count, totals.amount, unit, 'zh')}，"
        f"但文件实际有{holds_zh}：文件不完整或被改动过，请银行重新发送",
    )
