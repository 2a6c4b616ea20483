"""Writing the inbox: projects CSV, rosters (XLSX and GB18030 CSV), attendance, bank text files,
the truth files (`truth.csv`, `truth_complaints.csv`, `truth_ageing.csv`, `truth_blacklist.csv`) and
`manifest.json`, into fresh folders."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from wagewatch.synthetic.ageing_oracle import AgeingRow
from wagewatch.synthetic.bank_formats import write_format_file
from wagewatch.synthetic.blacklist_oracle import Candidate
from wagewatch.synthetic.periods import slashed_date
from wagewatch.synthetic.records import Attendance, BankFile, Flag, Project, Worker
from wagewatch.synthetic.xlsx import Rows, write_workbook

ATTENDANCE_PERIOD_FORMATS = (
    lambda y, m: f"{y}-{m:02d}",
    lambda y, m: f"{y}{m:02d}",
    lambda y, m: f"{y}年{m}月",
)
PROJECT_COLUMNS = (
    "project_id",
    "project_name",
    "region_code",
    "contractor_name",
    "contractor_credit_code",
    "wage_account",
    "pay_day",
    "sector",
    "start_date",
    "end_date",
    "contract_amount",
)
ROSTER_HEADERS = (
    "项目编号",
    "姓名",
    "身份证号",
    "班组",
    "分包单位",
    "工种",
    "工资卡号",
    "开户行",
    "计薪方式",
    "工资标准",
    "进场日期",
    "退场日期",
    "是否签订劳动合同",
    "手机号",
)
ROSTER_TEXT_COLUMNS = frozenset({"身份证号", "工资卡号", "手机号"})
ROSTER_SHEET = "花名册"
ROSTER_TITLE_ROWS = 2  # the title and a blank row above the header
ATTENDANCE_HEADERS = ("项目编号", "身份证号", "月份", "出勤天数")
GB18030 = "gb18030"
CRLF = "\r\n"


def _write_bank(path: Path, bank_file: BankFile) -> None:
    if bank_file.writer != "pipe":  # a bank's own layout
        write_format_file(path, bank_file)
        return
    lines = [bank_file.title, *("|".join(cells) for cells in bank_file.table)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_csv(
    path: Path, rows: Iterable[Iterable[object]], encoding: str = "utf-8", newline: str = "\n"
) -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, lineterminator=newline).writerows(rows)


def _write_projects(path: Path, projects: list[Project]) -> None:
    rows = [
        (
            p.project_id,
            p.name,
            p.region_code,
            p.contractor,
            p.credit_code,
            p.wage_account,
            p.pay_day,
            p.sector,
            p.start_date.isoformat(),
            p.end_date.isoformat(),
            "" if p.contract_amount is None else p.contract_amount,
        )
        for p in projects
    ]
    _write_csv(path, [PROJECT_COLUMNS, *rows])


def _roster_row(worker: Worker, show_date: Callable[[date], str]) -> list[object]:
    return [
        worker.project_id,
        worker.name,
        worker.id_number,
        worker.team,
        worker.subcontractor,
        worker.trade,
        worker.bank_account,
        worker.bank_name,
        worker.wage_type,
        worker.wage_rate,
        show_date(worker.entry_date),
        show_date(worker.exit_date) if worker.exit_date else "",
        worker.contract,
        worker.phone,
    ]


def _write_roster_xlsx(path: Path, project: Project, created: datetime) -> None:
    """A site's Excel roster: title, blank row, header; IDs, cards and phones as text, wages as numbers."""
    rows: Rows = [(0, [f"{project.name}实名制花名册"]), (ROSTER_TITLE_ROWS, list(ROSTER_HEADERS))]
    for offset, worker in enumerate(project.workers, start=ROSTER_TITLE_ROWS + 1):
        cells = zip(ROSTER_HEADERS, _roster_row(worker, slashed_date), strict=True)
        rows.append(
            (
                offset,
                [
                    float(value)
                    if isinstance(value, Decimal) and header not in ROSTER_TEXT_COLUMNS
                    else str(value)
                    for header, value in cells
                ],
            )
        )
    write_workbook(path, ROSTER_SHEET, created, rows)


def _write_roster_csv(path: Path, project: Project) -> None:
    rows = [_roster_row(worker, date.isoformat) for worker in project.workers]
    _write_csv(path, [ROSTER_HEADERS, *rows], encoding=GB18030, newline=CRLF)


