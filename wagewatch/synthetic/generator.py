"""`generate`: one seed's synthetic inbox, made step by step, written, and judged into its truth.

Same arguments, same bytes: all randomness comes from one `random.Random(seed)`, drawn in a fixed
order in one process, and nothing reads the clock. Once the bank files are made, the inbox's files are
written in a forked process (alongside.py) while the statements are made, and those in another while
the oracle judges: each file's bytes are fixed before any process writes it.

The truth beside the inbox, each file judged by the oracles from the files as written (docs/contract.md
section 6.2):
  truth.csv             project_id, period, rule, id_number: every flag (period or ID empty when none)
  truth_complaints.csv  complaint_id, verdict: every current complaint's verdict
  truth_ageing.csv      project_id, id_number, owed_amount, oldest_due_date, days_overdue, stage: every
                        worker still owed, and with id_number empty every project with one (section 4.2)
  truth_blacklist.csv   contractor_credit_code, contractor_name, region_prefix, judged_on, owed_amount,
                        workers_owed, oldest_due_date, days_overdue, candidate_since_date, term_end_date,
                        paid_in_full_date, early_removal_date, project_ids, new_project_ids (joined by
                        ";"), flags_count: every blacklist candidate, now or before it paid in full
                        (section 4.3)"""

from __future__ import annotations

import gc
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from wagewatch.synthetic.ageing_oracle import judge_ageing, ledgers
from wagewatch.synthetic.alongside import alongside
from wagewatch.synthetic.attendance import (
    make_attendance,
    plant_concurrent_days,
    plant_stray_attendance,
    silent_project_periods,
)
from wagewatch.synthetic.blacklist_oracle import judge_blacklist
from wagewatch.synthetic.complaint_oracle import judge_complaints
from wagewatch.synthetic.complaints import plant_complaints, write_complaints
from wagewatch.synthetic.deposit_oracle import judge_deposits
from wagewatch.synthetic.deposits import plant_deposits, share_credit_codes, write_deposits
from wagewatch.synthetic.enforcement_plants import plan_enforcement, staff_and_pay
from wagewatch.synthetic.files import (
    inbox_folders,
    write_ageing_truth,
    write_blacklist_truth,
    write_complaint_truth,
    write_inbox,
    write_manifest,
    write_truth,
)
from wagewatch.synthetic.identities import Registry
from wagewatch.synthetic.oracle import counted_payments, judge
from wagewatch.synthetic.payroll import bank_files, choose_no_payroll
from wagewatch.synthetic.periods import LAST_PERIOD, as_of_for, periods_ending, shift
from wagewatch.synthetic.roster_plants import plant_rosters
from wagewatch.synthetic.rosters import MOST_PROVINCES, make_projects, staff
from wagewatch.synthetic.settlement_oracle import judge_settlement
from wagewatch.synthetic.settlement_plants import choose_yearly_payees, plant_standard_change
from wagewatch.synthetic.statement_files import write_statements
from wagewatch.synthetic.statement_oracle import judge_statements
from wagewatch.synthetic.statements import statement_files

DEFAULT_SEED = 20260801
WORKERS_PER_PROJECT = 30


@contextmanager
def _without_cyclic_collection() -> Iterator[None]:
    """The inbox is millions of small records, none in a reference cycle, alive until it is written:
    the cyclic collector would walk them all again and again (a sixth of the time) and free nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def generate(
    out: Path,
    workers: int,
    months: int,
    seed: int = DEFAULT_SEED,
    *,
    findings_in_every_project: bool = False,
    provinces: int = 1,
    first_project: int = 1,
) -> dict:
    """Write a synthetic inbox under `out/inbox`, its truth files and `manifest.json`; return the manifest.
    `findings_in_every_project` plants a missed payment in every project and period that has none (a bad
    month, as reports at scale must handle) and leaves out the ageing and blacklist cases' sites
    (enforcement_plants.py); off, the default seed's bytes are the bundled sample's.
    `provinces` above 1 spreads the projects over that many provinces (Jiangxi first), with a worker on
    two projects in two provinces in one month (CONCURRENT_PROJECTS across partitions). Projects are
    numbered from `first_project`, so that several inboxes can be one province's cities (cities.py)."""
    if workers < 1 or months < 1:
        raise ValueError("workers and months must be at least 1")
    if not 1 <= provinces <= MOST_PROVINCES:
        raise ValueError(f"provinces must be from 1 to {MOST_PROVINCES}")
    with _without_cyclic_collection():
        return _generate(
            Path(out), workers, months, seed, findings_in_every_project, provinces, first_project
        )


