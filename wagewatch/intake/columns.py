"""The inbox's column vocabulary (docs/contract.md section 1): canonical names, aliases, what is required.

Headers match case-insensitively after NFKC and trimming, with notes in brackets after the name left
out (`账号（必填）` is `账号`). The canonical name is what every raw and staging table calls the column;
the aliases are what sites and banks write.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

KINDS = ("projects", "rosters", "attendance", "bank", "accounts", "complaints", "deposits")


@dataclass(frozen=True)
class Column:
    name: str
    aliases: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[Column, ...]
    extra_aliases: dict[str, str] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @cached_property
    def lookup(self) -> dict[str, str]:
        """Map every normalised header spelling to its canonical column name."""
        table = {}
        for column in self.columns:
            for spelling in (column.name, *column.aliases):
                table[normalise_header(spelling)] = column.name
        for spelling, name in self.extra_aliases.items():
            table[normalise_header(spelling)] = name
        return table


# a note in brackets after a header's name: 账号（必填）, 跨行标识（选填 建行填0 他行填1）, 金额(元)
BRACKET_NOTE = re.compile(r"\s*[(\[【][^()\[\]【】]*[)\]】]$")


# Amounts a register may write in 万元 (ten thousand yuan), its header's note saying so: 合同金额（万元）.
# They are read scaled (staging's parse_amount_in); an amount column of any other kind whose note
# says 万 rejects its file: wages and balances are paid and booked in yuan.
IN_WAN = frozenset({"contract_amount", "deposit_amount", "claimed_amount"})
WAN = "wan"  # a raw table's <column>_unit for such a column; NULL is yuan


@lru_cache(maxsize=1 << 14)
def normalise_header(text: str) -> str:
    name = unicodedata.normalize("NFKC", text).strip()
    while (bare := BRACKET_NOTE.sub("", name)) != name and bare:
        name = bare
    return name.casefold()


@lru_cache(maxsize=1 << 14)
def notes_wan(text: str) -> bool:
    """Whether a note in brackets after the header's name says 万 (万元, 单位：万): 合同金额（万元）."""
    name = unicodedata.normalize("NFKC", text).strip()
    while (note := BRACKET_NOTE.search(name)) and note.start() > 0:
        if "万" in note.group():
            return True
        name = name[: note.start()]
    return False


def is_amount(column: str) -> bool:
    return column == "amount" or column.endswith("_amount")


def _c(name: str, *aliases: str, required: bool = False) -> Column:
    return Column(name, aliases, required)


