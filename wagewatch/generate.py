"""A deterministic synthetic inbox, and the truth of what it planted (CONTRACT sections 1-3).

The pipeline is tested against data whose right answer is known. This module writes an inbox of
projects, rosters, attendance and bank payroll files in the shapes sites and banks really send
(title lines, Chinese headers, GB18030, XLSX, pipe-separated bank exports with totals), plants
missed, partial, late and absent payrolls among ordinary payments, and writes `truth.csv`: every
flag the pipeline must raise for the four payment rules. The truth is not a list of intentions: it is
computed by judging the bank tables exactly as they are written, with `Decimal` and CONTRACT
section 2 followed to the letter, so a plant that does not bite (or a near miss that does) shows.

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
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
DAYS_PER_YEAR = 365
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643 / ISO 7064 MOD 11-2
ID_CHECK_CHARS = "10X98765432"
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

# --- judging (CONTRACT section 2) -----------------------------------------------------------------

CENT = Decimal("0.01")
ZERO = Decimal("0")
PAID_DAYS_PER_MONTH = Decimal("21.75")
PARTIAL_TOLERANCE = Decimal("0.01")
GRACE_DAYS = 0
MISSED, PARTIAL, LATE, NO_PAYROLL = "MISSED_PAYMENT", "PARTIAL_PAYMENT", "LATE_PAYMENT", "NO_PAYROLL"
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


def as_of_for(periods: list[str]) -> date:
    return first_day(shift(periods[-1], AS_OF_MONTHS_AFTER_LAST))


# === the things written ============================================================================


@dataclass
class Worker:
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
    worker: Worker
    amount: Decimal
    paid_at: date
    period: str  # the period the payment is for; written only where the file's layout has room
    status: str = SUCCESS
    reason: str = ""
    hide_id: bool = False
    grouped: bool = False
    bank_ref: str = ""


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
    for it (CONTRACT section 2), and the inbox holds no attendance or payroll before the window.
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


@dataclass
class _Registry:
    """What must stay unique across the whole inbox (IDs, cards) and within a project (names)."""

    ids: set[str] = field(default_factory=set)
    cards: set[str] = field(default_factory=set)


def _make_worker(
    rng: random.Random, project: Project, periods: list[str], registry: _Registry, names: set[str]
) -> Worker:
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
        name=_unique(lambda: _name(rng, male), names),
        id_number=_unique(lambda: _id_number(rng, born, male), registry.ids),
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


def _staff(rng: random.Random, projects: list[Project], workers: int, periods: list[str]) -> None:
    """Spread the workers evenly over the projects (the first projects take the remainder)."""
    registry = _Registry()
    base, extra = divmod(workers, len(projects))
    for project in projects:
        names: set[str] = set()
        size = base + (1 if project.number <= extra else 0)
        project.workers = [_make_worker(rng, project, periods, registry, names) for _ in range(size)]


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


# === expected amounts and the judgement (CONTRACT section 2) =======================================


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

    def match(self, record: dict[str, str]) -> str | None:
        id_number = record.get("payee_id_number", "").strip().upper()
        if id_number:
            return self.by_id.get(id_number)
        for column, index in (("payee_account", self.by_account), ("payee_name", self.by_name)):
            found = index.get(record.get(column, ""), [])
            if len(found) == 1:
                return found[0]
        return None


def _index_projects(projects: list[Project]) -> dict[str, _ProjectIndex]:
    indexes = {}
    for project in projects:
        index = _ProjectIndex(project)
        for worker in project.workers:
            index.by_id[worker.id_number] = worker.id_number
            index.by_account.setdefault(worker.bank_account, []).append(worker.id_number)
            index.by_name.setdefault(worker.name, []).append(worker.id_number)
        indexes[project.project_id] = index
    return indexes


@dataclass
class _Paid:
    """Successful payments, summed by (project, period, worker) and noted by (project, period)."""

    by_due: dict[tuple[str, str, str], Decimal] = field(default_factory=dict)
    by_as_of: dict[tuple[str, str, str], Decimal] = field(default_factory=dict)
    project_periods: Pairs = field(default_factory=set)


def _succeeded(record: dict[str, str]) -> bool:
    return "status" not in record or record["status"].strip() == SUCCESS


def _collect_payments(projects: list[Project], files: list[BankFile], as_of: date) -> _Paid:
    indexes = _index_projects(projects)
    by_account = {p.wage_account: p.project_id for p in projects}
    paid = _Paid()
    for record in _bank_records(files):
        project_id = record.get("project_id") or by_account.get(record["payer_account"])
        paid_at = _parse_bank_date(record["paid_at"])
        if not _succeeded(record) or project_id not in indexes or paid_at > as_of:
            continue
        period = _attribute_period(record, paid_at)
        paid.project_periods.add((project_id, period))
        worker = indexes[project_id].match(record)
        if worker is None:
            continue
        key = (project_id, period, worker)
        amount = Decimal(record["amount"].replace(",", ""))
        paid.by_as_of[key] = paid.by_as_of.get(key, ZERO) + amount
        if paid_at <= due_date(period, indexes[project_id].project.pay_day):
            paid.by_due[key] = paid.by_due.get(key, ZERO) + amount
    return paid


def _judge_project_period(
    project: Project, period: str, attendance: Attendance, paid: _Paid, as_of: date
) -> list[Flag]:
    if not as_of > due_date(period, project.pay_day) + timedelta(days=GRACE_DAYS):
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


def judge(
    projects: list[Project], attendance: Attendance, files: list[BankFile], periods: list[str], as_of: date
) -> list[Flag]:
    """The flags of the four payment rules, from the rosters, attendance and bank tables as written."""
    paid = _collect_payments(projects, files, as_of)
    flags = []
    for project in projects:
        for period in periods:
            flags.extend(_judge_project_period(project, period, attendance, paid, as_of))
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
        worker: Worker,
        amount: Decimal,
        paid_at: date,
        status: str = SUCCESS,
        reason: str | None = None,
    ) -> None:
        if reason is None:
            reason = "" if status == SUCCESS else self.rng.choice(FAILURE_REASONS)
        row = BankRow(
            day.project,
            worker,
            amount,
            paid_at,
            day.period,
            status,
            reason,
            hide_id=self.rng.random() < ID_OMIT_SHARE,
            grouped=self.rng.random() < GROUPED_AMOUNT_SHARE,
        )
        (self.late if paid_at > day.due else self.on_time).append(row)

    def late_day(self, day: _Payday) -> date:
        return day.due + timedelta(days=self.rng.randint(1, (self.as_of - day.due).days))

    def after_as_of(self) -> date:
        return self.as_of + timedelta(days=self.rng.randint(*AFTER_AS_OF_DAYS))

    def share(self, amount: Decimal) -> Decimal:
        return cents(amount * self.rng.randint(*PARTIAL_PER_MILLE) / PER_MILLE)


def _pay_normal(book: _Payroll, day: _Payday, worker: Worker, expected: Money, amount: Decimal) -> None:
    book.row(day, worker, amount, day.batch)


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
    NORMAL: _pay_normal,
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


def _choose_plants(rng: random.Random, candidates: Owed) -> dict[str, str]:
    """id_number -> plant kind for this period; each worker-month gets at most one plant."""
    order = list(candidates)
    rng.shuffle(order)
    plants: dict[str, str] = {}
    for plant in PLANTS:
        wanted = max(plant.minimum, round(len(order) * plant.share))
        chosen = [
            w.id_number
            for w, amount in order
            if w.id_number not in plants and not (plant.needs_known_amount and amount is None)
        ][:wanted]
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
) -> None:
    """One period's payroll for every project: plants among ordinary payments, absent payrolls apart."""
    paying = [p for p in projects if (p.project_id, period) not in no_payroll]
    candidates = [pair for p in paying for pair in owed[p.project_id]]
    plants = _choose_plants(rng, candidates)
    for project in projects:
        due = due_date(period, project.pay_day)
        batch = max(first_day(shift(period, 1)), due - timedelta(days=rng.randint(*PAY_LEAD_DAYS)))
        day = _Payday(project, period, due, batch)
        if (project.project_id, period) in no_payroll:
            _fail_batch(rng, book, day, owed[project.project_id])
            continue
        for worker, expected in owed[project.project_id]:
            amount = expected if expected is not None else worker.wage_rate * rng.randint(*UNKNOWN_DAYS_PAID)
            PAYERS[plants.get(worker.id_number, NORMAL)](book, day, worker, expected, amount)


