"""The parse floor of an inbox: every file read into Arrow text columns, and nothing else.

    python benchmarks/parse_floor.py INBOX [--repeat 3]

prints, as JSON, the seconds of each pass over the whole inbox, their median, and the files, data rows
and bytes read. CSV and TXT go through pyarrow's CSV reader with the file's encoding (UTF-8, GB18030,
UTF-16) and delimiter, every column a string, title lines skipped; a file with no delimiter
(fixed-width) is read as one text column of lines. XLSX goes through python-calamine, the reader
wagewatch uses, its cells as text; XML through the standard library's parser, one column per field of
the record element. How each file is laid out (encoding, delimiter, the header's line) is found before
the clock starts: the floor is what reading costs, not what finding out how to read costs. Run by
run_benchmark.py in a process of its own, so nothing of the run's imports or caches is counted.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import json
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import python_calamine

DELIMITERS = (",", "|", "\t")
NO_DELIMITER = "\x1f"  # never in a fixed-width file: each line is one cell
PROBE_LINES = 40
HEADER_SEARCH_ROWS = 20
DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
TEXT_SUFFIXES = {".csv", ".txt"}
XML_SUFFIXES = {".xml", ".plz"}
SHEET_SUFFIXES = {".xlsx", ".xls"}


@dataclass(frozen=True)
class TextLayout:
    encoding: str
    delimiter: str
    skip_rows: int  # title lines and the header
    columns: int


def _encoding(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def text_layout(path: Path) -> TextLayout:
    """Encoding, delimiter and header line of a delimited file: the delimiter that splits the most
    lines into the same number of cells, the header the first line split into that many."""
    data = path.read_bytes()
    encoding = _encoding(data)
    lines = data.decode(encoding).lstrip("\ufeff").splitlines()[:PROBE_LINES]
    best: tuple[int, str, list[int]] | None = None  # lines agreeing, delimiter, cells of each line
    for delimiter in DELIMITERS:
        widths = [len(cells) for cells in csv.reader(lines, delimiter=delimiter)]  # quotes respected
        counts = Counter(width for width in widths if width > 1)
        if counts and (best is None or counts.most_common(1)[0][1] > best[0]):
            best = (counts.most_common(1)[0][1], delimiter, widths)
    if best is None:
        return TextLayout(encoding, NO_DELIMITER, 0, 1)
    _, delimiter, widths = best
    cells = Counter(width for width in widths if width > 1).most_common(1)[0][0]
    return TextLayout(encoding, delimiter, widths.index(cells) + 1, cells)


def read_text(path: Path, layout: TextLayout) -> pa.Table:
    names = [f"c{i}" for i in range(layout.columns)]
    return pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(
            encoding=layout.encoding, skip_rows=layout.skip_rows, column_names=names
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=layout.delimiter,
            quote_char=False if layout.delimiter == NO_DELIMITER else '"',
            invalid_row_handler=lambda _row: "skip",  # a footer of totals
        ),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False
        ),
    )


def read_sheet(path: Path) -> pa.Table:
    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    width = max(len(row) for row in rows)
    head = rows[:HEADER_SEARCH_ROWS]
    header = max(range(len(head)), key=lambda i: sum(1 for cell in head[i] if cell not in ("", None)))
    body = rows[header + 1 :]
    return pa.table(
        {
            f"c{i}": pa.array(["" if i >= len(row) else str(row[i]) for row in body], pa.string())
            for i in range(width)
        }
    )


def read_xml(path: Path, encoding: str) -> pa.Table:
    root = ET.fromstring(DECLARATION.sub("", path.read_bytes().decode(encoding)))
    parent = max(root.iter(), key=lambda element: len(element))
    records = list(parent)
    fields = list(dict.fromkeys(child.tag for record in records for child in record))
    columns: dict[str, list[str]] = {field: [] for field in fields}
    for record in records:
        cells = {child.tag: child.text or "" for child in record}
        for field in fields:
            columns[field].append(cells.get(field, ""))
    return pa.table({field: pa.array(values, pa.string()) for field, values in columns.items()})


def _xml_encoding(path: Path) -> str:
    declared = re.search(rb'encoding="([^"]+)"', path.read_bytes()[:200])
    name = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    return "gb18030" if name in {"gbk", "gb2312", "gb18030"} else name


def plan(inbox: Path) -> list[tuple[Path, str, object]]:
    """Every inbox file with how it is read; found before the clock starts."""
    planned = []
    for path in sorted(p for p in inbox.rglob("*") if p.is_file()):
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES:
            planned.append((path, "text", text_layout(path)))
        elif suffix in XML_SUFFIXES:
            planned.append((path, "xml", _xml_encoding(path)))
        elif suffix in SHEET_SUFFIXES:
            planned.append((path, "sheet", None))
    return planned


def read_all(planned: list[tuple[Path, str, object]]) -> int:
    """One pass over the inbox: the data rows read."""
    rows = 0
    for path, how, layout in planned:
        if how == "text":
            rows += read_text(path, layout).num_rows
        elif how == "xml":
            rows += read_xml(path, layout).num_rows
        else:
            rows += read_sheet(path).num_rows
    return rows


def floor(inbox: Path, repeat: int) -> dict:
    planned = plan(inbox)
    seconds, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = read_all(planned)
        seconds.append(round(time.perf_counter() - started, 2))
    return {
        "floor_seconds": seconds,
        "floor_median_seconds": statistics.median(seconds),
        "files": len(planned),
        "rows": rows,
        "bytes": sum(path.stat().st_size for path, _, _ in planned),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inbox", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    json.dump(floor(args.inbox, args.repeat), sys.stdout)


if __name__ == "__main__":
    main()