SCHEMAS: dict[str, tuple[Column, ...]] = {
    "projects": (
        _c("project_id", "项目编号", required=True),
        _c("project_name", "项目名称"),
        _c("region_code", "行政区划代码", required=True),
        _c("contractor_name", "总包单位", "施工单位"),
        _c("contractor_credit_code", "统一社会信用代码"),
        _c("wage_account", "工资专户账号", "专用账户", required=True),
        _c("pay_day", "工资支付日", required=True),
        _c("sector", "行业"),
        _c("start_date", "开工日期"),
        _c("end_date", "竣工日期"),
        _c("monitoring_start", "监管起始月份", "纳入监管月份"),
        _c("contract_amount", "合同金额", "施工合同额", "工程合同额", "合同额"),
    ),
    "rosters": (
        _c("project_id", "项目编号", required=True),
        _c("worker_name", "姓名", required=True),
        _c("id_number", "身份证号", "证件号码", required=True),
        _c("team", "班组"),
        _c("subcontractor", "分包单位"),
        _c("trade", "工种"),
        _c("bank_account", "工资卡号", "银行卡号", required=True),
        _c("bank_name", "开户行"),
        _c("wage_type", "计薪方式", required=True),
        _c("wage_rate", "工资标准", required=True),
        _c("entry_date", "进场日期", required=True),
        _c("exit_date", "退场日期"),
        _c("contract_signed", "是否签订劳动合同"),
        _c("phone", "手机号"),
    ),
    "attendance": (
        _c("project_id", "项目编号", required=True),
        _c("id_number", "身份证号", required=True),
        _c("period", "月份", "考勤月份", required=True),
        _c("days_worked", "出勤天数", required=True),
    ),
    "bank": (
        _c("payer_account", "付款账号", required=True),
        _c("payee_name", "收款人姓名", "户名", required=True),
        _c("payee_account", "收款账号", "收款人账号", required=True),
        _c("amount", "金额", "交易金额", required=True),
        _c("paid_at", "交易日期", "入账日期", required=True),
        _c("payee_id_number", "证件号码", "身份证号"),
        _c("status", "状态", "处理结果"),
        _c("failure_reason", "失败原因"),
        _c("period", "工资所属期"),
        _c("memo", "备注", "摘要", "用途"),
        _c("bank_ref", "流水号", "交易流水号"),
        _c("project_id", "项目编号"),
    ),
    # A wage account's statement (专户流水, 对账单, 交易明细), as banks export it: a debit and a credit
    # column (借方/贷方, 支出/收入), or one amount with a direction (收/支, 借/贷), or a signed amount.
    # 余额 is required: it is what a statement is, and what WAGE_ACCOUNT_SHORT reads.
    "accounts": (
        _c("account", "账号", "账户", "本方账号", "账户账号", "专户账号", required=True),
        _c("booked_at", "交易日期", "记账日期", "入账日期", "日期", required=True),
        _c("debit_amount", "借方发生额", "借方金额", "支出金额", "支出", "付款金额"),
        _c("credit_amount", "贷方发生额", "贷方金额", "收入金额", "收入", "收款金额"),
        _c("amount", "交易金额", "发生额", "金额"),
        _c("direction", "收支方向", "借贷标志", "借贷方向", "收付标志", "收支标志", "借贷"),
        _c("balance_amount", "余额", "账户余额", "联机余额", required=True),
        _c("counterparty_account", "对方账号", "对方账户", "对方卡号"),
        _c("counterparty_name", "对方户名", "对方账户名称", "对方名称"),
        _c("memo", "摘要", "用途", "附言", "交易摘要"),
        _c("bank_ref", "流水号", "交易流水号", "凭证号", "交易参考号"),
    ),
    # Wage complaints (投诉举报) as a labour inspection brigade logs them: one complaint a row, about one
    # worker of one project (named by its project_id, else by its name), for the months claimed.
    "complaints": (
        _c("complaint_id", "投诉编号", "举报编号", "受理编号", "案件编号", required=True),
        _c("received_on", "受理日期", "投诉日期", "登记日期", "接收日期", required=True),
        _c("channel", "投诉渠道", "受理渠道", "来源渠道", "渠道"),
        _c("project_id", "项目编号"),
        _c("project_name", "项目名称", "被投诉项目"),
        _c("worker_name", "姓名", "投诉人", "投诉人姓名", "工人姓名"),
        _c("id_number", "身份证号", "证件号码", "投诉人身份证号", required=True),
        _c("periods", "欠薪月份", "诉求月份", "拖欠月份", "所属月份", required=True),
        _c("claimed_amount", "诉求金额", "欠薪金额", "拖欠金额", "投诉金额"),
    ),
    # A wage guarantee deposit (工资保证金) of one project, or of a general contractor for all its
    # projects (by its credit code): cash in a deposit account, a bank guarantee or an insurance.
    # Which of project_id and contractor_credit_code a row needs is a row check (one of the two).
    "deposits": (
        _c("project_id", "项目编号"),
        _c(
            "contractor_credit_code",
            "统一社会信用代码",
            "施工单位统一社会信用代码",
            "总包单位统一社会信用代码",
        ),
        _c("deposit_amount", "保证金金额", "存储金额", "缴存金额", "保函金额", "担保金额", required=True),
        _c("deposited_on", "缴存日期", "存储日期", "存入日期", "开立日期", required=True),
        _c("released_on", "退还日期", "返还日期", "释放日期", "到期日期", "失效日期"),
        _c("form", "存储形式", "缴存形式", "保证金形式", "形式"),
    ),
}


def kinds(extra_aliases: dict[str, dict[str, str]] | None = None) -> dict[str, Kind]:
    """Every kind of inbox file, with the aliases that configuration adds (docs/contract.md section 6)."""
    extra_aliases = extra_aliases or {}
    return {name: Kind(name, SCHEMAS[name], extra_aliases.get(name, {})) for name in KINDS}
