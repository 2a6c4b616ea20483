"""The contract lives in the repository (docs/contract.md): nothing points at a file outside it, and
every "docs/contract.md section N" cited anywhere names a section the contract has."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "docs" / "contract.md"
THIS_FILE = Path(__file__).resolve()  # it names what it looks for
# the sections other files cite by number: their numbers and names must stay
KEPT_SECTIONS = {
    "1": "Inbox",
    "2": "How a worker-month is judged",
    "3": "Flags",
    "4": "Warehouse",
    "5": "Personal data",
    "6": "Command line and configuration",
}
# the old contract outside the repository, by name, and the places outside the repository it lived
OUTSIDE = re.compile(r"CONTRACT\.md|\bCONTRACT sections?\b|(?<![\w.])/work/|\bshared/\w+\.md")
PARENT_PATH = re.compile(r"(?:\.\./)+[^\s\"'`)\]>]*")
HEADING = re.compile(r"^#{2,4}\s+(\d+(?:\.\d+)*)\.?\s+(.*)$", re.MULTILINE)
NUMBER = r"\d+(?:\.\d+)*"
CITATION = re.compile(
    rf"docs/contract\.md[`)\]]*,?\s+sections?\s+({NUMBER}(?:\s*(?:,|and|to|-|–)\s*{NUMBER})*)"
)
SELF_CITATION = re.compile(rf"\bsections?\s+({NUMBER}(?:\s*(?:,|and|to|-|–)\s*{NUMBER})*)")


def tracked_files() -> list[Path]:
    """The repository's files: git's list in a checkout, else every file outside hidden and venv folders."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True
        ).stdout
        files = [ROOT / name for name in listed.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        files = [
            p
            for p in ROOT.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(ROOT).parts)
        ]
    return [path for path in files if path.is_file()]


def text_of(path: Path) -> str | None:
    data = path.read_bytes()
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def texts() -> dict[Path, str]:
    return {path: text for path in tracked_files() if (text := text_of(path)) is not None}


def outside_references(path: Path, text: str) -> list[str]:
    """What a file says that points outside the repository: the old contract, or a ../ path that
    leaves the repository when followed from the file's folder."""
    found = [match.group(0) for match in OUTSIDE.finditer(text)]
    for match in PARENT_PATH.finditer(text):
        target = (path.parent / match.group(0)).resolve()
        if not target.is_relative_to(ROOT):
            found.append(match.group(0))
    return found


def section_numbers(cited: str) -> list[str]:
    """'2' -> [2]; '2, 4' and '2 and 4' -> [2, 4]; '1-3' and '1 to 3' -> [1, 2, 3]."""
    numbers: list[str] = []
    for part in re.split(r"\s*(?:,|and)\s*", cited):
        ends = re.split(r"\s*(?:to|-|–)\s*", part)
        if len(ends) == 2 and ends[0].isdigit() and ends[1].isdigit():
            numbers += [str(n) for n in range(int(ends[0]), int(ends[1]) + 1)]
        else:
            numbers += [end for end in ends if end]
    return numbers


def sections(contract_text: str) -> dict[str, str]:
    """Every numbered heading of the contract: number -> title."""
    return {number: title.strip() for number, title in HEADING.findall(contract_text)}


def missing_sections(text: str, known: dict[str, str], pattern: re.Pattern = CITATION) -> list[str]:
    return [
        number
        for match in pattern.finditer(text)
        for number in section_numbers(match.group(1))
        if number not in known
    ]


def test_no_tracked_file_points_outside_the_repository():
    found = {
        str(path.relative_to(ROOT)): refs
        for path, text in texts().items()
        if path != THIS_FILE and (refs := outside_references(path, text))
    }
    assert found == {}


def test_every_cited_section_of_the_contract_exists():
    known = sections(CONTRACT.read_text(encoding="utf-8"))
    missing = {
        str(path.relative_to(ROOT)): numbers
        for path, text in texts().items()
        if (numbers := missing_sections(text, known))
    }
    assert missing == {}


def test_the_contract_cites_only_its_own_sections():
    text = CONTRACT.read_text(encoding="utf-8")
    assert missing_sections(text, sections(text), SELF_CITATION) == []


def test_the_sections_others_cite_keep_their_numbers_and_names():
    known = sections(CONTRACT.read_text(encoding="utf-8"))
    assert {
        number: known.get(number, "")[: len(name)] for number, name in KEPT_SECTIONS.items()
    } == KEPT_SECTIONS


def test_the_checks_catch_what_they_are_for():
    known = {"1": "Inbox", "2": "Judged", "2.5": "Payments", "3": "Flags"}
    assert missing_sections("see docs/contract.md section 2.5 and docs/contract.md section 7", known) == ["7"]
    assert missing_sections("(docs/contract.md sections 1-4)", known) == ["4"]
    assert missing_sections("(docs/contract.md sections 2, 3 and 9)", known) == ["9"]
    assert missing_sections("[`docs/contract.md`](docs/contract.md), sections 1 to 3", known) == []
    assert section_numbers("2 and 3") == ["2", "3"]
    assert outside_references(ROOT / "README.md", "(CONTRACT section 6)") == ["CONTRACT section"]
    assert outside_references(ROOT / "README.md", "see CONTRACT.md") == ["CONTRACT.md"]
    assert outside_references(ROOT / "wagewatch" / "gx.py", "(see ../shared/STACK.md)") != []
    assert outside_references(ROOT / "wagewatch" / "templates" / "p.j2", 'href="../index.html"') == []
    assert outside_references(ROOT / "README.md", "see ../notes/plan.txt") == ["../notes/plan.txt"]
    assert outside_references(ROOT / "wagewatch" / "cli.py", "docs/contract.md section 2") == []