def _generate(
    out: Path,
    workers: int,
    months: int,
    seed: int,
    findings_in_every_project: bool,
    provinces: int,
    first_project: int,
) -> dict:
    folders = inbox_folders(out)
    rng = random.Random(seed)
    periods = periods_ending(LAST_PERIOD, months)
    as_of = as_of_for(periods)
    registry = Registry()
    count = max(1, round(workers / WORKERS_PER_PROJECT))
    projects = make_projects(rng, count, periods, provinces, first_project)
    share_credit_codes(projects)
    # its own random source, like deposits; sites paid in full but for their case have no place in an
    # inbox where every project has findings in every month
    enforcement = plan_enforcement(seed, projects, periods, as_of, planted=not findings_in_every_project)
    everything = projects + enforcement.projects  # the plants below draw on `projects` alone
    deposits = plant_deposits(seed, everything, as_of)  # its own random source: the draws below stay
    staff(rng, projects, workers, periods, registry)
    concurrent = plant_rosters(rng, projects, periods, registry)
    plant_standard_change(rng, projects, periods)
    silent = silent_project_periods(rng, projects, periods)
    attendance = make_attendance(rng, projects, periods, silent)
    plant_concurrent_days(rng, concurrent, periods, attendance)
    plant_stray_attendance(rng, projects, periods, attendance, registry)
    no_payroll = choose_no_payroll(rng, projects, periods, silent)
    yearly = choose_yearly_payees(rng, projects, periods, no_payroll)
    bank = bank_files(
        rng,
        projects,
        periods,
        as_of,
        attendance,
        no_payroll,
        registry,
        every_project=findings_in_every_project,
        yearly=yearly,
    )
    sites_attendance, sites_bank = staff_and_pay(enforcement, periods, registry, as_of)
    attendance.update(sites_attendance)
    bank += sites_bank
    write_deposits(folders["deposits"], deposits)
    with alongside(write_inbox, folders, everything, periods, attendance, bank, as_of):
        payments = counted_payments(everything, bank, as_of)  # the bank files as the oracle reads them, once
        statements = statement_files(rng, projects, periods, as_of, attendance, payments)
        with alongside(write_statements, folders["accounts"], statements):
            # The month after the last period is judged too: it is pending, so it must add nothing.
            judged = [*periods, shift(periods[-1], 1)]
            flags = judge(everything, attendance, payments, judged, as_of)
            flags += judge_statements(everything, attendance, payments, statements, judged, as_of)
            flags += judge_settlement(everything, attendance, payments, as_of)
            complaints = plant_complaints(seed, projects, periods, as_of, flags, payments, registry)
            write_complaints(folders["complaints"], complaints, as_of)
            verdicts, raised = judge_complaints(complaints, everything, attendance, payments, flags, as_of)
            raised += judge_deposits(everything, deposits, as_of)
            truth = sorted(flags + raised)
            write_truth(out / "truth.csv", truth)
            write_complaint_truth(out / "truth_complaints.csv", verdicts)
            ledger = ledgers(everything, attendance, payments, as_of)
            write_ageing_truth(out / "truth_ageing.csv", judge_ageing(ledger, as_of))
            candidates = judge_blacklist(everything, ledger, payments, truth, as_of)
            write_blacklist_truth(out / "truth_blacklist.csv", candidates)
    manifest = {
        "seed": seed,
        "workers": workers,
        "months": months,
        "periods": periods,
        "as_of": as_of.isoformat(),
        "projects": len(everything),
    }
    if provinces > 1:  # the sample's manifest stays as it was
        manifest["provinces"] = provinces
    if first_project > 1:
        manifest["first_project"] = first_project
    write_manifest(out / "manifest.json", manifest)
    return manifest
