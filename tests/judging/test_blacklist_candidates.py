"""Blacklist candidates (docs/contract.md section 4.3): a contractor whose arrears meet the listing
conditions of [blacklist] (owed amount and workers owed at least the region's bounds, the oldest unpaid
wage at least min_days_overdue old, still unpaid rectification_days after the first flag), for an
inspector's decision; a former candidate that has since paid in full, with its early removal date.

The scene: project P360802-0001 (Ji'an: bound "36", 5,000 and 1 worker) of 某某建设集团有限公司 pays on
the 15th: August's wages are due 2026-09-15, flagged from 2026-09-16; 61 days on is 2026-11-15.
张三 earns 5,000 a month and worked August; nothing was paid.
"""

from datetime import date
from decimal import Decimal

import pytest

from tests.helpers.inbox_builder import CREDIT_CODE, PROJECT
from wagewatch.settings import Config

SINCE = date(2026, 11, 15)  # 2026-09-15 + 61 days


def _unpaid_august(inbox, rate: str = "5000", start: str = "2026-08-01"):
    inbox.project().contracted(amount="", start=start)
    inbox.worker("张三", rate=rate, exit="2026-08-31").worked("张三", "2026-08", "22")
    return inbox


def candidates(store) -> list[tuple]:
    return store.query(
        "select contractor_credit_code, owed_amount, workers_owed, oldest_due_date, candidate_since_date, "
        "is_paid_in_full from blacklist_candidates"
    )


@pytest.mark.parametrize(("as_of", "listed"), [(date(2026, 11, 14), False), (SINCE, True)])
def test_arrears_become_a_candidate_the_day_the_oldest_wage_is_min_days_overdue(inbox, run, as_of, listed):
    result = run(_unpaid_august(inbox), as_of)
    wanted = [(CREDIT_CODE, Decimal("5000.00"), 1, date(2026, 9, 15), SINCE, False)]
    assert candidates(result) == (wanted if listed else [])


def test_arrears_a_fen_below_the_regions_amount_are_no_candidate(inbox, run):
    result = run(_unpaid_august(inbox, rate="4999.99"), date(2027, 1, 1))
    assert candidates(result) == []


def test_a_candidate_names_its_projects_flags_and_the_term_it_would_serve(inbox, run):
    result = run(_unpaid_august(inbox), date(2027, 1, 1))
    row = result.query(
        "select project_ids, len(flag_ids), first_flagged_date, rectification_due_date, term_end_date, "
        "days_overdue, early_removal_date from blacklist_candidates"
    )[0]
    # the flags behind it: 张三's MISSED_PAYMENT and the project's NO_PAYROLL for August
    assert row == ([PROJECT], 2, date(2026, 9, 16), date(2026, 10, 16), date(2029, 11, 15), 108, None)


@pytest.mark.parametrize(("as_of", "listed"), [(date(2026, 10, 31), 0), (date(2026, 11, 1), 1)])
def test_still_unpaid_rectification_days_after_the_first_flag_is_a_candidate(
    inbox, run, tmp_path, as_of, listed
):
    config = tmp_path / "wagewatch.toml"
    config.write_text("[blacklist]\nmin_days_overdue = 10\nrectification_days = 45\n", encoding="utf-8")
    # flagged 2026-09-16, the limit runs to 2026-10-31: a candidate from 2026-11-01
    assert len(candidates(run(_unpaid_august(inbox), as_of, config=Config.load(config)))) == listed


def test_a_project_the_candidate_starts_after_it_became_one_is_listed_with_it(inbox, run):
    inbox = _unpaid_august(inbox)
    inbox.project("P360802-0002", wage_account="6222000011112222444").contracted(
        "P360802-0002", amount="", start="2026-11-20"
    )
    inbox.project("P360802-0003", wage_account="6222000011112222555").contracted(
        "P360802-0003", amount="", start="2026-11-14"
    )
    result = run(inbox, date(2027, 1, 1))
    assert result.query("select new_project_ids from blacklist_candidates") == [(["P360802-0002"],)]


