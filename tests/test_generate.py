"""The synthetic inbox generator: deterministic, reproducible sample, truth that covers the four rules."""

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from wagewatch.generate import (
    LATE,
    MISSED,
    NO_PAYROLL,
    PARTIAL,
    generate,
    id_check_char,
    is_valid_id,
    judge_worker,
)

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
SMALL = {"workers": 60, "months": 3}


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
    assert manifest["projects"] == len(list((SAMPLE / "inbox" / "rosters").iterdir()))


def test_truth_has_each_rule_and_only_judged_periods() -> None:
    truth = _truth(SAMPLE)
    periods = json.loads((SAMPLE / "manifest.json").read_text(encoding="utf-8"))["periods"]
    assert {row["rule"] for row in truth} == {MISSED, PARTIAL, LATE, NO_PAYROLL}
    assert {row["period"] for row in truth} <= set(periods)  # the pending month adds nothing
    assert all((row["id_number"] == "") == (row["rule"] == NO_PAYROLL) for row in truth)
    keys = [(row["project_id"], row["period"], row["id_number"]) for row in truth if row["id_number"]]
    assert len(keys) == len(set(keys))  # at most one payment flag per worker-period
    assert truth == sorted(truth, key=lambda row: tuple(row.values()))


def _roster_ids(path: Path) -> list[str]:
    if path.suffix == ".xlsx":
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    else:
        with path.open(encoding="gb18030", newline="") as handle:
            rows = list(csv.reader(handle))
    header = next(index for index, row in enumerate(rows) if "身份证号" in row)
    column = rows[header].index("身份证号")
    return [row[column] for row in rows[header + 1 :]]


def test_every_roster_id_passes_gb11643() -> None:
    rosters = sorted((SAMPLE / "inbox" / "rosters").iterdir())
    ids = [id_number for path in rosters for id_number in _roster_ids(path)]
    assert len(ids) == json.loads((SAMPLE / "manifest.json").read_text(encoding="utf-8"))["workers"]
    assert all(isinstance(i, str) for i in ids)  # an ID cell stored as a number would have lost digits
    assert [i for i in ids if not is_valid_id(i)] == []
    assert any(i.endswith("X") for i in ids)
    assert len(set(ids)) == len(ids)


def test_bank_files_have_title_header_and_total() -> None:
    files = sorted((SAMPLE / "inbox" / "bank").iterdir())
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
