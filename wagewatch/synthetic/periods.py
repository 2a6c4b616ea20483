"""The calendar of the generated window: periods (YYYY-MM), due dates, the as-of date, ages in whole
years, and the days of a period a stint is on the roster."""

from __future__ import annotations

import calendar
from datetime import date
from functools import cache

from wagewatch.synthetic.records import Worker

LAST_PERIOD = (2026, 10)  # the generated window always ends here
AS_OF_MONTHS_AFTER_LAST = 2  # as-of = first day of this many months after the last period
DAYS_PER_YEAR = 365


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


# A day as the files write it, each distinct day formatted once (an inbox writes a few hundred days in
# millions of cells; strftime costs a microsecond a call).
@cache
def compact_date(day: date) -> str:
    """20260910"""
    return day.strftime("%Y%m%d")


@cache
def slashed_date(day: date) -> str:
    """2026/9/10"""
    return f"{day.year}/{day.month}/{day.day}"


@cache
def chinese_date(day: date) -> str:
    """2026年9月10日"""
    return f"{day.year}年{day.month}月{day.day}日"


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


def on_roster(worker: Worker, period: str) -> bool:
    left = worker.exit_date is not None and worker.exit_date < first_day(period)
    return worker.entry_date <= last_day(period) and not left


def roster_days(worker: Worker, period: str) -> int:
    """Calendar days of P the worker is on the roster."""
    start = max(worker.entry_date, first_day(period))
    end = min(worker.exit_date or last_day(period), last_day(period))
    return max(0, (end - start).days + 1)