def _fail_batch(rng: random.Random, book: _Payroll, day: _Payday, owed: Owed) -> None:
    """An absent payroll: either no rows at all, or a whole batch refused for lack of funds."""
    if rng.random() < SILENT_NO_PAYROLL_SHARE:
        return
    for worker, expected in owed:
        amount = expected if expected is not None else worker.wage_rate * UNKNOWN_DAYS_PAID[0]
        book.row(day, worker, amount, day.batch, status=FAILURE, reason=NO_FUNDS_REASON)


def _bank_files(
    rng: random.Random,
    projects: list[Project],
    periods: list[str],
    as_of: date,
    attendance: Attendance,
    no_payroll: Pairs,
) -> list[BankFile]:
    files, sequence = [], 0
    for number, period in enumerate(periods):
        book = _Payroll(rng, as_of)
        owed = _expected_by_project(projects, period, attendance)
        _pay_period(rng, book, projects, period, owed, no_payroll)
        stamp = period.replace("-", "")
        title = f"{BANK_TITLE_BANKS[number % len(BANK_TITLE_BANKS)]}代发工资明细"
        regular = BANK_LAYOUTS[number % len(BANK_LAYOUTS)]
        for name, layout, rows in (
            (f"bank_{stamp}.txt", regular, book.on_time),
            (f"bank_late_{stamp}.txt", LATE_LAYOUT, book.late),
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
        "payer_account": row.project.wage_account,
        "payee_name": row.worker.name,
        "payee_account": row.worker.bank_account,
        "payee_id_number": "" if row.hide_id else row.worker.id_number,
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
        CONTRACT_SIGNED,
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
    projects = _make_projects(rng, max(1, round(workers / WORKERS_PER_PROJECT)), periods)
    _staff(rng, projects, workers, periods)
    silent = _silent_project_periods(rng, projects, periods)
    attendance = _make_attendance(rng, projects, periods, silent)
    no_payroll = _choose_no_payroll(rng, projects, periods, silent)
    bank = _bank_files(rng, projects, periods, as_of, attendance, no_payroll)

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
