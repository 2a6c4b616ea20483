"""The numbers the judgement turns on, as the pipeline ships them: thresholds and minimum wages read
from its default configuration (so plants and truth follow whatever it holds), 21.75 paid days a
month, and amounts in fen rounded half up."""

from __future__ import annotations

import tomllib
from decimal import ROUND_HALF_UP, Decimal
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
MINIMUM_WAGE = {prefix: Decimal(str(amount)) for prefix, amount in DEFAULTS["minimum_wage"].items()}


def minimum_wage(region_code: str) -> Decimal | None:
    """The monthly minimum wage by the longest matching region-code prefix; None: not judged."""
    prefixes = [prefix for prefix in MINIMUM_WAGE if region_code.startswith(prefix)]
    return MINIMUM_WAGE[max(prefixes, key=len)] if prefixes else None


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