def test_a_candidate_that_paid_in_full_may_ask_for_removal_six_months_on(inbox, run):
    inbox = _unpaid_august(inbox).paid("张三", "5000.00", "2027-01-10", period="2026-08")
    result = run(inbox, date(2027, 2, 1))
    assert result.query(
        "select is_paid_in_full, paid_in_full_date, early_removal_date, owed_amount, candidate_since_date, "
        "term_end_date from blacklist_candidates"
    ) == [(True, date(2027, 1, 10), date(2027, 7, 10), Decimal("5000.00"), SINCE, date(2029, 11, 15))]


def test_arrears_paid_before_they_met_the_conditions_leave_no_candidate(inbox, run):
    inbox = _unpaid_august(inbox).paid("张三", "5000.00", "2026-11-15", period="2026-08")
    # the day before, 2026-11-14, the oldest wage was 60 days overdue
    assert candidates(run(inbox, date(2027, 2, 1))) == []


def test_contractors_are_told_by_credit_code_else_by_name(inbox, run):
    inbox = _unpaid_august(inbox)
    inbox.project("P360802-0002", wage_account="6222000011112222444").contracted(
        "P360802-0002", amount="", start="2026-08-01", credit_code="", contractor="无代码建筑有限公司"
    )
    inbox.worker("李四", exit="2026-08-31", project_id="P360802-0002").worked(
        "李四", "2026-08", "22", project_id="P360802-0002"
    )
    result = run(inbox, date(2027, 1, 1))
    assert result.query(
        "select contractor_credit_code, contractor_name, project_ids from blacklist_candidates order by all"
    ) == [
        (CREDIT_CODE, "某某建设集团有限公司", [PROJECT]),
        (None, "无代码建筑有限公司", ["P360802-0002"]),
    ]


@pytest.mark.parametrize(
    ("bounds", "listed"),
    [
        ('"36" = { owed_amount = 5000, workers_owed = 2 }', False),  # one worker owed, two needed
        (
            '"3608" = { owed_amount = 5000, workers_owed = 1 }\n'
            '"36" = { owed_amount = 9000, workers_owed = 1 }',
            True,
        ),
        ('"11" = { owed_amount = 1, workers_owed = 1 }', False),  # no bound for Jiangxi: not judged
    ],
)
def test_the_bounds_are_the_regions_by_the_longest_prefix(inbox, run, tmp_path, bounds, listed):
    config = tmp_path / "wagewatch.toml"
    config.write_text(f"[blacklist.bounds]\n{bounds}\n", encoding="utf-8")
    result = run(_unpaid_august(inbox), date(2027, 1, 1), config=Config.load(config))
    assert bool(candidates(result)) == listed


@pytest.mark.parametrize(("september_paid_on", "listed"), [("2026-10-15", False), ("2026-11-26", True)])
def test_a_month_overpaid_pays_the_oldest_first_in_the_arrears_before_full_payment(
    inbox, run, september_paid_on, listed
):
    # August unpaid, September paid twice over, October paid late on 2026-11-25: owing nothing now.
    # September paid on its due date pays August, so on 2026-11-24 the oldest unpaid wage was October's
    # (due 2026-11-15, 9 days): never a candidate. Paid only after October's payment, it paid nothing
    # by then: August's wage was 70 days overdue on 2026-11-25, the day before it, a candidate.
    inbox.project().contracted(amount="", start="2026-08-01")
    inbox.worker("张三", rate="5000", exit="2026-10-31")
    for period in ("2026-08", "2026-09", "2026-10"):
        inbox.worked("张三", period, "22")
    inbox.paid("张三", "10000.00", september_paid_on, period="2026-09")
    inbox.paid("张三", "5000.00", "2026-11-25", period="2026-10")
    found = run(inbox, date(2027, 1, 1)).query(
        "select owed_amount, oldest_due_date, paid_in_full_date from blacklist_candidates"
    )
    wanted = [(Decimal("10000.00"), date(2026, 9, 15), date(2026, 11, 26))]
    assert found == (wanted if listed else [])
