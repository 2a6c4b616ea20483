"""A deterministic synthetic inbox, and the truth of what it planted (docs/contract.md sections 1-3).

The pipeline is tested against data whose right answer is known. This module writes an inbox of
projects, rosters, attendance and bank payroll files in the shapes sites and banks really send
(title lines, Chinese headers, GB18030, XLSX, pipe-separated bank exports with totals), plants every
rule of the catalogue among ordinary rows (missed, partial, late and absent payrolls; wages landing
in a labour boss's card; payments to people on no roster; attendance of people on no roster; payroll
from an account other than the wage account; excessive payments; pay below the minimum wage; one ID
on two sites at once; bad IDs, children, the old; stints with no labour contract), each beside near
misses that must not be flagged, and writes `truth.csv`: every flag the pipeline must raise.

The truth is not a list of intentions: it is computed by judging the tables exactly as they are
written, with `Decimal` and docs/contract.md sections 2 and 3 followed to the letter, so a plant that does not
bite (or a near miss that does) shows. Thresholds and the minimum-wage table are read from the
pipeline's own default configuration, so the truth follows whatever it holds.

Same arguments, same bytes: all randomness comes from one `random.Random(seed)`, files are
written in a fixed order, and nothing reads the clock.

    python -m wagewatch.generate OUT --workers 150 --months 3
"""

from __future__ import annotations

import calendar
import csv
import json
import random
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from functools import cache
from itertools import islice
from pathlib import Path

import xlsxwriter

# --- shape of the inbox -------------------------------------------------------------------------

DEFAULT_SEED = 20260801
LAST_PERIOD = (2026, 10)  # the generated window always ends here
AS_OF_MONTHS_AFTER_LAST = 2  # as-of = first day of this many months after the last period
WORKERS_PER_PROJECT = 30

REGIONS = {  # region_code -> (district as written in names, city of the bank branch)
    "360802": ("吉安市吉州区", "吉安"),
    "360103": ("南昌市西湖区", "南昌"),
    "360111": ("南昌市青山湖区", "南昌"),
    "360203": ("景德镇市珠山区", "景德镇"),
    "360302": ("萍乡市安源区", "萍乡"),
}
REGION_CODES = tuple(REGIONS)
PAY_DAYS = (10, 15, 20, 25, 31)  # 31 is clipped to the last day of short months
SECTOR_WORKS = {
    "建筑": ("安置房建设项目", "中学教学楼工程", "人民医院门诊楼工程", "产业园标准厂房项目"),
    "交通": ("城市道路改造工程", "跨江大桥建设工程", "快速路高架工程"),
    "水利": ("河道综合治理工程", "水库除险加固工程", "灌区续建配套工程"),
}
SECTORS = tuple(SECTOR_WORKS)
CONTRACTORS = (
    "江西省建工集团有限责任公司",
    "中铁二十四局集团有限公司",
    "江西中恒建设集团有限公司",
    "吉安市城市建设工程有限公司",
    "南昌市政公用工程集团有限公司",
    "江西省水利水电建设集团有限公司",
    "中建五局第三建设有限公司",
)
LABOUR_FIRMS = ("宏达", "兴旺", "鑫源", "恒通", "安信", "顺和", "众力", "建邦")
TEAMS = {
    "钢筋班": "钢筋工",
    "木工班": "木工",
    "混凝土班": "混凝土工",
    "架子班": "架子工",
    "水电班": "电工",
    "泥工班": "瓦工",
    "杂工班": "普工",
}
PROJECT_START_DAYS_BEFORE = (60, 400)  # project start, days before the first period
PROJECT_END_DAYS_AFTER = (90, 700)  # project end, days after the last period
WAGE_ACCOUNT_PREFIX = "36050"  # 19 digits in all; worker cards start with 62, so never collide
WAGE_ACCOUNT_LENGTH = 19
GENERAL_ACCOUNT_PREFIX = "36021"  # a contractor's general (basic) account: never a wage account
CREDIT_CODE_PREFIX = "91"  # enterprise, industrial and commercial registration
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE_BODY = 9

# --- workers ---------------------------------------------------------------------------------------

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓"
    "曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢钟谭陆汪廖熊邱江"
)
GIVEN_MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林洋春国建文志海兵东福生荣德"
GIVEN_FEMALE = "芳娟敏静丽霞燕艳玲萍秀英兰凤梅琴云莲红慧婷"
TWO_CHAR_GIVEN_SHARE = 0.6
MALE_SHARE = 0.8
BIRTHPLACES = (
    "360802",
    "360821",
    "360822",
    "360103",
    "360121",
    "360124",
    "360203",
    "360281",
    "360302",
    "360321",
    "360423",
    "360502",
    "360681",
    "360702",
    "360731",
    "361002",
    "361121",
    "430521",
    "431022",
    "511623",
    "411625",
    "341225",
)
AGE_YEARS = (20, 45)  # on the window's first day, when most workers enter
OUTSIDER_AGE_YEARS = (25, 55)  # labour bosses and people on no roster
DAYS_PER_YEAR = 365
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643 / ISO 7064 MOD 11-2
ID_CHECK_CHARS = "10X98765432"
ID_FORMAT = re.compile(r"\d{17}[\dX]")
ID_EARLIEST_BIRTH_YEAR = 1900  # an earlier year in an ID is no real birth date
CARD_ISSUERS = (  # (bank, card prefix, card length): lengths 16-19
    ("中国建设银行", "6217", 19),
    ("中国工商银行", "6222", 19),
    ("中国农业银行", "6228", 19),
    ("中国银行", "6216", 19),
    ("中国邮政储蓄银行", "6210", 19),
    ("江西银行", "6231", 16),
    ("九江银行", "6223", 17),
    ("江西农商银行", "6230", 18),
)
PHONE_DIGITS = 11
PHONE_PREFIXES = ("133", "135", "138", "139", "150", "151", "158", "177", "180", "186", "188", "199")
MONTHLY, DAILY = "月薪", "日薪"
MONTHLY_SHARE = 0.85
MONTHLY_RATE = (4000, 9000)  # whole yuan; well above any minimum wage
HALF_YUAN_SHARE = 0.15  # some monthly rates end in .50
HALF_YUAN = Decimal("0.50")
DAILY_RATE = (180, 400)  # × 21.75 stays far above any minimum wage
CONTRACT_SIGNED = "是"
MID_ENTRY_SHARE = 0.08  # enter inside the window: calendar proration and "not yet on the roster"
MID_EXIT_SHARE = 0.08  # leave inside the window: proration and "no longer on the roster"

# --- attendance ------------------------------------------------------------------------------------

DAYS_WORKED = (15, 26)  # above 21.75 exercises the cap
ZERO_DAYS_SHARE = 0.015  # 0-day rows: on site's list, no work, not expected to be paid
SILENT_ATTENDANCE_SHARE = 0.005  # project-periods with no attendance at all (roster stands in)
ATTENDANCE_PERIOD_FORMATS = (
    lambda y, m: f"{y}-{m:02d}",
    lambda y, m: f"{y}{m:02d}",
    lambda y, m: f"{y}年{m}月",
)

# --- payroll and plants ---------------------------------------------------------------------------

PAY_LEAD_DAYS = (1, 5)  # a project's payroll batch runs this many days before its due date
UNKNOWN_DAYS_PAID = (15, 24)  # what a daily worker without attendance is paid for
ID_OMIT_SHARE = 0.08  # rows without payee ID: matched by account
GROUPED_AMOUNT_SHARE = 0.15  # amounts written as 5,230.50
PARTIAL_PER_MILLE = (600, 950)  # a partial payment is 60-95 % of what is due
PER_MILLE = 1000
LATE_SPLIT_SHARE = 0.5  # late plants paid part on time and the rest late (when the amount is known)
MISSED_VARIANTS = ("nothing", "failed", "after_as_of")  # no row / a failed row / a row after the as-of date
NEAR_MISS_SHORT = Decimal("0.995")  # 0.5 % short: inside the 1 % tolerance
AFTER_AS_OF_DAYS = (1, 20)
AFTER_AS_OF_BONUS = (200, 800)
SUCCESS, FAILURE = "成功", "失败"
FAILURE_REASONS = ("收款行系统繁忙", "账户状态异常", "超过单日限额", "账户已冻结")
NO_FUNDS_REASON = "付款账户余额不足"
NO_PAYROLL_SHARE = 0.005  # project-periods without a successful payment; at least one
SILENT_NO_PAYROLL_SHARE = 0.5  # of those, no rows at all; the others a whole batch refused


@dataclass(frozen=True)
class Plant:
    """One kind of deliberate payment outcome, how many per period, and what it needs."""

    kind: str
    share: float  # of the worker-months expected to be paid in the period
    minimum: int
    needs_known_amount: bool  # partial and short payments need an expected amount to fall short of


NORMAL = "normal"
PLANTS = (
    Plant("missed", 0.01, 2, False),
    Plant("partial", 0.01, 2, True),
    Plant("late", 0.01, 2, False),
    Plant("short_within_tolerance", 0.005, 1, True),
    Plant("paid_on_due_date", 0.005, 1, False),
    Plant("failed_then_repaid", 0.005, 1, False),
    Plant("extra_after_as_of", 0.005, 1, False),
)


@dataclass(frozen=True)
class Quota:
    """How many of one plant an inbox gets: a share of what it is planted among, and at least a minimum
    (so even the smallest inbox that has room shows every rule)."""

    share: float
    minimum: int

    def of(self, population: int) -> int:
        return max(self.minimum, round(population * self.share))


# --- the rest of the catalogue: roster plants (a share of the workers) ------------------------------
# Each worker gets at most one roster plant, and is an ordinary worker otherwise: paid as usual.

