"""The project page's chart, expected against paid per month, as inline SVG drawn on the server.

No script and no library: the page opens offline and prints as it shows. Geometry is worked in
Decimal like the money it draws, so no amount passes through a float on its way to the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from markupsafe import Markup, escape

from wagewatch.reports.labels import Labels
from wagewatch.vocabulary import UNJUDGED

EXPECTED_FILL = "#8fb3dc"  # tests look for these colours in the screenshot
PAID_FILL = "#2e7d4f"
PENDING_OPACITY = "0.45"
LEVEL_FILLS = {
    "red": "#c62828",
    "amber": "#e69500",
    "green": "#2e7d32",
    "pending": "#9aa0ac",
    "unmonitored": "#9aa0ac",
}
WIDTH, HEIGHT = Decimal(960), Decimal(300)
LEFT, RIGHT, TOP, BOTTOM = Decimal(84), Decimal(16), Decimal(36), Decimal(52)
MAX_BAR = Decimal(44)
TICKS = 5
STEPS = tuple(Decimal(step) for step in ("1", "1.2", "1.5", "2", "2.5", "3", "4", "5", "6", "8", "10"))
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Bar:
    x: Decimal
    y: Decimal
    width: Decimal
    height: Decimal
    fill: str
    title: str
    pending: bool


def _n(value: Decimal) -> str:
    """A coordinate for SVG: one decimal, no exponent."""
    return f"{value.quantize(ONE_DECIMAL):f}"


def nice_top(largest: Decimal) -> Decimal:
    """The axis top: TICKS times the smallest round step (1, 1.2 ... 8 x 10^k) that reaches `largest`."""
    if largest <= 0:
        return Decimal(TICKS)
    raw = largest / TICKS
    magnitude = Decimal(10) ** (raw.adjusted())
    step = next(s * magnitude for s in STEPS if s * magnitude >= raw)
    return (step * TICKS).to_integral_value(rounding=ROUND_CEILING)


def _y(amount: Decimal, top: Decimal) -> Decimal:
    plot = HEIGHT - TOP - BOTTOM
    return HEIGHT - BOTTOM - plot * amount / top


def _bars(periods: list[dict], top: Decimal, labels: Labels) -> list[Bar]:
    slot = (WIDTH - LEFT - RIGHT) / len(periods)
    width = min(slot * Decimal("0.36"), MAX_BAR)
    bars = []
    for index, row in enumerate(periods):
        centre = LEFT + slot * index + slot / 2
        pending = row["level"] in UNJUDGED  # drawn faint: nothing in them is owed
        for offset, fill, key, amount in (
            (-width, EXPECTED_FILL, "chart_expected", row["expected_amount"]),
            (Decimal(0), PAID_FILL, "chart_paid", row["paid_amount"]),
        ):
            y = _y(amount, top)
            title = f"{row['period']} {labels.text[key]} {amount:,.2f}"
            bars.append(Bar(centre + offset, y, width, HEIGHT - BOTTOM - y, fill, title, pending))
    return bars


def _axis(top: Decimal) -> list[str]:
    lines = []
    for tick in range(TICKS + 1):
        amount = top * tick / TICKS
        y = _n(_y(amount, top))
        lines.append(f'<line x1="{_n(LEFT)}" x2="{_n(WIDTH - RIGHT)}" y1="{y}" y2="{y}" stroke="#e3e3e3"/>')
        lines.append(
            f'<text x="{_n(LEFT - 6)}" y="{y}" dy="4" text-anchor="end" font-size="12" fill="#555">'
            f"{amount:,.0f}</text>"
        )
    return lines


def _month_labels(periods: list[dict], labels: Labels) -> list[str]:
    slot = (WIDTH - LEFT - RIGHT) / len(periods)
    parts = []
    for index, row in enumerate(periods):
        centre = _n(LEFT + slot * index + slot / 2)
        level = escape(labels.level.get(row["level"], row["level"]))
        fill = LEVEL_FILLS.get(row["level"], LEVEL_FILLS["pending"])
        parts.append(
            f'<text x="{centre}" y="{_n(HEIGHT - BOTTOM + 18)}" text-anchor="middle" font-size="12" '
            f'fill="#333">{escape(row["period"])}</text>'
            f'<text x="{centre}" y="{_n(HEIGHT - BOTTOM + 36)}" text-anchor="middle" font-size="12" '
            f'font-weight="600" fill="{fill}">{level}</text>'
        )
    return parts


def _legend(labels: Labels) -> str:
    items = []
    for index, (fill, key) in enumerate(((EXPECTED_FILL, "chart_expected"), (PAID_FILL, "chart_paid"))):
        x = LEFT + Decimal(130) * index
        items.append(
            f'<rect x="{_n(x)}" y="10" width="14" height="14" fill="{fill}"/>'
            f'<text x="{_n(x + 20)}" y="22" font-size="13" fill="#333">{escape(labels.text[key])}</text>'
        )
    x = LEFT + Decimal(260)
    items.append(
        f'<rect x="{_n(x)}" y="10" width="14" height="14" fill="{EXPECTED_FILL}" '
        f'fill-opacity="{PENDING_OPACITY}"/>'
        f'<text x="{_n(x + 20)}" y="22" font-size="13" fill="#333">'
        f"{escape(labels.text['chart_pending'])}</text>"
    )
    items.append(
        f'<text x="{_n(WIDTH - RIGHT)}" y="22" text-anchor="end" font-size="12" fill="#555">'
        f"{escape(labels.text['chart_yuan'])}</text>"
    )
    return "".join(items)


def _bar_svg(bar: Bar) -> str:
    opacity = f' fill-opacity="{PENDING_OPACITY}"' if bar.pending else ""
    return (
        f'<rect class="bar" x="{_n(bar.x)}" y="{_n(bar.y)}" width="{_n(bar.width)}" '
        f'height="{_n(bar.height)}" fill="{bar.fill}"{opacity}><title>{escape(bar.title)}</title></rect>'
    )


def expected_paid_chart(periods: list[dict], labels: Labels) -> Markup:
    """Grouped bars, expected then paid, one pair per month; pending and unmonitored months faint."""
    if not periods:
        return Markup("")
    largest = max(max(row["expected_amount"], row["paid_amount"]) for row in periods)
    top = nice_top(largest)
    title = escape(labels.text["chart_heading"])
    parts = [
        f'<svg class="chart" viewBox="0 0 {_n(WIDTH)} {_n(HEIGHT)}" role="img" aria-label="{title}">',
        *_axis(top),
        *(_bar_svg(bar) for bar in _bars(periods, top, labels)),
        *_month_labels(periods, labels),
        _legend(labels),
        "</svg>",
    ]
    return Markup("".join(parts))
