"""The synthetic inbox generator: deterministic, reproducible sample, truth that covers every rule."""

import codecs
import csv
import json
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from wagewatch.synthetic import (
    DEPOSIT_RULES,
    INVALID_ID_NUMBER,
    LATE,
    MISSED,
    NO_PAYROLL,
    NON_DEDICATED_ACCOUNT,
    PARTIAL,
    RULES,
    STATEMENT_RULES,
    UNREGISTERED_COMPLAINANT,
    UNREGISTERED_PAYEE,
    age_on,
    generate,
    id_check_char,
    is_valid_id,
    judge_worker,
    lowest_daily_rate_at,
    minimum_wage,
)
from wagewatch.synthetic.enforcement_plants import CONTRACTORS as CASES

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
SMALL = {"workers": 60, "months": 3}
CATALOGUE = {path.stem.upper() for path in (ROOT / "transforms" / "rules").glob("*.sql")}
SEEDS = [(1, 90, 2), (7, 400, 3), (2026, 250, 4)]  # those tests/synthetic/test_generated_truth.py runs
ROSTER_RULES = {
    "BELOW_MINIMUM_WAGE",
    "INVALID_ID_NUMBER",
    "UNDERAGE_WORKER",
    "OVERAGE_WORKER",
    "NO_LABOR_CONTRACT",
    "EXIT_NOT_SETTLED",  # a stint flag: no period either
}
NO_PERIOD_RULES = {*ROSTER_RULES, UNREGISTERED_COMPLAINANT, *DEPOSIT_RULES}
PAYMENT_RULES = {MISSED, PARTIAL, LATE}
ABOUT_NO_WORKER = {NO_PAYROLL, NON_DEDICATED_ACCOUNT, *STATEMENT_RULES, *DEPOSIT_RULES}


def _files(root: Path) -> dict[str, bytes]:
    paths = sorted(path for path in root.rglob("*") if path.is_file())
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in paths}