ROSTER_PLANTS = {
    "wrong_check_char": Quota(0.002, 1),  # INVALID_ID_NUMBER
    "impossible_birth_date": Quota(0.002, 1),  # INVALID_ID_NUMBER
    "old_15_digit_id": Quota(0.001, 1),  # INVALID_ID_NUMBER: not 17 digits and a check character
    "underage": Quota(0.003, 1),  # UNDERAGE_WORKER
    "sixteen_on_entry": Quota(0.001, 1),  # near miss: 16 on the very entry date
    "overage_man": Quota(0.003, 1),  # OVERAGE_WORKER
    "sixty_man": Quota(0.001, 1),  # near miss: 60 on entry, 61 the next day
    "overage_woman": Quota(0.002, 1),  # OVERAGE_WORKER
    "fifty_woman": Quota(0.001, 1),  # near miss: 50 on entry, 51 the next day
    "no_contract": Quota(0.005, 1),  # NO_LABOR_CONTRACT
    "blank_contract": Quota(0.003, 1),  # near miss: a blank is not a no
    "below_minimum_monthly": Quota(0.002, 1),  # BELOW_MINIMUM_WAGE
    "below_minimum_daily": Quota(0.002, 1),  # BELOW_MINIMUM_WAGE: × 21.75 just below, unrounded
    "minimum_monthly": Quota(0.001, 1),  # near miss: exactly the minimum
    "minimum_daily": Quota(0.001, 1),  # near miss: the lowest daily rate whose × 21.75 is not below
}
SHARED_CARD_PAIRS = Quota(0.002, 1)  # two workers of a project registered with one card
CONCURRENT_PAIRS = Quota(0.002, 1)  # one ID on two projects, more days than the month has once
CONCURRENT_EXACT_PAIRS = Quota(0.001, 1)  # near miss: once exactly the days of the month
NO_CONTRACT_CELLS = ("否", "否", "N", "no", "0")  # explicit noes as sites write them
BLANK = ""
BELOW_MINIMUM_FEN = (1, 40_000)  # a monthly rate this many fen below the minimum wage
IMPOSSIBLE_MONTH_DAYS = ("0230", "0229", "0431", "0631", "0931", "1131", "1301", "0000")
WRONG_BIRTH_YEAR = 1991  # not a leap year, so 0229 is impossible too
CONCURRENT_DAYS_HERE = (14, 20)  # days on the first project in the month the ID is on both
CONCURRENT_EXCESS = (1, 4)  # days beyond the month's when the two projects' days are added
CONCURRENT_QUIET_DAYS = (5, 10)  # on the second project in the other months: well within the month

# --- the rest of the catalogue: period plants (a share of the worker-months of the period) ---------

BOSS_GROUP_SIZE = 3  # wages of three workers in one boss's card: ACCOUNT_MISMATCH and SHARED_ACCOUNT
BOSS_CARD_GROUPS = Quota(0.001, 1)
COLLEAGUE_CARDS = Quota(0.002, 1)  # paid into a colleague's registered card: shared with its holder
OWN_OTHER_CARDS = Quota(0.002, 1)  # paid into a card of the worker's own that is not registered
EXCESSIVE_PAYMENTS = Quota(0.003, 1)
EXACT_LIMIT_PAYMENTS = Quota(0.001, 1)  # near miss: exactly the excessive amount, not above it
EXCESS_FEN = (1, 3_000_000)  # an excessive payment is this many fen above the limit
NON_DEDICATED_PAYROLLS = Quota(0.01, 1)  # of the project-periods paid: some wages from another account
NON_DEDICATED_ROWS = (1, 3)
OUTSIDER_PAYMENTS = Quota(0.004, 1)  # UNREGISTERED_PAYEE
OUTSIDER_VARIANTS = ("boss_with_id", "boss_without_id", "other_project_worker")
OUTSIDER_AMOUNT = (2000, 20000)
STRAY_ATTENDANCE = Quota(0.004, 1)  # UNREGISTERED_WORKER, of the attendance rows of the period
STRAY_VARIANTS = ("ghost", "not_yet_entered", "left")  # rotating by month: 2026-08 not yet entered, 09 left
STRAY_DAYS = (1, 12)  # days of a worker who left or has not yet entered
ZERO_DAY_GHOSTS = Quota(0.001, 1)  # near miss: a 0-day row for an ID on no roster

# --- judging (docs/contract.md sections 2 and 3), thresholds as the pipeline ships them ----------

CONFIG_FILE = Path(__file__).with_name("default_config.toml")
DEFAULTS = tomllib.loads(CONFIG_FILE.read_text(encoding="utf-8"))
CENT = Decimal("0.01")
ZERO = Decimal("0")
PAID_DAYS_PER_MONTH = Decimal("21.75")
PARTIAL_TOLERANCE = Decimal(str(DEFAULTS["rules"]["partial_tolerance"]))
GRACE_DAYS = DEFAULTS["rules"]["grace_days"]
EXCESSIVE_AMOUNT = Decimal(str(DEFAULTS["rules"]["excessive_monthly_amount"]))
MIN_AGE = DEFAULTS["rules"]["min_age"]
MAX_AGE_MALE = DEFAULTS["rules"]["max_age_male"]
MAX_AGE_FEMALE = DEFAULTS["rules"]["max_age_female"]
MINIMUM_WAGE = {prefix: Decimal(str(amount)) for prefix, amount in DEFAULTS["minimum_wage"].items()}
CONTRACT_NOES = frozenset({"否", "no", "n", "0", "false", "未签", "未签订"})  # staging's parse_yes_no

MISSED, PARTIAL, LATE, NO_PAYROLL = "MISSED_PAYMENT", "PARTIAL_PAYMENT", "LATE_PAYMENT", "NO_PAYROLL"
ACCOUNT_MISMATCH, SHARED_ACCOUNT = "ACCOUNT_MISMATCH", "SHARED_ACCOUNT"
UNREGISTERED_PAYEE, UNREGISTERED_WORKER = "UNREGISTERED_PAYEE", "UNREGISTERED_WORKER"
NON_DEDICATED_ACCOUNT, EXCESSIVE_PAYMENT = "NON_DEDICATED_ACCOUNT", "EXCESSIVE_PAYMENT"
BELOW_MINIMUM_WAGE, CONCURRENT_PROJECTS = "BELOW_MINIMUM_WAGE", "CONCURRENT_PROJECTS"
INVALID_ID_NUMBER, UNDERAGE_WORKER = "INVALID_ID_NUMBER", "UNDERAGE_WORKER"
OVERAGE_WORKER, NO_LABOR_CONTRACT = "OVERAGE_WORKER", "NO_LABOR_CONTRACT"
RULES = (  # the catalogue (docs/contract.md section 3) that truth.csv covers
    MISSED,
    PARTIAL,
    LATE,
    NO_PAYROLL,
    ACCOUNT_MISMATCH,
    SHARED_ACCOUNT,
    UNREGISTERED_PAYEE,
    UNREGISTERED_WORKER,
    NON_DEDICATED_ACCOUNT,
    EXCESSIVE_PAYMENT,
    BELOW_MINIMUM_WAGE,
    CONCURRENT_PROJECTS,
    INVALID_ID_NUMBER,
    UNDERAGE_WORKER,
    OVERAGE_WORKER,
    NO_LABOR_CONTRACT,
)
NO_PERIOD = ""  # roster flags carry no period
YEAR_MONTH = re.compile(r"(\d{4})\s*[-/年.]?\s*(\d{1,2})")
BANK_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y年%m月%d日")

# --- files -----------------------------------------------------------------------------------------

PROJECT_COLUMNS = (
    "project_id",
    "project_name",
    "region_code",
    "contractor_name",
    "contractor_credit_code",
    "wage_account",
    "pay_day",
    "sector",
    "start_date",
    "end_date",
)
ROSTER_HEADERS = (
    "项目编号",
    "姓名",
    "身份证号",
    "班组",
    "分包单位",
    "工种",
    "工资卡号",
    "开户行",
    "计薪方式",
    "工资标准",
    "进场日期",
    "退场日期",
    "是否签订劳动合同",
    "手机号",
)
ROSTER_TEXT_COLUMNS = frozenset({"身份证号", "工资卡号", "手机号"})
# in_memory, not constant_memory: no temp files (5x faster for many small rosters) and zip entries
# stamped 1980-01-01 by xlsxwriter itself, so the bytes never depend on the file system or the clock.
XLSX_OPTIONS = {"in_memory": True}
ROSTER_TITLE_ROWS = 2  # the title and a blank row above the header
ATTENDANCE_HEADERS = ("项目编号", "身份证号", "月份", "出勤天数")
TOTAL_MARK = "合计"
GB18030 = "gb18030"
CRLF = "\r\n"


# === calendar ======================================================================================


def periods_ending(last: tuple[int, int], months: int) -> list[str]:
    """`months` consecutive periods (YYYY-MM) ending with `last`."""
    year, month = last
    index = year * 12 + month - 1
    return [f"{i // 12}-{i % 12 + 1:02d}" for i in range(index - months + 1, index + 1)]


def shift(period: str, months: int) -> str:
    year, month = int(period[:4]), int(period[5:7])
    index = year * 12 + month - 1 + months
    return f"{index // 12}-{index % 12 + 1:02d}"


@cache
def first_day(period: str) -> date:
    return date(int(period[:4]), int(period[5:7]), 1)


@cache
def last_day(period: str) -> date:
    start = first_day(period)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


@cache
def due_date(period: str, pay_day: int) -> date:
    """Wages for P are due on pay_day of P+1, the last day of that month when pay_day is larger."""
    following = last_day(shift(period, 1))
    return following.replace(day=min(pay_day, following.day))


def is_judged(period: str, pay_day: int, as_of: date) -> bool:
    """A period is judged once the as-of date is past its due date plus the grace days."""
    return as_of > due_date(period, pay_day) + timedelta(days=GRACE_DAYS)


def month_number(period: str) -> int:
    """Months since year 0: a plant's variants rotate by it, so a small inbox shows each in a few months."""
    return int(period[:4]) * 12 + int(period[5:7]) - 1


