"""Bank profiles: how one bank lays out its payroll batch or result files (docs/bank-profiles.md).

A profile names the header spellings it adds to the bank kind's own, the amount unit, where the
payer account comes from, the encoding, and for fixed-width text the column spans. The built-in
profiles cover the big banks' common layouts; `[bank_profiles.NAME]` in configuration adds more. A bank
file is read with the profile that fits it best: the one whose header names the most columns (its
required columns all present, or stated in a title line), the earlier on a tie (configured profiles
come first, then the built-ins in the order below)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wagewatch.intake.columns import Kind, normalise_header

YUAN, FEN = "yuan", "fen"
DELIMITED, FIXED_WIDTH, XML = "delimited", "fixed_width", "xml"
# where the payer account may come from; "any" tries them in this order
COLUMN, TITLE, FILE_NAME, ANY = "column", "title", "file_name", "any"
PAYER_SOURCES = (COLUMN, TITLE, FILE_NAME)


@dataclass(frozen=True)
class Profile:
    name: str
    format: str = DELIMITED
    aliases: dict[str, str] = field(default_factory=dict)  # header as written -> column
    amount_unit: str = YUAN
    payer_account: str = ANY
    encoding: str = "auto"
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # column -> 1-based inclusive span
    file_name: str | None = None  # a regular expression the file's name must match

    def lookup(self, kind: Kind) -> dict[str, str]:
        own = {normalise_header(spelling): column for spelling, column in self.aliases.items()}
        return {**kind.lookup, **own}

    def fits_name(self, name: str) -> bool:
        return self.file_name is None or re.search(self.file_name, name) is not None

    def payer_sources(self) -> tuple[str, ...]:
        return PAYER_SOURCES if self.payer_account == ANY else (self.payer_account,)


BUILT_IN = (
    # wagewatch's own layout (docs/contract.md section 1.3): a payer account on every row
    Profile("standard"),
    # 工商银行 批量代发 result (txt, GBK, "|"): payer on every row, 网上银行状态 and 银行反馈信息
    Profile(
        "icbc",
        aliases={
            "收款单位名称": "payee_name",
            "网上银行状态": "status",
            "银行反馈信息": "failure_reason",
        },
    ),
    # 建设银行 批量代发 template and result: 账号（必填）, 户名（必填）, 金额（必填）, 跨行标识（选填 …）
    Profile("ccb", aliases={"账号": "payee_account", "交易结果": "status"}),
    # 农业银行 代发 text: fixed-width, amounts in fen, 单位账号 and 代发日期 in the title lines
    Profile(
        "abc",
        format=FIXED_WIDTH,
        aliases={"卡号": "payee_account"},
        amount_unit=FEN,
        payer_account=TITLE,
        spans={"payee_account": (7, 26), "payee_name": (27, 36), "amount": (37, 48), "memo": (49, 68)},
    ),
    # 中国银行 XML batch (.xml, .plz; GBK): a summary, then one record per worker, money in fen
    Profile(
        "boc",
        format=XML,
        aliases={
            "payacct": "payer_account",
            "paydate": "paid_at",
            "paymonth": "period",
            "totalnum": "total_count",
            "totalamt": "total_amount",
            "cardno": "payee_account",
            "name": "payee_name",
            "idno": "payee_id_number",
            "money": "amount",
            "memo": "memo",
        },
        amount_unit=FEN,
    ),
    # 交通银行 result export (Excel, or its "Unicode text": UTF-16 with tabs)
    Profile("bocom", aliases={"卡号/折号": "payee_account", "入账状态": "status"}),
    # 招商银行 代发 template: 账号, 户名, 金额, 注释
    Profile("cmb", aliases={"账号": "payee_account", "注释": "memo"}),
    # 农村信用社 plain CSV: 姓名, 卡号, 金额, 日期
    Profile("rcc", aliases={"姓名": "payee_name", "卡号": "payee_account", "日期": "paid_at"}),
)
BUILT_IN_NAMES = tuple(profile.name for profile in BUILT_IN)


@dataclass(frozen=True)
class Formats:
    """What the bank reader needs from configuration: the profiles, the file-name payer accounts, and
    the statuses that mean success (a result file's totals may count only those)."""

    profiles: tuple[Profile, ...] = BUILT_IN
    payer_by_file: tuple[tuple[str, str], ...] = ()  # (file-name pattern, payer account)
    success_statuses: frozenset[str] = frozenset()

    def payer_for(self, name: str) -> str | None:
        return next((account for pattern, account in self.payer_by_file if re.search(pattern, name)), None)
