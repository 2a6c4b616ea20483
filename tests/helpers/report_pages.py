"""Reading the inspector report pages back in tests: every table row with its attributes, its cells'
text, its named spans and the list items in it; and the flag rows of a project page by flag_id."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

DASH = "—"


@dataclass
class HtmlRow:
    section: str
    attrs: dict[str, str]
    cells: list[str] = field(default_factory=list)
    spans: dict[str, str] = field(default_factory=dict)  # class of a <span>: its text
    items: int = 0  # <li> in the row

    @property
    def kind(self) -> str:
        return self.attrs.get("class", "")


def _squash(text: str) -> str:
    return " ".join(text.split())


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[HtmlRow] = []
        self._section = ""
        self._row: HtmlRow | None = None
        self._cell: list[str] | None = None
        self._spans: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {key: value or "" for key, value in attrs}
        if tag == "section":
            self._section = named.get("id", "")
        elif tag == "tr":
            self._row = HtmlRow(self._section, named)
            self.rows.append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "li" and self._row is not None:
            self._row.items += 1
        elif tag == "span" and self._row is not None:
            self._spans.append((named.get("class", ""), []))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.cells.append(_squash("".join(self._cell)))
            self._cell = None
        elif tag == "span" and self._spans and self._row is not None:
            name, text = self._spans.pop()
            if name:
                self._row.spans[name] = _squash("".join(text))
        elif tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        for _, text in self._spans:
            text.append(data)


def parse_page(path: Path) -> list[HtmlRow]:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.rows


@dataclass
class ShownFlag:
    worker: HtmlRow  # the row heading the flag's worker group
    row: HtmlRow
    evidence: int  # items in the evidence row under it


def shown_flags(rows: list[HtmlRow]) -> dict[str, ShownFlag]:
    """The flag rows of a project page by flag_id, each with its worker's heading and evidence count."""
    found: dict[str, ShownFlag] = {}
    worker: HtmlRow | None = None
    for row in rows:
        if row.kind == "worker":
            worker = row
        elif row.kind == "flag":
            assert worker is not None, "a flag row outside a worker group"
            assert row.attrs["data-flag-id"] not in found, f"flag {row.attrs['data-flag-id']} shown twice"
            found[row.attrs["data-flag-id"]] = ShownFlag(worker, row, 0)
        elif row.kind == "evidence":
            found[row.attrs["data-flag-id"]].evidence = row.items
    return found


def money(value: Decimal | None) -> str:
    return DASH if value is None else f"{value:,.2f}"