def as_of_for(periods: list[str]) -> date:
    return first_day(shift(periods[-1], AS_OF_MONTHS_AFTER_LAST))


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February falls back to the 28th in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_on(born: date, day: date) -> int:
    """Whole years on a day, as the pipeline counts them (a birthday not yet reached that year: one less)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# === the things written ============================================================================


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
    """A bank export as text: the judge reads the very cells that are written."""

    name: str
    title: str
    layout: BankLayout
    table: list[list[str]]  # header, data rows, 合计 row


Money = Decimal | None  # an expected amount; None when it is unknown
Owed = list[tuple[Worker, Money]]  # workers expected to be paid, with what they are owed
Attendance = dict[tuple[str, str], dict[str, int]]  # (project_id, period) -> {id_number: days}
Pairs = set[tuple[str, str]]  # (project_id, period)
Flag = tuple[str, str, str, str]  # project_id, period, rule, id_number
WorkerKey = tuple[str, str]  # (project_id, id_number): one ID may be on two projects' rosters


def _ym_text(period: str) -> str:
    return f"{int(period[:4])}年{int(period[5:7])}月"


# First period: a 工资所属期 column. Second: no period, a memo naming the month. Third: neither, so
# the period is the month before paid_at. Late payments go in their own file with both.
BANK_LAYOUTS = (
    BankLayout(
        (
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
        ),
        date=lambda d: d.isoformat(),
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
        date=lambda d: f"{d.year}/{d.month}/{d.day}",
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
        date=lambda d: d.strftime("%Y%m%d"),
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
    date=lambda d: f"{d.year}年{d.month}月{d.day}日",
    memo=lambda p: f"补发{_ym_text(p)}工资",
)
# Wages paid from a contractor's general account: a payment not from the wage account can only be
# attributed to the project by its project_id, so this export always names the project.
GENERAL_LAYOUT = BankLayout(
    (
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
    ),
    date=lambda d: d.strftime("%Y%m%d"),
    period=_ym_text,
)
BANK_TITLE_BANKS = ("中国建设银行", "中国工商银行", "中国农业银行", "江西银行")


# === identities ====================================================================================


def id_check_char(first17: str) -> str:
    """GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits of an ID number."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % len(ID_CHECK_CHARS)]


def is_valid_id(id_number: str) -> bool:
    """Format, birth date and check character of an 18-character ID number."""
    if len(id_number) != 18 or not id_number[:17].isdigit():
        return False
    try:
        date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return False
    return id_number[17].upper() == id_check_char(id_number[:17])


def id_birth_date(id_number: str, as_of: date) -> date | None:
    """The birth date of a well-formed ID when it is a real one: a calendar date from 1900 to the as-of
    date. Ages are judged on real birth dates only; any other ID is merely invalid."""
    if not ID_FORMAT.fullmatch(id_number):
        return None
    try:
        born = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None
    return born if born.year >= ID_EARLIEST_BIRTH_YEAR and born <= as_of else None


def is_invalid_id(id_number: str, as_of: date) -> bool:
    """GB 11643 as INVALID_ID_NUMBER reads it: format, a real birth date, the check character."""
    born = id_birth_date(id_number, as_of)
    return born is None or id_number[17] != id_check_char(id_number[:17])


def is_male(id_number: str) -> bool:
    """The 17th character of an ID is odd for men."""
    return int(id_number[16]) % 2 == 1


def minimum_wage(region_code: str) -> Decimal | None:
    """The monthly minimum wage by the longest matching region-code prefix; None: not judged."""
    prefixes = [prefix for prefix in MINIMUM_WAGE if region_code.startswith(prefix)]
    return MINIMUM_WAGE[max(prefixes, key=len)] if prefixes else None


def agreed_monthly_pay(worker: Worker) -> Decimal:
    """Full-month agreed pay: the monthly rate, or the daily rate × 21.75, exact (never rounded)."""
    return worker.wage_rate if worker.wage_type == MONTHLY else worker.wage_rate * PAID_DAYS_PER_MONTH


def _credit_code(rng: random.Random, region_code: str) -> str:
    """A unified social credit code with a valid GB 32100 check character (no rule needs it wrong)."""
    organisation = "".join(rng.choice(CREDIT_CODE_CHARS) for _ in range(CREDIT_CODE_BODY))
    body = CREDIT_CODE_PREFIX + region_code + organisation
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(body, CREDIT_CODE_WEIGHTS, strict=True))
    modulus = len(CREDIT_CODE_CHARS)
    return body + CREDIT_CODE_CHARS[(modulus - total % modulus) % modulus]


def _digits(rng: random.Random, count: int) -> str:
    return f"{rng.randrange(10**count):0{count}d}"


def _unique(make: Callable[[], str], seen: set[str]) -> str:
    """Draw until the value is new: IDs, cards and names stay unique so no rule fires by accident."""
    value = make()
    while value in seen:
        value = make()
    seen.add(value)
    return value


@dataclass
class _Registry:
    """What must stay unique across the whole inbox (IDs, cards) and within a project (names)."""

    ids: set[str] = field(default_factory=set)
    cards: set[str] = field(default_factory=set)
    names: dict[str, set[str]] = field(default_factory=dict)  # project_id -> names used there

    def card(self, rng: random.Random) -> tuple[str, str]:
        """(issuing bank, a card number nobody else holds)."""
        bank, prefix, length = rng.choice(CARD_ISSUERS)
        return bank, _unique(lambda: prefix + _digits(rng, length - len(prefix)), self.cards)

    def id_number(self, rng: random.Random, born: date, male: bool) -> str:
        return _unique(lambda: _id_number(rng, born, male), self.ids)

    def name(self, rng: random.Random, project_id: str, male: bool) -> str:
        return _unique(lambda: _name(rng, male), self.names.setdefault(project_id, set()))


def _outsider(rng: random.Random, registry: _Registry, project_id: str) -> Person:
    """Someone on no roster: an ID and a card nobody holds, a name no worker of the project bears."""
    male = rng.random() < MALE_SHARE
    low, high = OUTSIDER_AGE_YEARS
    born = date(LAST_PERIOD[0], 1, 1) - timedelta(days=rng.randint(low * DAYS_PER_YEAR, high * DAYS_PER_YEAR))
    return Person(
        name=registry.name(rng, project_id, male),
        id_number=registry.id_number(rng, born, male),
        bank_account=registry.card(rng)[1],
    )


# === projects and rosters ==========================================================================


def _make_projects(rng: random.Random, count: int, periods: list[str]) -> list[Project]:
    accounts: set[str] = set()
    free_digits = WAGE_ACCOUNT_LENGTH - len(WAGE_ACCOUNT_PREFIX)
    projects = []
    for number in range(1, count + 1):
        region = REGION_CODES[(number - 1) % len(REGION_CODES)]
        sector = SECTORS[rng.randrange(len(SECTORS))]
        account = _unique(lambda: WAGE_ACCOUNT_PREFIX + _digits(rng, free_digits), accounts)
        projects.append(
            Project(
                number=number,
                project_id=f"P{region}-{number:04d}",
                name=f"{REGIONS[region][0]}{rng.choice(SECTOR_WORKS[sector])}{number}标段",
                region_code=region,
                contractor=rng.choice(CONTRACTORS),
                credit_code=_credit_code(rng, region),
                wage_account=account,
                pay_day=PAY_DAYS[(number - 1) % len(PAY_DAYS)],
                sector=sector,
                start_date=first_day(periods[0]) - timedelta(days=rng.randint(*PROJECT_START_DAYS_BEFORE)),
                end_date=last_day(periods[-1]) + timedelta(days=rng.randint(*PROJECT_END_DAYS_AFTER)),
            )
        )
    return projects


def _name(rng: random.Random, male: bool) -> str:
    given = GIVEN_MALE if male else GIVEN_FEMALE
    length = 2 if rng.random() < TWO_CHAR_GIVEN_SHARE else 1
    return rng.choice(SURNAMES) + "".join(rng.choice(given) for _ in range(length))


def _id_number(rng: random.Random, born: date, male: bool) -> str:
    sequence = _digits(rng, 2) + str(rng.choice("13579" if male else "02468"))
    first17 = rng.choice(BIRTHPLACES) + born.strftime("%Y%m%d") + sequence
    return first17 + id_check_char(first17)


def _stint(rng: random.Random, periods: list[str]) -> tuple[date, date | None]:
    """Entry and exit: mostly on site from the window's first day on; some arrive or leave inside it.

    Nobody enters before the window: a worker on the roster in an earlier month would be owed wages
    for it (docs/contract.md section 2), and the inbox holds no attendance or payroll before the window.
    """
    window_start, window_end = first_day(periods[0]), last_day(periods[-1])
    window_days = (window_end - window_start).days
    draw = rng.random()
    if draw < MID_ENTRY_SHARE:
        return window_start + timedelta(days=rng.randint(1, window_days)), None
    if draw < MID_ENTRY_SHARE + MID_EXIT_SHARE:
        return window_start, window_start + timedelta(days=rng.randint(0, window_days - 1))
    return window_start, None


def _wage(rng: random.Random) -> tuple[str, Decimal]:
    if rng.random() < MONTHLY_SHARE:
        rate = Decimal(rng.randint(*MONTHLY_RATE))
        return MONTHLY, rate + HALF_YUAN if rng.random() < HALF_YUAN_SHARE else rate
    return DAILY, Decimal(rng.randint(*DAILY_RATE))


def _make_worker(rng: random.Random, project: Project, periods: list[str], registry: _Registry) -> Worker:
    male = rng.random() < MALE_SHARE
    reference = first_day(periods[0])
    low, high = AGE_YEARS
    born = reference - timedelta(days=rng.randint(low * DAYS_PER_YEAR + 6, high * DAYS_PER_YEAR))
    bank, prefix, length = rng.choice(CARD_ISSUERS)
    team = rng.choice(tuple(TEAMS))
    wage_type, wage_rate = _wage(rng)
    entry, exit_ = _stint(rng, periods)
    return Worker(
        project_id=project.project_id,
        name=registry.name(rng, project.project_id, male),
        id_number=registry.id_number(rng, born, male),
        team=team,
        subcontractor=f"江西{rng.choice(LABOUR_FIRMS)}劳务有限公司",
        trade=TEAMS[team],
        bank_account=_unique(lambda: prefix + _digits(rng, length - len(prefix)), registry.cards),
        bank_name=f"{bank}{REGIONS[project.region_code][1]}分行",
        wage_type=wage_type,
        wage_rate=wage_rate,
        entry_date=entry,
        exit_date=exit_,
        phone=rng.choice(PHONE_PREFIXES) + _digits(rng, PHONE_DIGITS - len(PHONE_PREFIXES[0])),
    )


