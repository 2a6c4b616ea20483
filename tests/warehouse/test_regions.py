"""Region codes resolve to names from python-stdnum's GB/T 2260 table, once, as a table."""

from wagewatch.warehouse import regions


def _names() -> dict[str, dict]:
    return {row["region_code"]: row for row in regions.regions_table().to_pylist()}


def test_a_county_reads_province_city_and_county():
    jizhou = _names()["360802"]
    parts = (jizhou["province_name"], jizhou["city_name"], jizhou["county_name"])
    assert parts == ("江西省", "吉安市", "吉州区")
    assert jizhou["region_name"] == "江西省吉安市吉州区"


def test_a_city_and_a_province_are_named_at_their_own_level():
    names = _names()
    assert (names["360800"]["region_name"], names["360800"]["county_name"]) == ("江西省吉安市", None)
    assert (names["360000"]["region_name"], names["360000"]["city_name"]) == ("江西省", None)


def test_a_renamed_code_takes_its_latest_name_and_a_grouping_is_no_city():
    names = _names()
    assert names["360111"]["county_name"] == "青山湖区"  # [1983-2001]郊区,[2002-]青山湖区
    assert names["110101"]["region_name"] == "北京市东城区"  # 110100 is 市辖区, not a city
    assert names["419001"]["region_name"] == "河南省济源市"  # 省直辖县级行政单位 groups, names nothing


def test_the_table_holds_every_listed_code_once():
    codes = regions.regions_table().column("region_code").to_pylist()
    assert len(codes) == len(set(codes)) > 3000
    assert all(len(code) == 6 and code.isdigit() for code in codes)
