"""The numbers the judgement turns on, as the pipeline ships them: thresholds and minimum wages read
from its default configuration (so plants and truth follow whatever it holds), 21.75 paid days a
month, and amounts in fen rounded half up."""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

CONFIG_FILE = Path(__file__).parents[1] / "default_config.toml"  # wagewatch's own
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
SUCCESS_STATUSES = frozenset(status.casefold() for status in DEFAULTS["bank"]["success_statuses"])
EXCESSIVE_YEARLY_AMOUNT = Decimal(str(DEFAULTS["rules"]["excessive_yearly_amount"]))
# absent by default: a stint is settled by its exit month's due date
EXIT_SETTLEMENT_DAYS: int | None = DEFAULTS["rules"].get("exit_settlement_days")
MinimumWageNotice = tuple[date | None, Decimal]  # effective date (None: in force throughout), amount


def _minimum_wages() -> list[tuple[str, date | None, Decimal]]:
    """(prefix, effective date, amount) of [minimum_wage]: a prefix's amount, or a dated notice's table."""
    rows = []
    for key, value in DEFAULTS["minimum_wage"].items():
        if isinstance(value, dict):
            rows += [
                (prefix, date.fromisoformat(key), Decimal(str(amount))) for prefix, amount in value.items()
            ]
        else:
            rows.append((key, None, Decimal(str(value))))
    return rows


MINIMUM_WAGES = _minimum_wages()


@cache
def minimum_wage_notices(region_code: str) -> tuple[MinimumWageNotice, ...]:
    """The notices naming a prefix of the region, oldest first (undated first), each with its figure
    for the region: the longest prefix it names."""
    best: dict[date | None, tuple[int, Decimal]] = {}
    for prefix, effective, amount in MINIMUM_WAGES:
        if region_code.startswith(prefix) and len(prefix) > best.get(effective, (0, ZERO))[0]:
            best[effective] = (len(prefix), amount)
    ordered = sorted(best, key=lambda day: (day is not None, day or date.min))
    return tuple((day, best[day][1]) for day in ordered)


def minimum_wages_in_force(region_code: str, first: date, last: date) -> list[MinimumWageNotice]:
    """The notices in force on some day from `first` to `last`: each lasts until the region's next."""
    notices = minimum_wage_notices(region_code)
    return [
        (day, amount)
        for index, (day, amount) in enumerate(notices)
        if (day is None or day <= last) and (index + 1 == len(notices) or notices[index + 1][0] > first)
    ]


def stint_minimum_wages(region_code: str, entry: date, exit_: date | None, as_of: date) -> list[Decimal]:
    """The minimum wages a stint is held to: every one in force on a day from its entry to its exit,
    or to the as-of date while on site (a later standard is not yet in force), never before entry."""
    last = max(entry, min(exit_ or as_of, as_of))
    return [amount for _, amount in minimum_wages_in_force(region_code, entry, last)]


def minimum_wage(region_code: str) -> Decimal | None:
    """The region's latest monthly minimum wage (the one in force now); None: not judged."""
    notices = minimum_wage_notices(region_code)
    return notices[-1][1] if notices else None


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


FUNDING_DAYS_BEFORE_PAY_DAY = DEFAULTS["rules"]["funding_days_before_pay_day"]
FUNDING_WINDOW_MONTHS = DEFAULTS["rules"]["funding_window_months"]
FUNDING_MISSED_CONSECUTIVE = DEFAULTS["rules"]["funding_missed_consecutive"]
FUNDING_MISSED_IN_WINDOW = DEFAULTS["rules"]["funding_missed_in_window"]
BANK_FEE_MAX_AMOUNT = Decimal(str(DEFAULTS["rules"]["bank_fee_max_amount"]))

DEPOSIT_DUE_DAYS = DEFAULTS["deposits"]["deposit_due_days"]
DEPOSIT_EXEMPT_BELOW = Decimal(str(DEFAULTS["deposits"]["deposit_exempt_below"]))
DEPOSIT_RATE = {prefix: Decimal(str(rate)) for prefix, rate in DEFAULTS["deposits"]["deposit_rate"].items()}


def deposit_rate(region_code: str) -> Decimal | None:
    """The deposit rate by the longest matching region-code prefix; None: not judged."""
    prefixes = [prefix for prefix in DEPOSIT_RATE if region_code.startswith(prefix)]
    return DEPOSIT_RATE[max(prefixes, key=len)] if prefixes else None


AGEING_YELLOW_MAX_DAYS = DEFAULTS["ageing"]["yellow_max_days"]
AGEING_ORANGE_MAX_DAYS = DEFAULTS["ageing"]["orange_max_days"]
BLACKLIST_MIN_DAYS_OVERDUE = DEFAULTS["blacklist"]["min_days_overdue"]
BLACKLIST_RECTIFICATION_DAYS = DEFAULTS["blacklist"]["rectification_days"]
BLACKLIST_EARLY_REMOVAL_MONTHS = DEFAULTS["blacklist"]["early_removal_months"]
BLACKLIST_TERM_YEARS = DEFAULTS["blacklist"]["term_years"]
BLACKLIST_BOUNDS = {
    prefix: (Decimal(str(bound["owed_amount"])), int(bound["workers_owed"]))
    for prefix, bound in DEFAULTS["blacklist"]["bounds"].items()
}


def blacklist_bound(region_code: str) -> tuple[str, Decimal, int] | None:
    """The region's blacklist bound by the longest matching prefix: (prefix, owed amount, workers owed);
    None: the region is not judged."""
    prefixes = [prefix for prefix in BLACKLIST_BOUNDS if region_code.startswith(prefix)]
    if not prefixes:
        return None
    prefix = max(prefixes, key=len)
    return (prefix, *BLACKLIST_BOUNDS[prefix])