def _staff(
    rng: random.Random, projects: list[Project], workers: int, periods: list[str], registry: _Registry
) -> None:
    """Spread the workers evenly over the projects (the first projects take the remainder)."""
    base, extra = divmod(workers, len(projects))
    for project in projects:
        size = base + (1 if project.number <= extra else 0)
        project.workers = [_make_worker(rng, project, periods, registry) for _ in range(size)]


# === roster plants: the roster rules, shared cards, one ID on two projects ==========================


class _Picker:
    """Hands out workers in a shuffled order, each at most once, so that plants never overlap."""

    def __init__(self, rng: random.Random, projects: list[Project]) -> None:
        self.pool = [worker for project in projects for worker in project.workers]
        rng.shuffle(self.pool)
        self.taken: set[int] = set()
        self.start = 0  # everything before it is taken

    def pick(self, accept: Callable[[Worker], bool] = lambda worker: True) -> Worker | None:
        while self.start < len(self.pool) and id(self.pool[self.start]) in self.taken:
            self.start += 1
        for worker in islice(self.pool, self.start, None):
            if id(worker) not in self.taken and accept(worker):
                self.taken.add(id(worker))
                return worker
        return None


def _reborn(rng: random.Random, worker: Worker, registry: _Registry, born: date, male: bool) -> None:
    """A new, valid ID for the worker with this birth date and sex."""
    worker.id_number = registry.id_number(rng, born, male)


def _underage(rng: random.Random, project: Project, worker: Worker, registry: _Registry) -> None:
    """15 or younger on the entry date: turns 16 from a day to about two years after it."""
    born = years_before(worker.entry_date, MIN_AGE) + timedelta(days=rng.randint(1, 2 * DAYS_PER_YEAR))
    _reborn(rng, worker, registry, born, is_male(worker.id_number))


def _sixteen_on_entry(rng: random.Random, project: Project, worker: Worker, registry: _Registry) -> None:
    _reborn(rng, worker, registry, years_before(worker.entry_date, MIN_AGE), is_male(worker.id_number))


def _overage(male: bool) -> Callable[[random.Random, Project, Worker, _Registry], None]:
    """Older than the maximum age on entry: past it on the entry day itself or up to 3 years before."""
    limit = MAX_AGE_MALE if male else MAX_AGE_FEMALE

    def plant(rng: random.Random, project: Project, worker: Worker, registry: _Registry) -> None:
        born = years_before(worker.entry_date, limit + 1) - timedelta(days=rng.randint(0, 3 * DAYS_PER_YEAR))
        _reborn(rng, worker, registry, born, male)

    return plant


def _at_maximum_age(male: bool) -> Callable[[random.Random, Project, Worker, _Registry], None]:
    """Exactly at the maximum age on entry: one day short of the next birthday."""
    limit = MAX_AGE_MALE if male else MAX_AGE_FEMALE

    def plant(rng: random.Random, project: Project, worker: Worker, registry: _Registry) -> None:
        _reborn(rng, worker, registry, years_before(worker.entry_date, limit + 1) + timedelta(days=1), male)

    return plant


def _wrong_check_char(rng: random.Random, project: Project, worker: Worker, registry: _Registry) -> None:
    valid = worker.id_number
    wrong = [char for char in ID_CHECK_CHARS if char != valid[-1]]
    worker.id_number = _unique(lambda: valid[:17] + rng.choice(wrong), registry.ids)


def _impossible_birth_date(rng: random.Random, project: Project, worker: Worker, registry: _Registry) -> None:
    """A birth date no calendar has, with a correct check character: only the date is wrong."""
    valid = worker.id_number

    def make() -> str:
        first17 = f"{valid[:6]}{WRONG_BIRTH_YEAR}{rng.choice(IMPOSSIBLE_MONTH_DAYS)}{_digits(rng, 3)}"
        return first17 + id_check_char(first17)

    worker.id_number = _unique(make, registry.ids)


def _old_15_digit_id(rng: random.Random, project: Project, worker: Worker, registry: _Registry) -> None:
    """The first-generation ID still on an old roster: a two-digit year and no check character."""
    valid = worker.id_number
    worker.id_number = _unique(lambda: valid[:6] + valid[8:14] + _digits(rng, 3), registry.ids)


def _no_contract(rng: random.Random, project: Project, worker: Worker, registry: _Registry) -> None:
    worker.contract = rng.choice(NO_CONTRACT_CELLS)


def _blank_contract(rng: random.Random, project: Project, worker: Worker, registry: _Registry) -> None:
    worker.contract = BLANK


def lowest_daily_rate_at(minimum: Decimal) -> Decimal:
    """The lowest daily rate in fen whose × 21.75 is not below the minimum (equal when it divides)."""
    return (minimum / PAID_DAYS_PER_MONTH).quantize(CENT, rounding=ROUND_CEILING)


def _set_wage(worker: Worker, wage_type: str, rate: Decimal) -> None:
    worker.wage_type, worker.wage_rate = wage_type, rate


def _below_minimum_monthly(rng: random.Random, project: Project, worker: Worker, registry: _Registry) -> None:
    minimum = minimum_wage(project.region_code)
    if minimum is not None:
        _set_wage(worker, MONTHLY, minimum - Decimal(rng.randint(*BELOW_MINIMUM_FEN)) * CENT)


def _below_minimum_daily(rng: random.Random, project: Project, worker: Worker, registry: _Registry) -> None:
    """The highest daily rate whose × 21.75 is still below the minimum (79.54 × 21.75 = 1,729.995)."""
    minimum = minimum_wage(project.region_code)
    if minimum is not None:
        _set_wage(worker, DAILY, lowest_daily_rate_at(minimum) - CENT)


def _minimum_monthly(rng: random.Random, project: Project, worker: Worker, registry: _Registry) -> None:
    minimum = minimum_wage(project.region_code)
    if minimum is not None:
        _set_wage(worker, MONTHLY, minimum)


def _minimum_daily(rng: random.Random, project: Project, worker: Worker, registry: _Registry) -> None:
    minimum = minimum_wage(project.region_code)
    if minimum is not None:
        _set_wage(worker, DAILY, lowest_daily_rate_at(minimum))


ROSTER_PLANTERS: dict[str, Callable[[random.Random, Project, Worker, _Registry], None]] = {
    "wrong_check_char": _wrong_check_char,
    "impossible_birth_date": _impossible_birth_date,
    "old_15_digit_id": _old_15_digit_id,
    "underage": _underage,
    "sixteen_on_entry": _sixteen_on_entry,
    "overage_man": _overage(male=True),
    "sixty_man": _at_maximum_age(male=True),
    "overage_woman": _overage(male=False),
    "fifty_woman": _at_maximum_age(male=False),
    "no_contract": _no_contract,
    "blank_contract": _blank_contract,
    "below_minimum_monthly": _below_minimum_monthly,
    "below_minimum_daily": _below_minimum_daily,
    "minimum_monthly": _minimum_monthly,
    "minimum_daily": _minimum_daily,
}
SEXED_PLANTS = {"overage_man": True, "sixty_man": True, "overage_woman": False, "fifty_woman": False}


@dataclass
class _ConcurrentPair:
    """One person on two projects' rosters; `over`: once more days in all than the month has."""

    here: Worker
    there: Worker
    over: bool


def _full_window(periods: list[str]) -> Callable[[Worker], bool]:
    """On the roster for the whole window, so every month can hold attendance on both projects."""
    return lambda worker: worker.entry_date == first_day(periods[0]) and worker.exit_date is None


def _concurrent_pair(
    picker: _Picker, registry: _Registry, periods: list[str], over: bool
) -> _ConcurrentPair | None:
    """The worker of a second project becomes the first worker: same name, ID and card, on both rosters."""
    full = _full_window(periods)
    here = picker.pick(full)
    if here is None:
        return None
    there = picker.pick(
        lambda w: (
            full(w)
            and w.project_id != here.project_id
            and here.name not in registry.names.get(w.project_id, set())
        )
    )
    if there is None:
        return None
    registry.names[there.project_id].add(here.name)
    there.name, there.id_number = here.name, here.id_number
    there.bank_account, there.bank_name = here.bank_account, here.bank_name
    return _ConcurrentPair(here, there, over)


def _shared_card_pair(picker: _Picker) -> None:
    """A second worker of the project registered with the first one's card (SHARED_ACCOUNT on the roster)."""
    holder = picker.pick()
    if holder is None:
        return
    other = picker.pick(lambda w: w.project_id == holder.project_id)
    if other is not None:
        other.bank_account, other.bank_name = holder.bank_account, holder.bank_name


def _plant_rosters(
    rng: random.Random, projects: list[Project], periods: list[str], registry: _Registry
) -> list[_ConcurrentPair]:
    """Plant the roster rules and their near misses on distinct workers; return the concurrent pairs."""
    picker = _Picker(rng, projects)
    workers = len(picker.pool)
    pairs = [
        _concurrent_pair(picker, registry, periods, over)
        for over, quota in ((True, CONCURRENT_PAIRS), (False, CONCURRENT_EXACT_PAIRS))
        for _ in range(quota.of(workers))
    ]
    for _ in range(SHARED_CARD_PAIRS.of(workers)):
        _shared_card_pair(picker)
    by_id = {project.project_id: project for project in projects}
    for kind, quota in ROSTER_PLANTS.items():
        for _ in range(quota.of(workers)):
            sex = SEXED_PLANTS.get(kind)
            worker = (
                picker.pick(lambda w, sex=sex: sex is None or is_male(w.id_number) == sex) or picker.pick()
            )
            if worker is not None:
                ROSTER_PLANTERS[kind](rng, by_id[worker.project_id], worker, registry)
    return [pair for pair in pairs if pair is not None]


