"""The sample's wage account statements plant the four statement rules beside their near misses; the
pipeline finds exactly the truth (test_generated_truth.py), and here the near misses are shown to be
there, unflagged."""

from collections import Counter

from tests.conftest import SAMPLE

STATEMENT_FILES = sorted((SAMPLE / "inbox" / "accounts").iterdir())

# every LABOR_COST_NOT_FUNDED flag and the project-months it is about
UNFUNDED = "select project_id, period from flags where rule = 'LABOR_COST_NOT_FUNDED'"


def test_most_projects_send_statements_and_one_does_not(sample_run):
    sending = sample_run.query("select count(distinct project_id) from account_movements")[0][0]
    projects = sample_run.query("select count(*) from projects")[0][0]
    assert 0 < sending < projects
    assert {path.name.split("_")[1] for path in STATEMENT_FILES} == {
        project_id for (project_id,) in sample_run.query("select distinct project_id from account_movements")
    }


def test_funding_on_the_window_s_last_day_is_not_flagged(sample_run):
    on_last_day = sample_run.query(
        "select m.project_id, p.period from account_movements as m "
        "inner join project_periods as p on m.project_id = p.project_id and m.booked_date = p.due_date "
        "where m.direction = 'credit' and not m.is_roster_card "
        f"and (m.project_id, p.period) not in ({UNFUNDED})"
    )
    assert on_last_day


def test_a_refund_from_a_workers_card_alone_is_flagged_not_funded(sample_run):
    refunded = sample_run.query(
        "select f.project_id, f.period from flags as f, unnest(f.evidence) as e(item) "
        "inner join account_movements as m on m.source_file = e.item.source_file "
        "and m.row_number = e.item.row_number "
        "where f.rule = 'LABOR_COST_NOT_FUNDED' and m.direction = 'credit' and m.is_roster_card"
    )
    assert refunded


def test_two_unfunded_months_apart_are_not_repeated_but_two_in_a_row_are(sample_run):
    missed = {}
    for project_id, period in sample_run.query(UNFUNDED):
        missed.setdefault(project_id, []).append(int(period[5:]))
    repeated = {
        p
        for (p,) in sample_run.query("select project_id from flags where rule = 'FUNDING_REPEATEDLY_MISSED'")
    }
    apart = {p for p, months in missed.items() if len(months) == 2 and max(months) - min(months) > 1}
    in_a_row = {p for p, months in missed.items() if any(m + 1 in months for m in months)}
    assert apart and not apart & repeated
    assert in_a_row and in_a_row <= repeated


def test_a_bank_fee_at_the_bound_and_wages_to_registered_cards_are_not_misuse(sample_run):
    misused = (
        "select e.item.source_file, e.item.row_number from flags, unnest(evidence) as e(item) "
        "where rule = 'WAGE_ACCOUNT_MISUSE'"
    )
    fees = sample_run.query(
        "select count(*) from account_movements where debit_amount = 50 and memo = '账户管理费' "
        f"and (source_file, row_number) not in ({misused})"
    )
    wages = sample_run.query(
        f"select count(*) from account_movements where is_roster_card and direction = 'debit' "
        f"and (source_file, row_number) not in ({misused})"
    )
    assert fees[0][0] > 0 and wages[0][0] > 0
    assert sample_run.query("select count(*) from flags where rule = 'WAGE_ACCOUNT_MISUSE'")[0][0] > 0


def test_payroll_booked_as_lumps_is_wages_paid_but_a_lump_a_fen_off_is_misuse(sample_run):
    misused = (
        "select e.item.source_file, e.item.row_number from flags, unnest(evidence) as e(item) "
        "where rule = 'WAGE_ACCOUNT_MISUSE'"
    )
    lumps = sample_run.query(
        "select booked_date, is_payroll_batch, (source_file, row_number) in "
        f"({misused}) from account_movements where counterparty_name = '代发工资过渡户'"
    )
    two_on_one_day = Counter(day for day, is_batch, _ in lumps if is_batch)
    assert sum(is_batch for _, is_batch, _ in lumps) > 1 and max(two_on_one_day.values()) == 2
    assert [flagged for _, is_batch, flagged in lumps if is_batch] == [False] * sum(two_on_one_day.values())
    assert [(is_batch, flagged) for _, is_batch, flagged in lumps if not is_batch] == [(False, True)]
