"""What is planted, and how much of it: every violation and near miss of the catalogue as a share of what
it is planted among, with a minimum so that even the smallest inbox shows every rule. The plants
themselves are made in roster_plants, attendance and payment_plants."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quota:
    """How many of one plant an inbox gets: a share of what it is planted among, and at least a minimum
    (so even the smallest inbox that has room shows every rule)."""

    share: float
    minimum: int

    def of(self, population: int) -> int:
        return max(self.minimum, round(population * self.share))


# --- payment outcomes (a share of the worker-months expected to be paid in the period) ------------


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


# --- roster plants (a share of the workers) -------------------------------------------------------
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

# --- period plants (a share of the worker-months of the period) -----------------------------------

BOSS_GROUP_SIZE = 3  # wages of three workers in one boss's card: ACCOUNT_MISMATCH and SHARED_ACCOUNT
BOSS_CARD_GROUPS = Quota(0.001, 1)
COLLEAGUE_CARDS = Quota(0.002, 1)  # paid into a colleague's registered card: shared with its holder
OWN_OTHER_CARDS = Quota(0.002, 1)  # paid into a card of the worker's own that is not registered
EXCESSIVE_PAYMENTS = Quota(0.003, 1)
EXACT_LIMIT_PAYMENTS = Quota(0.001, 1)  # near miss: exactly the excessive amount, not above it
NON_DEDICATED_PAYROLLS = Quota(0.01, 1)  # of the project-periods paid: some wages from another account
NON_DEDICATED_ROWS = (1, 3)
OUTSIDER_PAYMENTS = Quota(0.004, 1)  # UNREGISTERED_PAYEE
STRAY_ATTENDANCE = Quota(0.004, 1)  # UNREGISTERED_WORKER, of the attendance rows of the period
ZERO_DAY_GHOSTS = Quota(0.001, 1)  # near miss: a 0-day row for an ID on no roster