# === attendance ====================================================================================


def on_roster(worker: Worker, period: str) -> bool:
    left = worker.exit_date is not None and worker.exit_date < first_day(period)
    return worker.entry_date <= last_day(period) and not left


def roster_days(worker: Worker, period: str) -> int:
    """Calendar days of P the worker is on the roster."""
    start = max(worker.entry_date, first_day(period))
    end = min(worker.exit_date or last_day(period), last_day(period))
    return max(0, (end - start).days + 1)


def _days_worked(rng: random.Random, worker: Worker, period: str) -> int:
    """Days from 15 to 26, scaled down for a part month on site; now and then a 0-day row."""
    if rng.random() < ZERO_DAYS_SHARE:
        return 0
    days, on_site, month = rng.randint(*DAYS_WORKED), roster_days(worker, period), last_day(period).day
    return (2 * days * on_site + month) // (2 * month)  # rounded half up, never above days on site


def _silent_project_periods(rng: random.Random, projects: list[Project], periods: list[str]) -> Pairs:
    """Project-periods with no attendance at all, preferring projects with daily workers (unknown pay)."""
    with_daily = [p for p in projects if any(w.wage_type == DAILY for w in p.workers)] or projects
    pairs = [(p.project_id, period) for p in with_daily for period in periods]
    count = max(1, round(len(projects) * len(periods) * SILENT_ATTENDANCE_SHARE))
    return set(rng.sample(pairs, min(count, len(pairs))))


def _make_attendance(
    rng: random.Random, projects: list[Project], periods: list[str], silent: Pairs
) -> Attendance:
    """(project_id, period) -> {id_number: days}, only for workers on the roster that month."""
    attendance: Attendance = {}
    for period in periods:
        for project in projects:
            if (project.project_id, period) in silent:
                continue
            present = [w for w in project.workers if on_roster(w, period)]
            days = {w.id_number: _days_worked(rng, w, period) for w in present}
            if days:
                attendance[project.project_id, period] = days
    return attendance


def _plant_concurrent_days(
    rng: random.Random, pairs: list[_ConcurrentPair], periods: list[str], attendance: Attendance
) -> None:
    """In one month both projects' days add up to more than the month has (or, for a near miss, to
    exactly its days); in the others the second project has a few days only, well within the month."""
    for pair in pairs:
        here, there = (
            (pair.here.project_id, pair.here.id_number),
            (pair.there.project_id, pair.there.id_number),
        )
        both = [p for p in periods if (here[0], p) in attendance and (there[0], p) in attendance]
        if not both:
            continue
        chosen = rng.choice(both)
        for period in both:
            month = last_day(period).day
            days_here = rng.randint(*CONCURRENT_DAYS_HERE)
            if period == chosen:
                total = month + (rng.randint(*CONCURRENT_EXCESS) if pair.over else 0)
            else:  # never near the month's days, February included
                total = days_here + min(rng.randint(*CONCURRENT_QUIET_DAYS), month - 1 - days_here)
            attendance[here[0], period][here[1]] = days_here
            attendance[there[0], period][there[1]] = total - days_here


def _stray_candidates(rng: random.Random, projects: list[Project], period: str) -> dict[str, list[Worker]]:
    """Workers of the project off its roster in P: those who left before P, those entering after it."""
    strays: dict[str, list[Worker]] = {"left": [], "not_yet_entered": []}
    for project in projects:
        for worker in project.workers:
            if worker.exit_date is not None and worker.exit_date < first_day(period):
                strays["left"].append(worker)
            elif worker.entry_date > last_day(period):
                strays["not_yet_entered"].append(worker)
    for workers in strays.values():
        rng.shuffle(workers)
    return strays


def _plant_stray_attendance(
    rng: random.Random,
    projects: list[Project],
    periods: list[str],
    attendance: Attendance,
    registry: _Registry,
) -> None:
    """UNREGISTERED_WORKER: days on a project for an ID off its roster that month (a ghost on no roster,
    a worker who left, one not yet entered); near misses: 0-day rows for ghosts. Only in project-periods
    that have attendance, so the roster never has to stand in for it."""
    for period in periods:
        attended = [p for p in projects if (p.project_id, period) in attendance]
        if not attended:
            continue
        rows = sum(len(attendance[p.project_id, period]) for p in attended)
        strays = _stray_candidates(rng, attended, period)
        for number in range(STRAY_ATTENDANCE.of(rows)):
            variant = STRAY_VARIANTS[(month_number(period) + number) % len(STRAY_VARIANTS)]
            if variant != "ghost" and strays[variant]:
                worker = strays[variant].pop()
                attendance[worker.project_id, period][worker.id_number] = rng.randint(*STRAY_DAYS)
            else:
                project_id = rng.choice(attended).project_id
                ghost = _outsider(rng, registry, project_id)
                attendance[project_id, period][ghost.id_number] = rng.randint(*DAYS_WORKED)
        for _ in range(ZERO_DAY_GHOSTS.of(rows)):
            project_id = rng.choice(attended).project_id
            attendance[project_id, period][_outsider(rng, registry, project_id).id_number] = 0


# === expected amounts and the judgement (docs/contract.md section 2) ===============================


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def expected_amount(worker: Worker, period: str, days: int | None) -> Money:
    """What the worker is owed for P; `days` None means the project has no attendance for P.

    None back means unknown (a daily wage without attendance): only "paid nothing" can be judged.
    """
    if days is None:
        if worker.wage_type == DAILY:
            return None
        return cents(worker.wage_rate * roster_days(worker, period) / last_day(period).day)
    if worker.wage_type == MONTHLY:
        return cents(worker.wage_rate * min(Decimal(days), PAID_DAYS_PER_MONTH) / PAID_DAYS_PER_MONTH)
    return cents(worker.wage_rate * days)


def is_expected(amount: Money) -> bool:
    return amount is None or amount > ZERO


def _in_full(expected: Decimal, paid: Decimal) -> bool:
    """The shortfall is forgiven when strictly below the tolerance share of the expected amount."""
    return max(ZERO, expected - paid) < PARTIAL_TOLERANCE * expected


def judge_worker(expected: Money, paid_by_due: Decimal, paid: Decimal) -> str | None:
    """At most one of MISSED, PARTIAL, LATE for a worker expected to be paid in P."""
    if paid <= ZERO:
        return MISSED
    if expected is None:  # "in full" means anything at all
        return None if paid_by_due > ZERO else LATE
    if not _in_full(expected, paid):
        return PARTIAL
    if not _in_full(expected, paid_by_due):
        return LATE
    return None


def _bank_records(files: list[BankFile]) -> Iterable[dict[str, str]]:
    """Every data row of every bank file as written: canonical column -> the text in the cell."""
    for bank_file in files:
        header, *rows = bank_file.table[:-1]  # the last row is the 合计 total
        fields = [dict(bank_file.layout.columns)[name] for name in header]
        for row in rows:
            yield dict(zip(fields, row, strict=True))


@cache  # a bank file holds few distinct dates; strptime is slow
def _parse_bank_date(text: str) -> date:
    for pattern in BANK_DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"bank date {text!r} in no known format")


def _year_month(text: str) -> str | None:
    match = YEAR_MONTH.search(text)
    return f"{match[1]}-{int(match[2]):02d}" if match else None


def _attribute_period(record: dict[str, str], paid_at: date) -> str:
    """By the period column, else a year-month in the memo, else the month before paid_at's month."""
    for column in ("period", "memo"):
        found = _year_month(record.get(column, ""))
        if found:
            return found
    return shift(f"{paid_at.year}-{paid_at.month:02d}", -1)


@dataclass
class _ProjectIndex:
    """How a payment finds its worker within one project: by ID, else a unique account, else a unique name."""

    project: Project
    by_id: dict[str, str] = field(default_factory=dict)
    by_account: dict[str, list[str]] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=dict)
    cards: dict[str, set[str]] = field(default_factory=dict)  # id_number -> the cards registered for it

    def match(self, record: dict[str, str]) -> str | None:
        id_number = _payee_id(record)
        if id_number:
            return self.by_id.get(id_number)
        for column, index in (("payee_account", self.by_account), ("payee_name", self.by_name)):
            found = set(index.get(record.get(column, ""), []))
            if len(found) == 1:
                return found.pop()
        return None


def _payee_id(record: dict[str, str]) -> str:
    return record.get("payee_id_number", "").strip().upper()


def _index_projects(projects: list[Project]) -> dict[str, _ProjectIndex]:
    indexes = {}
    for project in projects:
        index = _ProjectIndex(project)
        for worker in project.workers:
            index.by_id[worker.id_number] = worker.id_number
            index.by_account.setdefault(worker.bank_account, []).append(worker.id_number)
            index.by_name.setdefault(worker.name, []).append(worker.id_number)
            index.cards.setdefault(worker.id_number, set()).add(worker.bank_account)
        indexes[project.project_id] = index
    return indexes


@dataclass(frozen=True)
class _Payment:
    """A counted payment (successful, of a known project, made by the as-of date), attributed."""

    project_id: str
    period: str
    worker: str | None  # the id_number of the worker it belongs to; None: to no worker of the project
    payee_id: str  # as written (upper-cased); empty when the row has none
    payee_account: str
    payer_account: str
    amount: Decimal
    paid_at: date


def _succeeded(record: dict[str, str]) -> bool:
    return "status" not in record or record["status"].strip() == SUCCESS


