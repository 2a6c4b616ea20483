"""Fixed-width text: a profile's column spans cut every line below the header into cells.

The header is found like any other, its words split on spaces: the first line among the first 50
that names at least two of the profile's columns. Spans count characters (a Chinese character is one),
1-based and inclusive, as the profile writes them (docs/bank-profiles.md)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from wagewatch.intake.readers.common import RAW_LINE, Grid, Header, find_header
from wagewatch.intake.readers.text import empty_table, head_lines


def fixed_header(
    lines: list[str], lookup: dict[str, str], spans: dict[str, tuple[int, int]]
) -> tuple[Header | None, int]:
    """The header line, with the profile's columns as the cells it cuts (in span order), and how many
    columns its words name: the profile's score. Words are split on spaces only, so the header of a
    tab-separated file is one word, never a fixed-width header."""
    found = find_header([[word for word in line.strip().split(" ") if word] for line in lines], lookup)
    if found is None:
        return None, 0
    return Header(found.index, dict(enumerate(spans)), len(spans)), len(found.mapping)


def fixed_grid(text: str, encoding: str, header: Header, spans: dict[str, tuple[int, int]]) -> Grid:
    lines = list(head_lines(text))
    body = text.split("\n", header.index + 1)[header.index + 1] if text.count("\n") > header.index else ""
    if not body.strip("\r\n"):
        return Grid(
            empty_table(header.width), header, header.index + 1, [], lines[: header.index], None, encoding
        )
    # the text ends with a line break, or the last line was cut short; no empty record after it
    ends_cleanly = body.endswith(("\n", "\r"))
    records = pc.utf8_rtrim(pa.array(body.removesuffix("\n").split("\n"), pa.string()), "\r")
    columns = {
        f"c{i}": pc.utf8_slice_codeunits(records, start - 1, end)
        for i, (start, end) in enumerate(spans.values())
    }
    columns[RAW_LINE] = records
    first_body_line = header.index + 2
    columns["row_number"] = pa.array(np.arange(len(records), dtype=np.int64) + first_body_line)
    rows_read = header.index + 1 + len(records)
    unterminated = None if ends_cleanly else rows_read
    return Grid(pa.table(columns), header, rows_read, [], lines[: header.index], None, encoding, unterminated)
