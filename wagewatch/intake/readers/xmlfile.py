"""XML payroll batch files (.xml, .plz): a summary element (pay month, payer account, date, total and
count) and one record element per transfer. Which element is the record, and which the summary, is
found from the tags the profile knows, not from their places (docs/bank-profiles.md)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from wagewatch.intake.columns import normalise_header
from wagewatch.intake.readers.common import Grid, Header, Rejected

DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
PAYEE_COLUMNS = {"payee_account", "payee_name"}  # only a record names its payee
TOTAL_FIELDS = {"total_count", "total_amount"}  # a profile's aliases may name them: summary fields only
SUMMARY_FIELDS = {"payer_account", "paid_at", "period", *TOTAL_FIELDS}


def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]  # without a namespace


def _record_tag(root: ET.Element, lookup: dict[str, str]) -> str:
    """The first element whose children name two known columns, one of them the payee."""
    for element in root.iter():
        named = {lookup.get(normalise_header(_tag(child))) for child in element}
        if len(named - {None}) >= 2 and named & PAYEE_COLUMNS:
            return _tag(element)
    raise Rejected(
        "no payroll record in the XML: no element names a payee with another known field",
        "XML 中没有代发记录：没有一个元素写明收款人及其他已知字段",
    )


def _summary(root: ET.Element, record: str, lookup: dict[str, str]) -> dict[str, str]:
    """The summary's fields (payer account, date, month, total, count) from the first element near
    the top that holds them; records are not summaries."""
    near_top = [root, *root, *(grandchild for child in root if _tag(child) != record for grandchild in child)]
    for element in near_top:
        if _tag(element) == record:
            continue
        fields = {
            lookup[normalise_header(_tag(child))]: (child.text or "").strip()
            for child in element
            if lookup.get(normalise_header(_tag(child))) in SUMMARY_FIELDS
        }
        if fields:
            return fields
    return {}


def xml_grid(text: str, encoding: str, lookup: dict[str, str]) -> tuple[Grid, dict[str, str]]:
    """The records as a grid of text cells, and the summary's fields."""
    body = DECLARATION.sub("", text)  # the text is decoded already: its declared encoding is spent
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        raise Rejected(f"not well-formed XML: {error}", f"XML 格式不正确：{error}") from error
    record = _record_tag(root, lookup)
    frame = pd.read_xml(io.StringIO(body), xpath=f".//{record}", parser="etree", dtype=str)
    frame = frame.fillna("")
    mapping: dict[int, str] = {}
    for position, name in enumerate(frame.columns):
        column = lookup.get(normalise_header(str(name)))
        if column and column not in TOTAL_FIELDS and column not in mapping.values():
            mapping[position] = column
    frame.columns = [f"c{i}" for i in range(len(frame.columns))]
    table = pa.Table.from_pandas(frame, preserve_index=False)
    # a record's row is the line its start tag is on, when each record starts a line of its own
    lines = pa.array(text.split("\n"), pa.string())
    starts = np.flatnonzero(
        pc.match_substring_regex(lines, rf"<{record}[\s>/]").to_numpy(zero_copy_only=False)
    )
    rows = starts + 1 if len(starts) == table.num_rows else np.arange(1, table.num_rows + 1)
    table = table.append_column("row_number", pa.array(rows.astype(np.int64)))
    header = Header(0, mapping, len(frame.columns))
    return Grid(table, header, table.num_rows, [], [], None, encoding), _summary(root, record, lookup)