def _counted_payments(
    indexes: dict[str, _ProjectIndex], files: list[BankFile], as_of: date
) -> list[_Payment]:
    """docs/contract.md section 2, "which payments count": project, period and worker of every counted row."""
    by_account = {index.project.wage_account: project_id for project_id, index in indexes.items()}
    payments = []
    for record in _bank_records(files):
        project_id = record.get("project_id") or by_account.get(record["payer_account"])
        paid_at = _parse_bank_date(record["paid_at"])
        if not _succeeded(record) or project_id not in indexes or paid_at > as_of:
            continue
        payments.append(
            _Payment(
                project_id=project_id,
                period=_attribute_period(record, paid_at),
                worker=indexes[project_id].match(record),
                payee_id=_payee_id(record),
                payee_account=record["payee_account"],
                payer_account=record["payer_account"],
                amount=Decimal(record["amount"].replace(",", "")),
                paid_at=paid_at,
            )
        )
    return payments


@dataclass
class _Paid:
    """Successful payments, summed by (project, period, worker) and noted by (project, period)."""

    by_due: dict[tuple[str, str, str], Decimal] = field(default_factory=dict)
    by_as_of: dict[tuple[str, str, str], Decimal] = field(default_factory=dict)
    project_periods: Pairs = field(default_factory=set)


def _sum_paid(payments: list[_Payment], indexes: dict[str, _ProjectIndex]) -> _Paid:
    paid = _Paid()
    for payment in payments:
        paid.project_periods.add((payment.project_id, payment.period))
        if payment.worker is None:
            continue
        key = (payment.project_id, payment.period, payment.worker)
        paid.by_as_of[key] = paid.by_as_of.get(key, ZERO) + payment.amount
        if payment.paid_at <= due_date(payment.period, indexes[payment.project_id].project.pay_day):
            paid.by_due[key] = paid.by_due.get(key, ZERO) + payment.amount
    return paid


def _judge_project_period(
    project: Project, period: str, attendance: Attendance, paid: _Paid, as_of: date
) -> list[Flag]:
    """MISSED, PARTIAL, LATE per worker expected to be paid, and NO_PAYROLL for the project."""
    if not is_judged(period, project.pay_day, as_of):
        return []  # pending
    days = attendance.get((project.project_id, period))
    flags, anyone_expected = [], False
    for worker in project.workers:
        if not on_roster(worker, period):
            continue
        expected = expected_amount(worker, period, None if days is None else days.get(worker.id_number, 0))
        if not is_expected(expected):
            continue
        anyone_expected = True
        key = (project.project_id, period, worker.id_number)
        rule = judge_worker(expected, paid.by_due.get(key, ZERO), paid.by_as_of.get(key, ZERO))
        if rule:
            flags.append((project.project_id, period, rule, worker.id_number))
    if anyone_expected and (project.project_id, period) not in paid.project_periods:
        flags.append((project.project_id, period, NO_PAYROLL, ""))
    return flags


def _payment_flags(indexes: dict[str, _ProjectIndex], judged: list[_Payment]) -> list[Flag]:
    """The rules on payments of judged periods: whose card, whose account, whom, how much."""
    flags: list[Flag] = []
    mismatched: set[tuple[str, str, str]] = set()
    receivers: dict[tuple[str, str, str], set[str]] = {}  # (project, period, payee account) -> workers
    non_dedicated: set[tuple[str, str, str]] = set()
    totals: dict[tuple[str, str, str], Decimal] = {}
    for payment in judged:
        project_id, period, worker = payment.project_id, payment.period, payment.worker
        if payment.payer_account != indexes[project_id].project.wage_account:
            non_dedicated.add((project_id, period, payment.payer_account))
        if worker is None:
            flags.append((project_id, period, UNREGISTERED_PAYEE, payment.payee_id))
            continue
        if payment.payee_account not in indexes[project_id].cards[worker]:
            mismatched.add((project_id, period, worker))
        receivers.setdefault((project_id, period, payment.payee_account), set()).add(worker)
        totals[project_id, period, worker] = totals.get((project_id, period, worker), ZERO) + payment.amount
    flags += [(project_id, period, ACCOUNT_MISMATCH, worker) for project_id, period, worker in mismatched]
    flags += [
        (project_id, period, SHARED_ACCOUNT, worker)
        for (project_id, period, _), workers in receivers.items()
        if len(workers) >= 2
        for worker in workers
    ]
    flags += [(project_id, period, NON_DEDICATED_ACCOUNT, "") for project_id, period, _ in non_dedicated]
    flags += [
        (p, period, EXCESSIVE_PAYMENT, w)
        for (p, period, w), total in totals.items()
        if total > EXCESSIVE_AMOUNT
    ]
    return flags


def _attendance_flags(projects: list[Project], attendance: Attendance, as_of: date) -> list[Flag]:
    """UNREGISTERED_WORKER and CONCURRENT_PROJECTS, from every attendance row with days above 0."""
    by_id = {project.project_id: project for project in projects}
    stints: dict[WorkerKey, list[Worker]] = {}
    for project in projects:
        for worker in project.workers:
            stints.setdefault((project.project_id, worker.id_number), []).append(worker)
    flags: list[Flag] = []
    worked: dict[tuple[str, str], list[tuple[str, int]]] = {}  # (id, period) -> [(project, days)]
    for (project_id, period), days in attendance.items():
        judged = is_judged(period, by_id[project_id].pay_day, as_of)
        for id_number, count in days.items():
            if count <= 0:
                continue
            worked.setdefault((id_number, period), []).append((project_id, judged))
            on = any(on_roster(stint, period) for stint in stints.get((project_id, id_number), []))
            if judged and not on:
                flags.append((project_id, period, UNREGISTERED_WORKER, id_number))
    for (id_number, period), entries in worked.items():
        total = sum(attendance[project_id, period][id_number] for project_id, _ in entries)
        if total > last_day(period).day:
            flags += [(p, period, CONCURRENT_PROJECTS, id_number) for p, judged in entries if judged]
    return flags


def _stint_flags(project: Project, worker: Worker, as_of: date) -> list[str]:
    """The roster rules one stint breaks (SHARED_ACCOUNT on the roster aside)."""
    rules = []
    if is_invalid_id(worker.id_number, as_of):
        rules.append(INVALID_ID_NUMBER)
    born = id_birth_date(worker.id_number, as_of)
    if born is not None:
        age = age_on(born, worker.entry_date)
        if age < MIN_AGE:
            rules.append(UNDERAGE_WORKER)
        if age > (MAX_AGE_MALE if is_male(worker.id_number) else MAX_AGE_FEMALE):
            rules.append(OVERAGE_WORKER)
    if worker.contract.strip().lower() in CONTRACT_NOES:
        rules.append(NO_LABOR_CONTRACT)
    minimum = minimum_wage(project.region_code)
    if minimum is not None and agreed_monthly_pay(worker) < minimum:
        rules.append(BELOW_MINIMUM_WAGE)
    return rules


def _roster_flags(projects: list[Project], as_of: date) -> list[Flag]:
    """Roster flags carry no period: one per stint, and SHARED_ACCOUNT per worker of a shared card."""
    flags: list[Flag] = []
    for project in projects:
        holders: dict[str, set[str]] = {}
        for worker in project.workers:
            holders.setdefault(worker.bank_account, set()).add(worker.id_number)
            flags += [
                (project.project_id, NO_PERIOD, rule, worker.id_number)
                for rule in _stint_flags(project, worker, as_of)
            ]
        flags += [
            (project.project_id, NO_PERIOD, SHARED_ACCOUNT, id_number)
            for ids in holders.values()
            if len(ids) >= 2
            for id_number in ids
        ]
    return flags


def judge(
    projects: list[Project], attendance: Attendance, files: list[BankFile], periods: list[str], as_of: date
) -> list[Flag]:
    """Every flag of the catalogue, from the rosters, attendance and bank tables as written."""
    indexes = _index_projects(projects)
    payments = _counted_payments(indexes, files, as_of)
    paid = _sum_paid(payments, indexes)
    flags = []
    for project in projects:
        for period in periods:
            flags.extend(_judge_project_period(project, period, attendance, paid, as_of))
    judged = [p for p in payments if is_judged(p.period, indexes[p.project_id].project.pay_day, as_of)]
    flags += _payment_flags(indexes, judged)
    flags += _attendance_flags(projects, attendance, as_of)
    flags += _roster_flags(projects, as_of)
    return sorted(flags)


# === payroll: ordinary payments, plants and near misses ============================================


@dataclass
class _Payday:
    """One project's payroll for one period: when it is due and when its batch ran."""

    project: Project
    period: str
    due: date
    batch: date


class _Payroll:
    """Collects bank rows: those due in time go to the period's file, later ones to its late file."""

    def __init__(self, rng: random.Random, as_of: date) -> None:
        self.rng = rng
        self.as_of = as_of
        self.on_time: list[BankRow] = []
        self.late: list[BankRow] = []

    def row(
        self,
        day: _Payday,
        payee: Worker | Person,
        amount: Decimal,
        paid_at: date,
        status: str = SUCCESS,
        reason: str | None = None,
        hide_id: bool | None = None,
    ) -> BankRow:
        """A transfer; the payee's ID is left out now and then unless the caller decides."""
        if reason is None:
            reason = "" if status == SUCCESS else self.rng.choice(FAILURE_REASONS)
        row = BankRow(
            day.project,
            payee,
            amount,
            paid_at,
            day.period,
            status,
            reason,
            hide_id=self.rng.random() < ID_OMIT_SHARE if hide_id is None else hide_id,
            grouped=self.rng.random() < GROUPED_AMOUNT_SHARE,
        )
        (self.late if paid_at > day.due else self.on_time).append(row)
        return row

    def late_day(self, day: _Payday) -> date:
        return day.due + timedelta(days=self.rng.randint(1, (self.as_of - day.due).days))

    def after_as_of(self) -> date:
        return self.as_of + timedelta(days=self.rng.randint(*AFTER_AS_OF_DAYS))

    def share(self, amount: Decimal) -> Decimal:
        return cents(amount * self.rng.randint(*PARTIAL_PER_MILLE) / PER_MILLE)


