"""Region names (GB/T 2260 行政区划代码) as a table, from python-stdnum's maintained copy of the code
list (`stdnum.numdb.get("cn/loc")`): each 6-digit code with its province, city (地级) and county (县级)
names, read once per process into Arrow and made the connection's `ref_regions` table.

A code lists every name it has had with its years (`[1983-1992]城关区,[1993-]安源区`): the last is its
name now, or its last name when it was abolished. A prefecture-level entry that is no city of its own
(`市辖区` under a municipality, `省直辖县级行政区划`) is a grouping, not a name, and is left out of the
names below it: 110101 is 北京市东城区, 419001 河南省济源市.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

import duckdb
import pyarrow as pa
from stdnum import numdb

SOURCE = "cn/loc"  # python-stdnum's GB/T 2260 table
_YEARS = re.compile(r"^\[[0-9]*-[0-9]*\]")
# prefecture-level entries that group counties without being a city: no name of a place
_GROUPINGS = re.compile(r"^(市辖区|县|.*直辖(县级)?行政(区划|单位))$")
COLUMNS = ("region_code", "province_name", "city_name", "county_name", "region_name")


def current_name(names: str) -> str:
    """The last of a code's names over the years: `[1983-2001]郊区,[2002-]青山湖区` is 青山湖区."""
    return _YEARS.sub("", names.split(",")[-1]).strip()


def _codes() -> dict[str, tuple[str, str]]:
    """{6-digit code: (province name, the code's own name)} of every code in the table."""
    found = {}
    for _, low, high, props, children in numdb.get(SOURCE).prefixes:
        if low != high or "province" not in props:
            continue
        province = current_name(props["province"])
        for _, rest, rest_high, child, _ in children:
            if rest == rest_high and "county" in child:
                found[low + rest] = (province, current_name(child["county"]))
    return found


def _row(code: str, codes: dict[str, tuple[str, str]]) -> tuple:
    province, own = codes[code]
    if code.endswith("0000"):
        return code, province, None, None, province
    city = codes.get(code[:4] + "00", (None, None))[1]
    city = None if city is None or _GROUPINGS.match(city) else city
    if code.endswith("00"):
        return code, province, city, None, province + (city or own)
    return code, province, city, own, province + (city or "") + own


@functools.cache
def regions_table() -> pa.Table:
    """Every code of the GB/T 2260 table with its names: one Arrow table, made once per process."""
    codes = _codes()
    rows = [_row(code, codes) for code in sorted(codes)]
    return pa.table({name: pa.array([row[i] for row in rows], pa.string()) for i, name in enumerate(COLUMNS)})


def create(con: duckdb.DuckDBPyConnection) -> None:
    """The connection's ref_regions table (transforms/sources.toml), from the Arrow table."""
    con.register("regions_arrow", regions_table())
    con.execute(resources.files(__package__).joinpath("sql", "ref_regions.sql").read_text(encoding="utf-8"))
    con.unregister("regions_arrow")
