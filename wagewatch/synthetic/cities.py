"""A province's inbox as several cities, so that one machine can make an inbox larger than the
generator holds in memory at once (1,000,000 workers × 12 months: about 25M rows).

`generate` holds a whole inbox in memory until it is written (about 2 KB a worker-month). Here each
city is made by `generate` on its own, one after the other, with its own seed and its projects
numbered after the previous city's (so project IDs, names and file names never repeat), then its kind
folders are moved into the province's inbox as sub-folders (`inbox/bank/city02/...`, which intake
reads as bank files: docs/contract.md section 1.1). Memory is one city's, time the sum of the cities'.

Each city keeps its own truth (`cities/cityNN/truth.csv`); there is no truth for the province: the
cities draw their identities independently, so an ID may now and then be drawn in two cities (a
worker on two projects, as the pipeline rightly finds) that neither city's truth knows about.
"""

from __future__ import annotations

from pathlib import Path

from wagewatch.synthetic.files import write_manifest
from wagewatch.synthetic.generator import DEFAULT_SEED, generate

CITIES_FOLDER = "cities"


def generate_cities(
    out: Path,
    workers: int,
    months: int,
    cities: int,
    seed: int = DEFAULT_SEED,
    *,
    findings_in_every_project: bool = False,
    provinces: int = 1,
) -> dict:
    """Write `cities` cities' inboxes (the workers shared evenly, city k seeded `seed + k`) into one
    inbox under `out/inbox`, and `out/manifest.json`; return the province's manifest."""
    if not 1 <= cities <= workers:
        raise ValueError("cities must be from 1 to the number of workers")
    out = Path(out)
    if (out / "inbox").exists() and any((out / "inbox").iterdir()):
        raise FileExistsError(f"{out / 'inbox'} is not empty: generate into a fresh folder")
    base, extra = divmod(workers, cities)
    manifests: list[dict] = []
    first_project = 1
    for index in range(cities):
        name = f"city{index + 1:02d}"
        city = out / CITIES_FOLDER / name
        manifest = generate(
            city,
            workers=base + (1 if index < extra else 0),
            months=months,
            seed=seed + index,
            findings_in_every_project=findings_in_every_project,
            provinces=provinces,
            first_project=first_project,
        )
        first_project += manifest["projects"]
        for kind in sorted((city / "inbox").iterdir()):
            target = out / "inbox" / kind.name / name
            target.parent.mkdir(parents=True, exist_ok=True)
            kind.rename(target)
        (city / "inbox").rmdir()
        manifests.append(manifest)
    province = {
        **manifests[0],
        "workers": workers,
        "projects": sum(manifest["projects"] for manifest in manifests),
        "cities": cities,
    }
    province.pop("first_project", None)
    write_manifest(out / "manifest.json", province)
    return province