def _pay_missed(book: _Payroll, day: _Payday, worker: Worker, expected: Money, amount: Decimal) -> None:
    """Nothing; or only a failed transfer; or only a payment dated after the as-of date."""
    variant = book.rng.choice(MISSED_VARIANTS)
    if variant == "failed":
        book.row(day, worker, amount, day.batch, status=FAILURE)
    elif variant == "after_as_of":
        book.row(day, worker, amount, book.after_as_of())


def _pay_partial(book: _Payroll, day: _Payday, worker: Worker, expected: Money, amount: Decimal) -> None:
    book.row(day, worker, book.share(amount), day.batch)


def _pay_late(book: _Payroll, day: _Payday, worker: Worker, expected: Money, amount: Decimal) -> None:
    """All of it after the due date; or, when the amount is known, part on time and the rest late."""
    if expected is not None and book.rng.random() < LATE_SPLIT_SHARE:
        part = book.share(amount)
        book.row(day, worker, part, day.batch)
        book.row(day, worker, amount - part, book.late_day(day))
    else:
        book.row(day, worker, amount, book.late_day(day))


def _pay_short(book: _Payroll, day: _Payday, worker: Worker, expected: Money, amount: Decimal) -> None:
    book.row(day, worker, cents(amount * NEAR_MISS_SHORT), day.batch)


def _pay_on_due(book: _Payroll, day: _Payday, worker: Worker, expected: Money, amount: Decimal) -> None:
    book.row(day, worker, amount, day.due)


def _pay_failed_then_repaid(
    book: _Payroll, day: _Payday, worker: Worker, expected: Money, amount: Decimal
) -> None:
    book.row(day, worker, amount, day.batch, status=FAILURE)
    gap = (day.due - day.batch).days
    book.row(day, worker, amount, day.batch + timedelta(days=book.rng.randint(1, gap) if gap else 0))


def _pay_extra_after_as_of(
    book: _Payroll, day: _Payday, worker: Worker, expected: Money, amount: Decimal
) -> None:
    book.row(day, worker, amount, day.batch)
    book.row(day, worker, Decimal(book.rng.randint(*AFTER_AS_OF_BONUS)), book.after_as_of())


PAYERS = {
    "missed": _pay_missed,
    "partial": _pay_partial,
    "late": _pay_late,
    "short_within_tolerance": _pay_short,
    "paid_on_due_date": _pay_on_due,
    "failed_then_repaid": _pay_failed_then_repaid,
    "extra_after_as_of": _pay_extra_after_as_of,
}


def _expected_by_project(projects: list[Project], period: str, attendance: Attendance) -> dict[str, Owed]:
    """project_id -> the workers expected to be paid in P, with what they are owed (None: unknown)."""
    owed: dict[str, Owed] = {}
    for project in projects:
        days = attendance.get((project.project_id, period))
        owed[project.project_id] = []
        for worker in project.workers:
            if not on_roster(worker, period):
                continue
            amount = expected_amount(worker, period, None if days is None else days.get(worker.id_number, 0))
            if is_expected(amount):
                owed[project.project_id].append((worker, amount))
    return owed


def _choose_plants(rng: random.Random, candidates: Owed) -> dict[WorkerKey, str]:
    """(project_id, id_number) -> plant kind for this period; each worker-month gets at most one plant."""
    order = list(candidates)
    rng.shuffle(order)
    plants: dict[WorkerKey, str] = {}
    for plant in PLANTS:
        wanted = max(plant.minimum, round(len(order) * plant.share))
        eligible = (
            (w.project_id, w.id_number)
            for w, amount in order
            if (w.project_id, w.id_number) not in plants and not (plant.needs_known_amount and amount is None)
        )
        chosen = list(islice(eligible, wanted))  # the first `wanted` of the shuffled order
        plants.update(dict.fromkeys(chosen, plant.kind))
    return plants


def _choose_no_payroll(
    rng: random.Random, projects: list[Project], periods: list[str], silent: Pairs
) -> Pairs:
    pairs = [(p.project_id, period) for period in periods for p in projects]
    pairs = [pair for pair in pairs if pair not in silent]
    count = max(1, round(len(projects) * len(periods) * NO_PAYROLL_SHARE))
    return set(rng.sample(pairs, min(count, len(pairs))))


def _pay_period(
    rng: random.Random,
    book: _Payroll,
    projects: list[Project],
    period: str,
    owed: dict[str, Owed],
    no_payroll: Pairs,
    registry: _Registry,
) -> None:
    """One period's payroll for every project: plants among ordinary payments, absent payrolls apart."""
    paying = [p for p in projects if (p.project_id, period) not in no_payroll]
    candidates = [pair for p in paying for pair in owed[p.project_id]]
    plants = _choose_plants(rng, candidates)
    ordinary: list[BankRow] = []
    paydays: dict[str, _Payday] = {}
    for project in projects:
        due = due_date(period, project.pay_day)
        batch = max(first_day(shift(period, 1)), due - timedelta(days=rng.randint(*PAY_LEAD_DAYS)))
        day = _Payday(project, period, due, batch)
        if (project.project_id, period) in no_payroll:
            _fail_batch(rng, book, day, owed[project.project_id])
            continue
        paydays[project.project_id] = day
        for worker, expected in owed[project.project_id]:
            amount = expected if expected is not None else worker.wage_rate * rng.randint(*UNKNOWN_DAYS_PAID)
            kind = plants.get((project.project_id, worker.id_number), NORMAL)
            if kind == NORMAL:
                ordinary.append(book.row(day, worker, amount, day.batch))
            else:
                PAYERS[kind](book, day, worker, expected, amount)
    _plant_ordinary_rows(rng, _FreeRows(rng, ordinary), len(candidates), len(paying), registry)
    _pay_outsiders(rng, book, projects, paydays, len(candidates), registry)


def _fail_batch(rng: random.Random, book: _Payroll, day: _Payday, owed: Owed) -> None:
    """An absent payroll: either no rows at all, or a whole batch refused for lack of funds."""
    if rng.random() < SILENT_NO_PAYROLL_SHARE:
        return
    for worker, expected in owed:
        amount = expected if expected is not None else worker.wage_rate * UNKNOWN_DAYS_PAID[0]
        book.row(day, worker, amount, day.batch, status=FAILURE, reason=NO_FUNDS_REASON)


class _FreeRows:
    """The ordinary payments of a period (paid in full, on time, to the worker's own card) that a
    plant may still change; each row gets at most one plant."""

    def __init__(self, rng: random.Random, rows: list[BankRow]) -> None:
        self.order = list(rows)
        rng.shuffle(self.order)
        self.by_project: dict[str, list[BankRow]] = {}
        for row in self.order:
            self.by_project.setdefault(row.project.project_id, []).append(row)
        self.used: set[int] = set()
        self.cursor = 0

    def take(self, count: int) -> list[BankRow]:
        """`count` free rows of one project (that of the next free row in the shuffled order), or none."""
        while self.cursor < len(self.order):
            first = self.order[self.cursor]
            self.cursor += 1
            if id(first) in self.used:
                continue
            mates = [
                r
                for r in self.by_project[first.project.project_id]
                if r is not first and id(r) not in self.used
            ]
            if len(mates) >= count - 1:
                group = [first, *mates[: count - 1]]
                self.used.update(id(row) for row in group)
                return group
        return []


def _into_boss_card(rng: random.Random, rows: list[BankRow], registry: _Registry) -> None:
    """Several workers' wages into one card of a labour boss who is on no roster."""
    boss_card = registry.card(rng)[1]
    for row in rows:
        row.payee_account = boss_card


def _into_colleague_card(rng: random.Random, rows: list[BankRow], registry: _Registry) -> None:
    """One worker's wages into a colleague's registered card, beside the colleague's own wages; the row
    keeps the worker's ID, or the card would match it to the colleague."""
    row, colleague = rows
    row.payee_account, row.hide_id = colleague.payee.bank_account, False


def _into_own_other_card(rng: random.Random, rows: list[BankRow], registry: _Registry) -> None:
    """Into a card the worker never registered on the roster."""
    for row in rows:
        row.payee_account = registry.card(rng)[1]


def _above_excessive_amount(rng: random.Random, rows: list[BankRow], registry: _Registry) -> None:
    for row in rows:
        row.amount = EXCESSIVE_AMOUNT + Decimal(rng.randint(*EXCESS_FEN)) * CENT


def _at_excessive_amount(rng: random.Random, rows: list[BankRow], registry: _Registry) -> None:
    for row in rows:
        row.amount = EXCESSIVE_AMOUNT


def _from_general_account(rng: random.Random, rows: list[BankRow], registry: _Registry) -> None:
    """Some of a project's wages paid from the contractor's general account, not the wage account."""
    free_digits = WAGE_ACCOUNT_LENGTH - len(GENERAL_ACCOUNT_PREFIX)
    account = _unique(lambda: GENERAL_ACCOUNT_PREFIX + _digits(rng, free_digits), registry.cards)
    for row in rows:
        row.payer_account = account


@dataclass(frozen=True)
class _RowPlant:
    """A change to ordinary payments of one project, how often, and to how many of its rows."""

    quota: Quota
    rows: tuple[int, int]  # how many rows of one project it changes, from-to
    per_payroll: bool  # the quota is of the project-periods paid, not of the worker-months
    change: Callable[[random.Random, list[BankRow], _Registry], None]


ROW_PLANTS = (
    _RowPlant(BOSS_CARD_GROUPS, (BOSS_GROUP_SIZE, BOSS_GROUP_SIZE), False, _into_boss_card),
    _RowPlant(COLLEAGUE_CARDS, (2, 2), False, _into_colleague_card),
    _RowPlant(OWN_OTHER_CARDS, (1, 1), False, _into_own_other_card),
    _RowPlant(EXCESSIVE_PAYMENTS, (1, 1), False, _above_excessive_amount),
    _RowPlant(EXACT_LIMIT_PAYMENTS, (1, 1), False, _at_excessive_amount),
    _RowPlant(NON_DEDICATED_PAYROLLS, NON_DEDICATED_ROWS, True, _from_general_account),
)


