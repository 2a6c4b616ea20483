"""What every reader shares: the result of reading one file, the header search and the last step that
keeps data rows and sets aside blank and total rows (docs/contract.md section 1.2).

Every cell stays text: readers that guess types turn ID and card numbers into doubles and lose
digits. Cleaning and casting happen later, in the staging SQL, where they can be seen and tested.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pyarrow as pa
import pyarrow.compute as pc

from wagewatch.intake.columns import IN_WAN, WAN, Kind, is_amount, normalise_header, notes_wan

HEADER_SEARCH_ROWS = 50
MIN_HEADER_MATCHES = 2
TOTAL_MARKERS = ("合计", "总计")
KIND_ZH = {
    "projects": "项目登记",
    "rosters": "实名制花名册",
    "attendance": "考勤",
    "bank": "银行代发",
    "accounts": "专户流水",
    "complaints": "投诉举报",
    "deposits": "工资保证金",
}


class Rejected(Exception):
    """The file cannot be read at all; it is recorded with this reason, in English and in Chinese (the
    reports show the one of their language), and the run goes on."""

    def __init__(self, reason: str, reason_zh: str) -> None:
        super().__init__(reason)
        self.reason_zh = reason_zh

    def __reduce__(self):  # a file read in a worker process sends its rejection back whole
        return Rejected, (str(self), self.reason_zh)


@dataclass
class BadRow:
    row_number: int
    text: str
    reason: str


@dataclass
class ReadResult:
    """The data rows of one file, keyed by canonical column, and the accounting of everything else."""

    table: pa.Table  # canonical columns as text, plus row_number
    rows_read: int  # every row a person sees: title, header, blank, total and data rows
    rows_non_data: int  # title lines, header, blank rows and totals
    bad_rows: list[BadRow] = field(default_factory=list)  # rows that could not be split into fields
    delimiter: str | None = None
    encoding: str | None = None
    unterminated_row: int | None = None  # the last row, when the file ends mid-line: maybe cut short
    profile: str | None = None  # the bank profile the file matched (bank files only)
    payer_source: str | None = None  # where its payer account came from: column, title, file_name


@dataclass
class Header:
    index: int  # 0-based row of the header
    mapping: dict[int, str]  # position -> canonical column (first occurrence wins)
    width: int
    in_wan: frozenset[str] = frozenset()  # amount columns whose header's note says 万 (万元)


@dataclass
class Grid:
    """One file read as rows of text cells, before blank and total rows are set aside."""

    table: pa.Table  # c0 .. c<width-1> as text, plus row_number, for every row below the header
    header: Header
    rows_read: int
    bad_rows: list[BadRow]
    title_lines: list[str]  # the rows above the header, as text: they may name the payer account
    delimiter: str | None = None
    encoding: str | None = None
    unterminated_row: int | None = None


@dataclass
class Rows:
    """A grid's data rows (canonical columns), and its total rows: their text (cells joined, or the
    line of a fixed-width file) and their cell in the amount column, for the totals check."""

    table: pa.Table
    total_texts: list[str]
    total_amounts: list[str | None]
    rows_non_data: int


RAW_LINE = "raw_line"  # a fixed-width grid keeps each line whole: its total line is read as written


def find_header(grid: list[list[str]], lookup: dict[str, str]) -> Header | None:
    """The first row in the first 50 that names at least two known columns."""
    known = frozenset(lookup)
    for index, (cells, distinct) in enumerate(_normal_rows(tuple(map(tuple, grid[:HEADER_SEARCH_ROWS])))):
        if len(distinct & known) < MIN_HEADER_MATCHES:  # most rows name none: skip them in one set operation
            continue
        mapping: dict[int, str] = {}
        for position, cell in enumerate(cells):
            name = lookup.get(cell)
            if name and name not in mapping.values():
                mapping[position] = name
        if len(mapping) >= MIN_HEADER_MATCHES:
            raw = grid[index]
            in_wan = {name for at, name in mapping.items() if is_amount(name) and notes_wan(str(raw[at]))}
            return Header(index, mapping, len(cells), frozenset(in_wan))
    return None


@lru_cache(maxsize=16)
def _normal_rows(grid: tuple[tuple[str, ...], ...]) -> tuple[tuple[tuple[str, ...], frozenset[str]], ...]:
    """Each row's cells as headers compare them, and the set of them. A file's first rows are searched
    once per bank profile, delimiter and kind: they are normalised once."""
    rows = tuple(tuple(normalise_header(cell) for cell in cells) for cells in grid)
    return tuple((cells, frozenset(cells)) for cells in rows)


def wrong_folder(grid: list[list[str]], kind: Kind, others: list[Kind]) -> None:
    """Raise when the rows fit another kind's required columns: the file is in the wrong folder."""
    for other in others:
        theirs = find_header(grid, other.lookup)
        if theirs is not None and set(other.required) <= set(theirs.mapping.values()):
            raise Rejected(
                f"this looks like a {other.name} file, not {kind.name}: wrong folder?",
                f"这看起来是{KIND_ZH[other.name]}文件，不是{KIND_ZH[kind.name]}文件：放错文件夹了？",
            )