def _truth(root: Path) -> list[dict[str, str]]:
    with (root / "truth.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("small")
    generate(out, **SMALL)
    return out


def test_same_seed_gives_identical_bytes(small: Path, tmp_path: Path) -> None:
    generate(tmp_path, **SMALL)
    assert _files(tmp_path) == _files(small)


def test_another_seed_gives_another_inbox(small: Path, tmp_path: Path) -> None:
    generate(tmp_path, **SMALL, seed=1)
    assert _files(tmp_path)["truth.csv"] != _files(small)["truth.csv"]


def test_refuses_a_used_folder(small: Path) -> None:
    with pytest.raises(FileExistsError):
        generate(small, **SMALL)


def test_committed_sample_is_a_fresh_generation(tmp_path: Path) -> None:
    manifest = json.loads((SAMPLE / "manifest.json").read_text(encoding="utf-8"))
    generate(tmp_path, manifest["workers"], manifest["months"], manifest["seed"])
    fresh, committed = _files(tmp_path), _files(SAMPLE)
    assert sorted(fresh) == sorted(committed)
    assert [name for name in fresh if fresh[name] != committed[name]] == []


def test_manifest_describes_the_window() -> None:
    manifest = json.loads((SAMPLE / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["periods"] == ["2026-08", "2026-09", "2026-10"]
    assert manifest["as_of"] == "2026-12-01"
    register = (SAMPLE / "inbox" / "projects" / "projects.csv").read_text(encoding="utf-8").splitlines()
    assert manifest["projects"] == len(register) - 1  # below the header


def test_truth_has_each_rule_and_only_judged_periods() -> None:
    truth = _truth(SAMPLE)
    periods = json.loads((SAMPLE / "manifest.json").read_text(encoding="utf-8"))["periods"]
    assert {row["rule"] for row in truth} == CATALOGUE
    assert {row["period"] for row in truth} <= {*periods, ""}  # the pending month adds nothing
    for row in truth:
        rule, period, id_number = row["rule"], row["period"], row["id_number"]
        if rule in NO_PERIOD_RULES:  # a shared card is either kind
            assert period == "", row
        elif rule != "SHARED_ACCOUNT":
            assert period != "", row
        if rule in ABOUT_NO_WORKER:  # a payment to nobody on the roster has an ID only if the bank gave one
            assert id_number == "", row
        elif rule != UNREGISTERED_PAYEE:
            assert id_number != "", row
    keys = [(r["project_id"], r["period"], r["id_number"]) for r in truth if r["rule"] in PAYMENT_RULES]
    assert len(keys) == len(set(keys))  # at most one payment flag per worker-period
    assert truth == sorted(truth, key=lambda row: tuple(row.values()))


def test_generator_knows_every_rule_of_the_catalogue() -> None:
    # which rules the catalogue holds is pinned against the contract in tests/judging/test_catalogue.py
    assert set(RULES) == CATALOGUE


def test_committed_sample_plants_every_rule_of_the_catalogue() -> None:
    assert {row["rule"] for row in _truth(SAMPLE)} == CATALOGUE


@pytest.mark.parametrize(("seed", "workers", "months"), SEEDS)
def test_every_generated_inbox_plants_every_rule_of_the_catalogue(
    tmp_path: Path, seed: int, workers: int, months: int
) -> None:
    generate(tmp_path, workers=workers, months=months, seed=seed)
    assert {row["rule"] for row in _truth(tmp_path)} == CATALOGUE


def _roster_rows(path: Path) -> list[dict[str, str]]:
    """A roster's data rows as the cells read back: header -> text (numbers as Excel stored them)."""
    if path.suffix == ".xlsx":
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    else:
        with path.open(encoding="gb18030", newline="") as handle:
            rows = list(csv.reader(handle))
    header = next(index for index, row in enumerate(rows) if "身份证号" in row)
    return [dict(zip(rows[header], row, strict=True)) for row in rows[header + 1 :]]


def _sample_roster() -> list[dict[str, str]]:
    return [row for path in sorted((SAMPLE / "inbox" / "rosters").iterdir()) for row in _roster_rows(path)]


def _attendance(root: Path) -> list[tuple[str, str, str, int]]:
    """(project_id, id_number, period YYYYMM, days) of every attendance row."""
    rows = []
    for path in sorted((root / "inbox" / "attendance").iterdir()):
        with path.open(encoding="gb18030", newline="") as handle:
            rows += [(p, i, path.stem[-6:], int(days)) for p, i, _, days in list(csv.reader(handle))[1:]]
    return rows


def test_roster_ids_are_text_and_only_the_planted_ones_fail_gb11643() -> None:
    roster = _sample_roster()
    ids = [row["身份证号"] for row in roster]
    with (SAMPLE / "inbox" / "projects" / "projects.csv").open(encoding="utf-8") as handle:
        sites = {row["project_id"] for row in csv.DictReader(handle) if row["contractor_name"] in CASES}
    on_projects = [row for row in roster if row["项目编号"] not in sites]  # the cases' sites come on top
    assert len(on_projects) == json.loads((SAMPLE / "manifest.json").read_text(encoding="utf-8"))["workers"]
    assert all(isinstance(i, str) for i in ids)  # an ID cell stored as a number would have lost digits
    invalid = {(row["项目编号"], row["身份证号"]) for row in roster if not is_valid_id(row["身份证号"])}
    planted = {(r["project_id"], r["id_number"]) for r in _truth(SAMPLE) if r["rule"] == INVALID_ID_NUMBER}
    assert invalid == planted
    assert any(i.endswith("X") for i in ids)
    assert len(set(ids)) == len(ids) - 2  # one person on two projects, twice: concurrent and its near miss


def test_sample_plants_the_near_misses_that_must_not_be_flagged() -> None:
    roster, truth = _sample_roster(), _truth(SAMPLE)
    flagged = {(r["project_id"], r["id_number"]) for r in truth if r["period"] == ""}

    def unflagged(row: dict[str, str]) -> bool:
        return (row["项目编号"], row["身份证号"]) not in flagged

    blank_contract = [row for row in roster if not row["是否签订劳动合同"]]
    assert blank_contract and all(map(unflagged, blank_contract))

    def age(row: dict[str, str]) -> int:
        born = date(int(row["身份证号"][6:10]), int(row["身份证号"][10:12]), int(row["身份证号"][12:14]))
        entry = date(*map(int, str(row["进场日期"]).replace("/", "-").split("-")))
        return age_on(born, entry)

    valid = [row for row in roster if is_valid_id(row["身份证号"])]
    for years, sex in ((16, None), (60, 1), (50, 0)):  # at the limit: not beyond it
        at_limit = [r for r in valid if age(r) == years and sex in (None, int(r["身份证号"][16]) % 2)]
        assert at_limit and all(map(unflagged, at_limit)), years

    at_minimum = [r for r in roster if Decimal(str(r["工资标准"])) == minimum_wage(r["项目编号"][1:7])]
    assert at_minimum and all(map(unflagged, at_minimum))

    attendance = _attendance(SAMPLE)
    on_roster = {(row["项目编号"], row["身份证号"]) for row in roster}
    assert any(days == 0 and (p, i) not in on_roster for p, i, _, days in attendance)
    totals = Counter()
    for _, id_number, period, days in attendance:
        totals[id_number, period] += days
    month_days = {"202608": 31, "202609": 30, "202610": 31}
    assert any(total == month_days[period] for (_, period), total in totals.items())

    bank = "".join(path.read_text(encoding="utf-8") for path in _pipe_exports())
    assert "|50000.00|" in bank or "|50,000.00|" in bank


def test_minimum_wage_by_the_longest_region_prefix() -> None:
    assert minimum_wage("360802") == Decimal(1730)  # Ji'an: Jizhou
    assert minimum_wage("360821") == Decimal(1610)  # Jiangxi, tier 3
    assert minimum_wage("110101") is None  # no prefix: not judged


def test_lowest_daily_rate_at_the_minimum_wage() -> None:
    assert lowest_daily_rate_at(Decimal(1730)) == Decimal("79.55")  # 79.54 x 21.75 = 1,729.995
    assert lowest_daily_rate_at(Decimal("1740")) == Decimal("80.00")  # exactly 1,740


def test_age_in_whole_years_on_the_entry_date() -> None:
    assert age_on(date(2010, 8, 1), date(2026, 8, 1)) == 16
    assert age_on(date(2010, 8, 2), date(2026, 8, 1)) == 15


def _pipe_exports() -> list[Path]:
    """The sample's pipe-separated exports; the others are in banks' own layouts (bank_formats.py)."""
    return sorted((SAMPLE / "inbox" / "bank").glob("bank_*.txt"))


def test_bank_files_have_title_header_and_total() -> None:
    files = _pipe_exports()
    assert files
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].endswith("代发工资明细") and "|" not in lines[0], path.name
        assert lines[1].startswith("付款账号|"), path.name
        assert lines[-1].startswith("合计|"), path.name


def test_check_character() -> None:
    assert id_check_char("11010519491231002") == "X"
    assert is_valid_id("11010519491231002X")
    assert not is_valid_id("110105194912310021")  # wrong check character
    assert not is_valid_id("110105194902300024")  # 30 February


@pytest.mark.parametrize(
    ("expected", "by_due", "paid", "rule"),
    [
        ("5000.00", "5000.00", "5000.00", None),
        ("5000.00", "4975.00", "4975.00", None),  # 0.5 % short: forgiven
        ("5000.00", "4950.00", "4950.00", PARTIAL),  # exactly 1 % short: not strictly below
        ("5000.00", "0", "0", MISSED),
        ("5000.00", "0", "5000.00", LATE),
        ("5000.00", "3000.00", "5000.00", LATE),
        ("5000.00", "0", "3000.00", PARTIAL),  # short and late: one flag, the partial
        (None, "0", "0", MISSED),  # unknown amount: only "nothing at all" is a shortfall
        (None, "0", "100.00", LATE),
        (None, "100.00", "100.00", None),
    ],
)
def test_judge_worker(expected: str | None, by_due: str, paid: str, rule: str | None) -> None:
    amount = None if expected is None else Decimal(expected)
    assert judge_worker(amount, Decimal(by_due), Decimal(paid)) == rule


def test_sample_has_a_batch_file_in_each_banks_own_layout_and_one_whose_totals_disagree() -> None:
    names = [path.name for path in (SAMPLE / "inbox" / "bank").iterdir()]
    layouts = {name.split("_")[0] for name in names} - {"bank"}
    assert layouts == {"icbc", "ccb", "abc", "boc", "bocom", "cmb"}
    assert {name.rsplit(".", 1)[1] for name in names if name.startswith("boc_")} == {"xml", "plz"}
    bocom = next((SAMPLE / "inbox" / "bank").glob("bocom_*.txt")).read_bytes()
    assert bocom.startswith(codecs.BOM_UTF16_LE)
    boc = next((SAMPLE / "inbox" / "bank").glob("boc_*")).read_bytes()
    assert boc.startswith(b'<?xml version="1.0" encoding="GBK"?>')


def test_findings_in_every_project_plant_a_red_payment_flag_in_every_project_and_month(tmp_path):
    manifest = generate(tmp_path, workers=300, months=2, seed=5, findings_in_every_project=True)
    with (tmp_path / "truth.csv").open(encoding="utf-8") as handle:
        truth = list(csv.DictReader(handle))
    red_rules = (MISSED, PARTIAL, NO_PAYROLL)
    red = {(row["project_id"], row["period"]) for row in truth if row["rule"] in red_rules}
    projects = {row["project_id"] for row in truth}
    assert len(projects) == manifest["projects"]
    assert red == {(project, period) for project in projects for period in manifest["periods"]}


def test_an_inbox_across_provinces_has_a_worker_on_two_sites_in_two_provinces_in_one_month(tmp_path):
    manifest = generate(tmp_path, workers=150, months=2, provinces=3)
    concurrent: dict[tuple[str, str], set[str]] = {}
    for row in _truth(tmp_path):
        if row["rule"] == "CONCURRENT_PROJECTS":
            concurrent.setdefault((row["id_number"], row["period"]), set()).add(row["project_id"][1:3])
    with (tmp_path / "inbox" / "projects" / "projects.csv").open(encoding="utf-8") as handle:
        provinces = {row["region_code"][:2] for row in csv.DictReader(handle)}
    assert manifest["provinces"] == 3 and len(provinces) == 3
    assert any(len(found) == 2 for found in concurrent.values())


def test_provinces_are_from_one_to_six(tmp_path):
    with pytest.raises(ValueError, match="provinces must be from 1 to 6"):
        generate(tmp_path, workers=30, months=1, provinces=7)