def _plant_ordinary_rows(
    rng: random.Random, free: _FreeRows, worker_months: int, paying: int, registry: _Registry
) -> None:
    """Change some ordinary payments: into a labour boss's card, a colleague's card, an unregistered card
    of the worker's own; above or exactly at the excessive amount; from another account than the wage
    account. The worker is paid all the same (no MISSED), just not as the law wants."""
    for plant in ROW_PLANTS:
        for _ in range(plant.quota.of(paying if plant.per_payroll else worker_months)):
            rows = free.take(rng.randint(*plant.rows))
            if rows:
                plant.change(rng, rows, registry)


def _pay_outsiders(
    rng: random.Random,
    book: _Payroll,
    projects: list[Project],
    paydays: dict[str, _Payday],
    worker_months: int,
    registry: _Registry,
) -> None:
    """UNREGISTERED_PAYEE: a payroll pays someone on no roster of the project, by ID (a labour boss, a
    worker of another project) or with no ID, name and card matching nobody (a boss)."""
    if not paydays:
        return
    paying = list(paydays)
    for number in range(OUTSIDER_PAYMENTS.of(worker_months)):
        day = paydays[rng.choice(paying)]
        variant = OUTSIDER_VARIANTS[(month_number(day.period) + number) % len(OUTSIDER_VARIANTS)]
        payee = (
            _worker_of_another_project(rng, projects, day.project)
            if variant == "other_project_worker"
            else None
        )
        if payee is None:
            payee = _outsider(rng, registry, day.project.project_id)
        amount = Decimal(rng.randint(*OUTSIDER_AMOUNT))
        book.row(day, payee, amount, day.batch, hide_id=variant == "boss_without_id")


def _worker_of_another_project(rng: random.Random, projects: list[Project], payer: Project) -> Worker | None:
    """A worker registered elsewhere whose ID is on no roster of the paying project."""
    others = [p for p in projects if p is not payer and p.workers]
    if not others:
        return None
    ids_here = {w.id_number for w in payer.workers}
    worker = rng.choice(rng.choice(others).workers)
    return None if worker.id_number in ids_here else worker


def _bank_files(
    rng: random.Random,
    projects: list[Project],
    periods: list[str],
    as_of: date,
    attendance: Attendance,
    no_payroll: Pairs,
    registry: _Registry,
) -> list[BankFile]:
    """Per period: the wage accounts' payroll file, the late transfers, and the general accounts' file."""
    files, sequence = [], 0
    for number, period in enumerate(periods):
        book = _Payroll(rng, as_of)
        owed = _expected_by_project(projects, period, attendance)
        _pay_period(rng, book, projects, period, owed, no_payroll, registry)
        stamp = period.replace("-", "")
        title = f"{BANK_TITLE_BANKS[number % len(BANK_TITLE_BANKS)]}代发工资明细"
        regular = BANK_LAYOUTS[number % len(BANK_LAYOUTS)]
        for name, layout, rows in (
            (f"bank_{stamp}.txt", regular, [r for r in book.on_time if not r.payer_account]),
            (f"bank_late_{stamp}.txt", LATE_LAYOUT, [r for r in book.late if not r.payer_account]),
            (
                f"bank_general_{stamp}.txt",
                GENERAL_LAYOUT,
                [r for r in book.on_time + book.late if r.payer_account],
            ),
        ):
            if rows:
                sequence = _number_rows(rows, sequence)
                files.append(BankFile(name, title, layout, _bank_table(layout, rows)))
    return files


def _number_rows(rows: list[BankRow], sequence: int) -> int:
    """Order rows by date (as banks list them) and give each a unique reference: B + date + sequence."""
    rows.sort(key=lambda r: r.paid_at)
    for row in rows:
        sequence += 1
        row.bank_ref = f"B{row.paid_at:%Y%m%d}{sequence:07d}"
    return sequence


# === writing =======================================================================================


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


def _bank_table(layout: BankLayout, rows: list[BankRow]) -> list[list[str]]:
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


def _write_bank(path: Path, bank_file: BankFile) -> None:
    lines = [bank_file.title, *("|".join(cells) for cells in bank_file.table)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_csv(
    path: Path, rows: Iterable[Iterable[object]], encoding: str = "utf-8", newline: str = "\n"
) -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, lineterminator=newline).writerows(rows)


def _write_projects(path: Path, projects: list[Project]) -> None:
    rows = [
        (
            p.project_id,
            p.name,
            p.region_code,
            p.contractor,
            p.credit_code,
            p.wage_account,
            p.pay_day,
            p.sector,
            p.start_date.isoformat(),
            p.end_date.isoformat(),
        )
        for p in projects
    ]
    _write_csv(path, [PROJECT_COLUMNS, *rows])


def _roster_row(worker: Worker, show_date: Callable[[date], str]) -> list[object]:
    return [
        worker.project_id,
        worker.name,
        worker.id_number,
        worker.team,
        worker.subcontractor,
        worker.trade,
        worker.bank_account,
        worker.bank_name,
        worker.wage_type,
        worker.wage_rate,
        show_date(worker.entry_date),
        show_date(worker.exit_date) if worker.exit_date else "",
        worker.contract,
        worker.phone,
    ]


def _write_roster_xlsx(path: Path, project: Project, created: datetime) -> None:
    """A site's Excel roster: title, blank row, header; IDs, cards and phones as text, wages as numbers."""
    workbook = xlsxwriter.Workbook(str(path), XLSX_OPTIONS)
    workbook.set_properties({"created": created})
    sheet = workbook.add_worksheet("花名册")
    sheet.write_string(0, 0, f"{project.name}实名制花名册")
    for column, header in enumerate(ROSTER_HEADERS):
        sheet.write_string(ROSTER_TITLE_ROWS, column, header)
    for offset, worker in enumerate(project.workers, start=ROSTER_TITLE_ROWS + 1):
        cells = zip(ROSTER_HEADERS, _roster_row(worker, _slash_date), strict=True)
        for column, (header, value) in enumerate(cells):
            if isinstance(value, Decimal) and header not in ROSTER_TEXT_COLUMNS:
                sheet.write_number(offset, column, float(value))
            else:
                sheet.write_string(offset, column, str(value))
    workbook.close()


def _slash_date(day: date) -> str:
    return f"{day.year}/{day.month}/{day.day}"


def _write_roster_csv(path: Path, project: Project) -> None:
    rows = [_roster_row(worker, date.isoformat) for worker in project.workers]
    _write_csv(path, [ROSTER_HEADERS, *rows], encoding=GB18030, newline=CRLF)


def _write_attendance(
    path: Path, period: str, number: int, projects: list[Project], attendance: Attendance
) -> None:
    show = ATTENDANCE_PERIOD_FORMATS[number % len(ATTENDANCE_PERIOD_FORMATS)]
    shown = show(int(period[:4]), int(period[5:7]))
    rows = [
        (project.project_id, id_number, shown, days)
        for project in projects
        for id_number, days in attendance.get((project.project_id, period), {}).items()
    ]
    _write_csv(path, [ATTENDANCE_HEADERS, *rows], encoding=GB18030, newline=CRLF)


def _write_truth(path: Path, flags: list[Flag]) -> None:
    _write_csv(path, [("project_id", "period", "rule", "id_number"), *flags])


def _inbox_folders(out: Path) -> dict[str, Path]:
    """The four inbox folders, created empty; refuses a used folder so no stale file slips in."""
    folders = {kind: out / "inbox" / kind for kind in ("projects", "rosters", "attendance", "bank")}
    for folder in folders.values():
        if folder.exists() and any(folder.iterdir()):
            raise FileExistsError(f"{folder} is not empty: generate into a fresh folder")
        folder.mkdir(parents=True, exist_ok=True)
    return folders


def generate(out: Path, workers: int, months: int, seed: int = DEFAULT_SEED) -> dict:
    """Write a synthetic inbox under `out/inbox`, its `truth.csv` and `manifest.json`; return the manifest."""
    if workers < 1 or months < 1:
        raise ValueError("workers and months must be at least 1")
    out = Path(out)
    folders = _inbox_folders(out)
    rng = random.Random(seed)
    periods = periods_ending(LAST_PERIOD, months)
    as_of = as_of_for(periods)
    registry = _Registry()
    projects = _make_projects(rng, max(1, round(workers / WORKERS_PER_PROJECT)), periods)
    _staff(rng, projects, workers, periods, registry)
    concurrent = _plant_rosters(rng, projects, periods, registry)
    silent = _silent_project_periods(rng, projects, periods)
    attendance = _make_attendance(rng, projects, periods, silent)
    _plant_concurrent_days(rng, concurrent, periods, attendance)
    _plant_stray_attendance(rng, projects, periods, attendance, registry)
    no_payroll = _choose_no_payroll(rng, projects, periods, silent)
    bank = _bank_files(rng, projects, periods, as_of, attendance, no_payroll, registry)

    _write_projects(folders["projects"] / "projects.csv", projects)
    created = datetime.combine(as_of, datetime.min.time())
    for project in projects:
        stem = folders["rosters"] / f"roster_{project.project_id}"
        if project.number % 2:
            _write_roster_xlsx(stem.with_suffix(".xlsx"), project, created)
        else:
            _write_roster_csv(stem.with_suffix(".csv"), project)
    for number, period in enumerate(periods):
        _write_attendance(
            folders["attendance"] / f"attendance_{period.replace('-', '')}.csv",
            period,
            number,
            projects,
            attendance,
        )
    for bank_file in bank:
        _write_bank(folders["bank"] / bank_file.name, bank_file)
    # The month after the last period is judged too: it is pending, so it must add nothing.
    flags = judge(projects, attendance, bank, [*periods, shift(periods[-1], 1)], as_of)
    _write_truth(out / "truth.csv", flags)
    manifest = {
        "seed": seed,
        "workers": workers,
        "months": months,
        "periods": periods,
        "as_of": as_of.isoformat(),
        "projects": len(projects),
    }
    text = json.dumps(manifest, sort_keys=True, indent=2) + "\n"
    (out / "manifest.json").write_text(text, encoding="utf-8")
    return manifest