def _write_attendance(
    path: Path, period: str, number: int, projects: list[Project], attendance: Attendance
) -> None:
    show = ATTENDANCE_PERIOD_FORMATS[number % len(ATTENDANCE_PERIOD_FORMATS)]
    shown = show(int(period[:4]), int(period[5:7]))
    rows = [
        (project.project_id, id_number, shown, days)
        for project in projects
        for id_number, days in attendance.get((project.project_id, period), {}).items()
    ]
    _write_csv(path, [ATTENDANCE_HEADERS, *rows], encoding=GB18030, newline=CRLF)


def write_truth(path: Path, flags: list[Flag]) -> None:
    _write_csv(path, [("project_id", "period", "rule", "id_number"), *flags])


def write_complaint_truth(path: Path, verdicts: dict[str, str]) -> None:
    """Each current complaint's verdict (docs/contract.md section 3.6), as the complaint oracle finds it."""
    _write_csv(path, [("complaint_id", "verdict"), *sorted(verdicts.items())])


AGEING_TRUTH_COLUMNS = ("project_id", "id_number", "owed_amount", "oldest_due_date", "days_overdue", "stage")
BLACKLIST_TRUTH_COLUMNS = (
    "contractor_credit_code",
    "contractor_name",
    "region_prefix",
    "judged_on",
    "owed_amount",
    "workers_owed",
    "oldest_due_date",
    "days_overdue",
    "candidate_since_date",
    "term_end_date",
    "paid_in_full_date",
    "early_removal_date",
    "project_ids",
    "new_project_ids",
    "flags_count",
)
LIST_SEPARATOR = ";"  # project_ids and new_project_ids in one cell


def write_ageing_truth(path: Path, rows: list[AgeingRow]) -> None:
    """Every worker still owed and every project with one (no ID), as the ageing oracle ages them."""
    cells = [(p, i, f"{owed:.2f}", due.isoformat(), days, stage) for p, i, owed, due, days, stage in rows]
    _write_csv(path, [AGEING_TRUTH_COLUMNS, *cells])


def _day(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def write_blacklist_truth(path: Path, candidates: list[Candidate]) -> None:
    """Every blacklist candidate, now or before it paid in full, as the blacklist oracle finds it."""
    rows = [
        (
            c.credit_code,
            c.name,
            c.region_prefix,
            c.judged_on.isoformat(),
            f"{c.owed_amount:.2f}",
            c.workers_owed,
            c.oldest_due_date.isoformat(),
            c.days_overdue,
            c.candidate_since_date.isoformat(),
            c.term_end_date.isoformat(),
            _day(c.paid_in_full_date),
            _day(c.early_removal_date),
            LIST_SEPARATOR.join(c.project_ids),
            LIST_SEPARATOR.join(c.new_project_ids),
            c.flags_count,
        )
        for c in candidates
    ]
    _write_csv(path, [BLACKLIST_TRUTH_COLUMNS, *rows])


def write_manifest(path: Path, manifest: dict) -> None:
    text = json.dumps(manifest, sort_keys=True, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")


def inbox_folders(out: Path) -> dict[str, Path]:
    """The inbox's kind folders, created empty; refuses a used folder so no stale file slips in."""
    kinds = ("projects", "rosters", "attendance", "bank", "accounts", "complaints", "deposits")
    folders = {kind: out / "inbox" / kind for kind in kinds}
    for folder in folders.values():
        if folder.exists() and any(folder.iterdir()):
            raise FileExistsError(f"{folder} is not empty: generate into a fresh folder")
        folder.mkdir(parents=True, exist_ok=True)
    return folders


def write_inbox(
    folders: dict[str, Path],
    projects: list[Project],
    periods: list[str],
    attendance: Attendance,
    bank: list[BankFile],
    as_of: date,
) -> None:
    """Every inbox file, in a fixed order: projects, rosters (odd projects XLSX, even ones CSV; none for
    a project without workers), attendance by period, bank files."""
    _write_projects(folders["projects"] / "projects.csv", projects)
    created = datetime.combine(as_of, datetime.min.time())
    for project in (project for project in projects if project.workers):  # a new site has no roster yet
        stem = folders["rosters"] / f"roster_{project.project_id}"
        if project.number % 2:
            _write_roster_xlsx(stem.with_suffix(".xlsx"), project, created)
        else:
            _write_roster_csv(stem.with_suffix(".csv"), project)
    for number, period in enumerate(periods):
        _write_attendance(
            folders["attendance"] / f"attendance_{period.replace('-', '')}.csv",
            period,
            number,
            projects,
            attendance,
        )
    for bank_file in bank:
        _write_bank(folders["bank"] / bank_file.name, bank_file)
