"""A province generated as cities (wagewatch/synthetic/cities.py), as the benchmark makes its 1M × 12
inbox: one inbox, each city's files in a sub-folder of each kind, no project ID twice."""

import csv
from pathlib import Path

from wagewatch.synthetic.cities import generate_cities

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
KINDS = {"projects", "rosters", "attendance", "bank", "accounts", "complaints", "deposits"}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _project_ids(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["project_id"] for row in csv.DictReader(handle)]


def test_a_province_of_two_cities_is_the_sample_then_a_city_numbered_after_it(tmp_path):
    manifest = generate_cities(tmp_path, workers=300, months=3, cities=2)

    inbox = tmp_path / "inbox"
    assert {p.name for p in inbox.iterdir()} == KINDS
    assert all(len(p.relative_to(inbox).parts) == 3 for p in inbox.rglob("*") if p.is_file())
    # the first city is the default seed's 150 workers: the committed sample, byte for byte
    first = {
        f"{kind}/{name}": data
        for path, data in _files(inbox).items()
        for kind, city, name in [path.split("/")]
        if city == "city01"
    }
    assert first == _files(SAMPLE / "inbox")
    ids = [_project_ids(inbox / "projects" / city / "projects.csv") for city in ("city01", "city02")]
    per_city = len(_project_ids(SAMPLE / "inbox" / "projects" / "projects.csv"))  # the enforcement sites too
    assert len(ids[0]) == len(ids[1]) == per_city
    assert not set(ids[0]) & set(ids[1])
    numbers = sorted(int(project_id[-4:]) for project_id in ids[1])
    assert numbers == list(range(per_city + 1, 2 * per_city + 1))  # numbered after the first city's
    assert (manifest["workers"], manifest["projects"], manifest["cities"]) == (300, 2 * per_city, 2)
    assert (tmp_path / "cities" / "city02" / "truth.csv").exists()
