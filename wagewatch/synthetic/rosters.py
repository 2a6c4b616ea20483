"""The projects and their rosters: sites, contractors, wage accounts and pay days; ordinary workers
with their stints (entry and exit) and wages (monthly or daily)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from wagewatch.synthetic.identities import (
    CARD_ISSUERS,
    MALE_SHARE,
    WAGE_ACCOUNT_LENGTH,
    WAGE_ACCOUNT_PREFIX,
    Registry,
    credit_code,
    digits,
    unique,
)
from wagewatch.synthetic.periods import DAYS_PER_YEAR, first_day, last_day
from wagewatch.synthetic.records import DAILY, MONTHLY, Project, Worker

REGIONS = {  # region_code -> (district as written in names, city of the bank branch)
    "360802": ("吉安市吉州区", "吉安"),
    "360103": ("南昌市西湖区", "南昌"),
    "360111": ("南昌市青山湖区", "南昌"),
    "360203": ("景德镇市珠山区", "景德镇"),
    "360302": ("萍乡市安源区", "萍乡"),
}
REGION_CODES = tuple(REGIONS)
OTHER_PROVINCES = {  # a district in each of other provinces, for an inbox across provinces (--provinces)
    "430102": ("长沙市芙蓉区", "长沙"),
    "440106": ("广州市天河区", "广州"),
    "420102": ("武汉市江岸区", "武汉"),
    "350102": ("福州市鼓楼区", "福州"),
    "510104": ("成都市锦江区", "成都"),
}
MOST_PROVINCES = 1 + len(OTHER_PROVINCES)
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
AGE_YEARS = (20, 45)  # on the window's first day, when most workers enter
PHONE_DIGITS = 11
PHONE_PREFIXES = ("133", "135", "138", "139", "150", "151", "158", "177", "180", "186", "188", "199")
MONTHLY_SHARE = 0.85
MONTHLY_RATE = (4000, 9000)  # whole yuan; well above any minimum wage
HALF_YUAN_SHARE = 0.15  # some monthly rates end in .50
HALF_YUAN = Decimal("0.50")
DAILY_RATE = (180, 400)  # × 21.75 stays far above any minimum wage
MID_ENTRY_SHARE = 0.08  # enter inside the window: calendar proration and "not yet on the roster"
MID_EXIT_SHARE = 0.08  # leave inside the window: proration and "no longer on the roster"


def make_projects(
    rng: random.Random, count: int, periods: list[str], provinces: int = 1, first_number: int = 1
) -> list[Project]:
    """`count` projects numbered from `first_number`, their regions in turn: Jiangxi's districts; with
    more `provinces`, Jiangxi and a district of each other province in turn, so a few projects already
    span them."""
    accounts: set[str] = set()
    projects = []
    for number in range(first_number, first_number + count):
        region = _region(number, provinces)
        sector = SECTORS[rng.randrange(len(SECTORS))]
        account = wage_account(rng, accounts)
        projects.append(
            Project(
                number=number,
                project_id=project_id(region, number),
                name=f"{_district(region)}{rng.choice(SECTOR_WORKS[sector])}{number}标段",
                region_code=region,
                contractor=rng.choice(CONTRACTORS),
                credit_code=credit_code(rng, region),
                wage_account=account,
                pay_day=PAY_DAYS[(number - 1) % len(PAY_DAYS)],
                sector=sector,
                start_date=first_day(periods[0]) - timedelta(days=rng.randint(*PROJECT_START_DAYS_BEFORE)),
                end_date=last_day(periods[-1]) + timedelta(days=rng.randint(*PROJECT_END_DAYS_AFTER)),
            )
        )
    return projects


def project_id(region_code: str, number: int) -> str:
    return f"P{region_code}-{number:04d}"


def wage_account(rng: random.Random, taken: set[str]) -> str:
    """A project's dedicated wage account, none of those `taken` (which it joins)."""
    return unique(
        lambda: WAGE_ACCOUNT_PREFIX + digits(rng, WAGE_ACCOUNT_LENGTH - len(WAGE_ACCOUNT_PREFIX)), taken
    )


def _region(number: int, provinces: int) -> str:
    """The region of the project numbered `number` (from 1)."""
    turn, province = divmod(number - 1, provinces)
    if province:
        return tuple(OTHER_PROVINCES)[province - 1]
    return REGION_CODES[turn % len(REGION_CODES)]


def _district(region_code: str) -> str:
    return (REGIONS.get(region_code) or OTHER_PROVINCES[region_code])[0]


def _branch_city(region_code: str) -> str:
    return (REGIONS.get(region_code) or OTHER_PROVINCES[region_code])[1]


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


def make_worker(rng: random.Random, project: Project, periods: list[str], registry: Registry) -> Worker:
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
        bank_account=unique(lambda: prefix + digits(rng, length - len(prefix)), registry.cards),
        bank_name=f"{bank}{_branch_city(project.region_code)}分行",
        wage_type=wage_type,
        wage_rate=wage_rate,
        entry_date=entry,
        exit_date=exit_,
        phone=rng.choice(PHONE_PREFIXES) + digits(rng, PHONE_DIGITS - len(PHONE_PREFIXES[0])),
    )


def staff(
    rng: random.Random, projects: list[Project], workers: int, periods: list[str], registry: Registry
) -> None:
    """Spread the workers evenly over the projects (the first projects take the remainder)."""
    base, extra = divmod(workers, len(projects))
    for index, project in enumerate(projects):
        size = base + (1 if index < extra else 0)
        project.workers = [make_worker(rng, project, periods, registry) for _ in range(size)]
