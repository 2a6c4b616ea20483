"""The wage deposit rules (工资保证金), DEPOSIT_MISSING and DEPOSIT_SHORT, each planted in a tiny inbox's
register and deposits file, found exactly, with the near misses that must not be flagged
(docs/contract.md section 3.3).

The scene: project P360802-0001 (Jizhou, Ji'an: the "36" rate, 1 %) started on 2026-08-01 with a contract
of 5,000,000, so its deposit of 50,000.00 is due by 2026-08-31 (30 days on); the run is as of 2026-10-01.
No one is on its roster: only the deposit rules can fire.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers.inbox_builder import CREDIT_CODE, PROJECT
from wagewatch.settings import Config

AS_OF = date(2026, 10, 1)
DEPOSIT_RULES = {"DEPOSIT_MISSING", "DEPOSIT_SHORT"}
OTHER_PROJECT = "P360802-0002"


def deposit_flags(store) -> list[tuple]:
    return [
        (rule, project)
        for rule, project in store.query("select rule, project_id from flags order by all")
        if rule in DEPOSIT_RULES
    ]


def status(store, project_id: str = PROJECT) -> str:
    return store.query("select deposit_status from project_deposits where project_id = ?", [project_id])[0][0]


def _project(inbox, amount: str = "5000000", start: str = "2026-08-01", end: str = "2027-12-31", **fields):
    return inbox.project().contracted(amount=amount, start=start, end=end, **fields)


def test_a_deposit_at_exactly_the_rate_is_in_force_and_raises_no_flag(inbox, run):
    result = run(_project(inbox).deposited("50000.00", "2026-08-20"), AS_OF)
    assert deposit_flags(result) == []
    assert result.query(
        "select required_amount, in_force_amount, deposits_count, deposit_status from project_deposits"
    ) == [(Decimal("50000.00"), Decimal("50000.00"), 1, "in_force")]


def test_a_deposit_a_fen_below_the_rate_is_flagged_deposit_short(inbox, run):
    result = run(_project(inbox).deposited("49999.99", "2026-08-20"), AS_OF)
    assert deposit_flags(result) == [("DEPOSIT_SHORT", PROJECT)]
    row = result.query(
        "select severity, period, expected_amount, paid_amount, shortfall_amount, detail, "
        "list_transform(evidence, lambda e: e.kind) from flags"
    )[0]
    assert row[:5] == ("amber", None, Decimal("50000.00"), Decimal("49999.99"), Decimal("0.01"))
    assert "1 % of the contract amount ¥5,000,000.00" in row[5]
    assert row[6] == ["project", "deposit"]
    assert status(result) == "short"


def test_no_deposit_after_the_due_days_is_flagged_deposit_missing(inbox, run):
    result = run(_project(inbox), AS_OF)
    assert deposit_flags(result) == [("DEPOSIT_MISSING", PROJECT)]
    row = result.query("select expected_amount, paid_amount, shortfall_amount, detail from flags")[0]
    assert row[:3] == (Decimal("50000.00"), Decimal("0.00"), Decimal("50000.00"))
    assert "started on 2026-08-01" in row[3] and "due by 2026-08-31" in row[3]


@pytest.mark.parametrize(
    ("as_of", "expected"), [(date(2026, 8, 31), []), (date(2026, 9, 1), ["DEPOSIT_MISSING"])]
)
def test_a_deposit_is_due_deposit_due_days_after_the_start_and_missing_the_day_after(
    inbox, run, as_of, expected
):
    result = run(_project(inbox), as_of)
    assert [rule for rule, _ in deposit_flags(result)] == expected
    assert status(result) == ("missing" if expected else "not_due")


def test_a_contract_just_below_the_exemption_is_exempt_and_one_at_it_is_not(inbox, run):
    inbox = _project(inbox, amount="2999999.99")
    inbox.project(OTHER_PROJECT, wage_account="6222000011112222444").contracted(
        OTHER_PROJECT, amount="3000000", start="2026-08-01", credit_code="91360802MA35YYYY0B"
    )
    result = run(inbox, AS_OF)
    assert deposit_flags(result) == [("DEPOSIT_MISSING", OTHER_PROJECT)]
    assert status(result) == "exempt"


def test_the_contractors_deposit_counts_for_its_project_and_another_contractors_does_not(inbox, run):
    inbox = _project(inbox).deposited(
        "50000", "2026-08-10", project_id="", credit_code=CREDIT_CODE, form="保函"
    )
    inbox.project(OTHER_PROJECT, wage_account="6222000011112222444").contracted(
        OTHER_PROJECT, amount="5000000", start="2026-08-01", credit_code="91360802MA35YYYY0B"
    )
    result = run(inbox, AS_OF)
    assert deposit_flags(result) == [("DEPOSIT_MISSING", OTHER_PROJECT)]
    assert status(result) == "in_force"


@pytest.mark.parametrize(("released", "expected"), [("2026-10-01", ["DEPOSIT_MISSING"]), ("2026-10-02", [])])
def test_a_deposit_released_by_the_as_of_date_is_not_in_force_and_one_released_later_is(
    inbox, run, released, expected
):
    result = run(_project(inbox).deposited("50000", "2026-08-10", released=released, form="保险"), AS_OF)
    assert [rule for rule, _ in deposit_flags(result)] == expected


def test_a_deposit_made_after_the_as_of_date_is_not_in_force_yet_and_warned_about(inbox, run):
    result = run(_project(inbox).deposited("50000", "2026-10-02"), AS_OF)
    assert deposit_flags(result) == [("DEPOSIT_MISSING", PROJECT)]
    assert result.query("select expectation from intake_issues where kind = 'deposits'") == [
        ("deposited_on_not_after_as_of",)
    ]


def test_a_resent_deposit_with_its_release_date_replaces_the_first_report(inbox, run):
    inbox = (
        _project(inbox)
        .deposited("50000", "2026-08-10")
        .deposited("50000", "2026-08-10", released="2026-09-20")
    )
    result = run(inbox, AS_OF)
    assert deposit_flags(result) == [("DEPOSIT_MISSING", PROJECT)]
    assert result.query("select is_current, is_in_force from deposits order by row_number") == [
        (False, False),
        (True, False),
    ]


@pytest.mark.parametrize(
    ("start", "end"), [("", "2027-12-31"), ("2026-10-02", "2027-12-31"), ("2026-01-01", "2026-10-01")]
)
def test_a_project_not_started_or_completed_by_the_as_of_date_is_not_judged(inbox, run, start, end):
    result = run(_project(inbox, start=start, end=end), AS_OF)
    assert deposit_flags(result) == []
    assert status(result) == "not_in_progress"


def test_without_a_contract_amount_a_missing_deposit_is_flagged_and_any_deposit_is_enough(inbox, run):
    result = run(_project(inbox, amount=""), AS_OF)
    assert deposit_flags(result) == [("DEPOSIT_MISSING", PROJECT)]
    assert "an unknown amount" in result.query("select detail from flags")[0][0]
    inbox.deposited("1000", "2026-08-10")
    assert deposit_flags(run(inbox, AS_OF)) == []


def test_a_region_with_no_deposit_rate_is_not_judged(inbox, run, tmp_path):
    config = tmp_path / "wagewatch.toml"
    config.write_text('[deposits.deposit_rate]\n"11" = 0.02\n', encoding="utf-8")
    result = run(_project(inbox), AS_OF, config=Config.load(config))
    assert deposit_flags(result) == []
    assert status(result) == "not_judged"


def test_the_regions_own_rate_is_the_longest_prefix(inbox, run, tmp_path):
    config = tmp_path / "wagewatch.toml"
    config.write_text('[deposits.deposit_rate]\n"36" = 0.01\n"3608" = 0.02\n', encoding="utf-8")
    result = run(_project(inbox).deposited("50000", "2026-08-10"), AS_OF, config=Config.load(config))
    assert deposit_flags(result) == [("DEPOSIT_SHORT", PROJECT)]
    assert result.query("select required_amount from project_deposits") == [(Decimal("100000.00"),)]


def test_unusable_deposit_rows_are_quarantined_with_their_reason(inbox, run):
    inbox = _project(inbox)
    inbox.deposited("50000", "2026-08-10", project_id="")  # whose?
    inbox.deposited("50000", "2026-08-10", project_id="P999999-0009")  # not registered
    inbox.deposited("0", "2026-08-10")
    inbox.deposited("50000", "2026-08-10", released="2026-08-01")
    inbox.deposited("50000", "2026-08-10", form="支票")  # kept, with a warning
    result = run(inbox, AS_OF)
    assert result.query("select row_number, expectation from quarantine order by row_number") == [
        (2, "project_or_contractor_present"),
        (3, "project_registered"),
        (4, "deposit_amount_above_zero"),
        (5, "released_on_not_before_deposited_on"),
    ]
    assert result.query("select form, is_in_force from deposits") == [(None, True)]
    assert deposit_flags(result) == []


def test_a_contract_amount_that_is_not_an_amount_is_read_as_not_given_with_a_warning(inbox, run):
    result = run(_project(inbox, amount="五百万"), AS_OF)
    assert result.query("select contract_amount from projects") == [(None,)]
    assert ("contract_amount_an_amount",) in result.query("select expectation from intake_issues")
    assert deposit_flags(result) == [("DEPOSIT_MISSING", PROJECT)]


def test_the_deposit_findings_read_in_chinese(inbox, run):
    result = run(_project(inbox).deposited("49999.99", "2026-08-20"), AS_OF)
    zh = result.query(
        "select finding_text_zh(rule, period, worker_name, expected_amount, paid_amount, "
        "shortfall_amount, facts) from flags"
    )[0][0]
    assert zh == "在存工资保证金¥49,999.99（1笔），低于合同金额¥5,000,000.00的1%即¥50,000.00，差¥0.01"


def _headed_in_wan(path: Path, column: str) -> None:
    """Head a column in 万元, as registers often do: 合同金额 becomes 合同金额（万元）."""
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(header.replace(column, f"{column}（万元）") + "\n" + rest, encoding="utf-8")


def test_amounts_headed_in_wan_yuan_are_read_as_ten_thousand_yuan(inbox, run):
    root = _project(inbox, amount="3500").deposited("34.9999", "2026-08-20").write()  # 35,000,000 and 349,999
    _headed_in_wan(root / "projects" / "projects.csv", "合同金额")
    _headed_in_wan(root / "deposits" / "deposits.csv", "保证金金额")
    result = run(root, AS_OF)
    assert result.query("select contract_amount from projects") == [(Decimal("35000000.00"),)]
    assert deposit_flags(result) == [("DEPOSIT_SHORT", PROJECT)]
    assert result.query("select expected_amount, paid_amount, shortfall_amount from flags") == [
        (Decimal("350000.00"), Decimal("349999.00"), Decimal("1.00"))
    ]