def check_header(
    grid: list[list[str]], kind: Kind, others: list[Kind], lookup: dict[str, str] | None = None
) -> Header:
    """Find the header or say why the file is not one of this kind (wrong folder, no header)."""
    header = find_header(grid, lookup or kind.lookup)
    found = set(header.mapping.values()) if header else set()
    missing = [name for name in kind.required if name not in found]
    if header is not None and not missing:
        return header
    wrong_folder(grid, kind, others)
    if header is None:
        raise Rejected(*no_header_reason(kind))
    raise Rejected(*lacks_columns_reason(header, missing))


def no_header_reason(kind: Kind) -> tuple[str, str]:
    return (
        f"no header naming {MIN_HEADER_MATCHES} known {kind.name} columns in the first "
        f"{HEADER_SEARCH_ROWS} rows",
        f"前{HEADER_SEARCH_ROWS}行中没有一行表头写出{MIN_HEADER_MATCHES}个已知的{KIND_ZH[kind.name]}列",
    )


def lacks_columns_reason(header: Header, missing: list[str]) -> tuple[str, str]:
    return (
        f"header (row {header.index + 1}) lacks required column(s): {', '.join(missing)}",
        f"表头（第{header.index + 1}行）缺少必需的列：{'、'.join(missing)}",
    )


def cleaned(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray:
    """NFKC, trimmed; empty is missing: the same reading as staging's clean()."""
    cell = pc.utf8_trim_whitespace(pc.utf8_normalize(column, "NFKC"))
    return pc.if_else(pc.equal(cell, ""), None, cell)


CELL_SEPARATOR = "\x1f"  # ASCII's unit separator: no site writes it, and NFKC leaves it alone
# What staging's trim removes (Unicode White_Space) and the separators of empty cells before the first.
_LEADING_BLANKS = r"^[\pZ\s\x0b\x85\x1f]+"


def _as_string(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """One Arrow type for every reader: a spreadsheet or XML arrives as large_string."""
    return column if column.type == pa.string() else column.cast(pa.string())


def _row_text(table: pa.Table, width: int) -> pa.ChunkedArray:
    """Each row from its first cell that is not blank, NFKC: a blank row is empty, and a total row
    starts with its marker. One pass over the joined cells, not a few for every column."""
    if RAW_LINE in table.column_names:  # a fixed-width line is read whole
        text = table.column(RAW_LINE)
    else:
        cells = [_as_string(table.column(f"c{i}")) for i in range(width)]
        text = pc.binary_join_element_wise(
            *cells, CELL_SEPARATOR, null_handling="replace", null_replacement=""
        )
    return pc.replace_substring_regex(pc.utf8_normalize(text, "NFKC"), _LEADING_BLANKS, "")


def split_rows(grid: Grid) -> Rows:
    """Keep the canonical columns of the data rows; set aside blank rows and total rows (合计, 总计).
    An amount column in 万元 gets its unit beside it (<column>_unit), or the file is rejected."""
    table, header = grid.table, grid.header
    if unread := sorted(header.in_wan - IN_WAN):
        raise Rejected(
            f"amounts in 万元 are not read in column(s) {', '.join(unread)}: write them in yuan",
            f"{'、'.join(unread)}列的金额以万元为单位，无法读取：请以元为单位填写",
        )
    row_text = _row_text(table, header.width)
    is_blank = pc.equal(row_text, "")
    is_total = pc.or_(*[pc.starts_with(row_text, marker) for marker in TOTAL_MARKERS])
    data = table.filter(pc.invert(pc.or_(is_blank, is_total)))
    total_rows = table.filter(is_total)
    if total_rows.num_rows == 0:  # most files state no totals: nothing to join
        texts, amounts = [], []
    elif RAW_LINE in table.column_names:
        texts, amounts = total_rows.column(RAW_LINE).to_pylist(), [None] * total_rows.num_rows
    else:
        # a total row's cells, joined: "合计 共12笔 34,560.00"
        cells = [pc.fill_null(total_rows.column(f"c{i}"), "").cast(pa.string()) for i in range(header.width)]
        texts = pc.binary_join_element_wise(*cells, " ").to_pylist() if cells else []
        where = [position for position, name in header.mapping.items() if name == "amount"]
        amounts = total_rows.column(f"c{where[0]}").to_pylist() if where else [None] * total_rows.num_rows
    columns = {name: _as_string(data.column(f"c{position}")) for position, name in header.mapping.items()}
    for name in sorted(header.in_wan):
        columns[f"{name}_unit"] = pa.array([WAN] * data.num_rows, pa.string())
    columns["row_number"] = data.column("row_number").cast(pa.int64())
    rows_non_data = grid.rows_read - data.num_rows - len(grid.bad_rows)
    return Rows(pa.table(columns), texts, amounts, rows_non_data)


def result(grid: Grid, rows: Rows, **extra: str | None) -> ReadResult:
    return ReadResult(
        rows.table,
        grid.rows_read,
        rows.rows_non_data,
        grid.bad_rows,
        delimiter=grid.delimiter,
        encoding=grid.encoding,
        unterminated_row=grid.unterminated_row,
        **extra,
    )
