"""The rest of the catalogue (docs/contract.md section 3), each rule planted in a tiny inbox and found
exactly, with the near miss that must not be flagged, and the cases where rules meet.

The scene: project P360802-0001 (region 360802, Ji'an's Jizhou district) pays on the 15th; wages for
2026-08 are due 2026-09-15 and are judged as of 2026-10-01. Its workers are paid in full, on time, to
their own cards unless a test says otherwise.
"""

from datetime import date
from decimal import Decimal

from tests.helpers.inbox_builder import WAGE_ACCOUNT, make_id

AUG_JUDGED = date(2026, 10, 1)
OTHER_PROJECT = "P360802-0002"
BOSS_CARD = "6217000099990000123"  # a labour boss's card: on no roster
BOSS_ID = make_id("19800303", "057")


def _paid_in_full(inbox, *names):
    inbox.project()
    for name in names:
        inbox.worker(name).worked(name, "2026-08", "22").paid(name, "5000", "2026-09-10", period="2026-08")
    return inbox


def test_a_clean_scene_raises_no_flag(inbox, run):
    assert run(_paid_in_full(inbox, "张三", "李四", "王五"), AUG_JUDGED).flags() == []


# ACCOUNT_MISMATCH and SHARED_ACCOUNT


def test_wages_paid_into_team_leaders_card_flag_account_mismatch_and_shared_account(inbox, run):
    inbox.project()
    for name in ("张三", "李四", "王五"):
        inbox.worker(name).worked(name, "2026-08", "22")
        inbox.paid(name, "5000", "2026-09-10", period="2026-08", account=BOSS_CARD)
    result = run(inbox, AUG_JUDGED)
    assert result.flags() == [
        ("ACCOUNT_MISMATCH", "2026-08", "张三"),
        ("ACCOUNT_MISMATCH", "2026-08", "李四"),
        ("ACCOUNT_MISMATCH", "2026-08", "王五"),
        ("SHARED_ACCOUNT", "2026-08", "张三"),
        ("SHARED_ACCOUNT", "2026-08", "李四"),
        ("SHARED_ACCOUNT", "2026-08", "王五"),
    ]
    details = result.query("select distinct detail from flags where rule = 'SHARED_ACCOUNT'")
    assert details == [("card ending 0123 received the 2026-08 wages of 3 workers of the project",)]
    # paid in full all the same: the wages reached an account, just not the workers' own
    assert result.query("select count(*) from worker_periods where status = 'paid_in_full'") == [(3,)]


def test_card_holder_receiving_a_colleague_s_wages_beside_his_own_shares_it(inbox, run):
    inbox = _paid_in_full(inbox, "李四").worker("张三").worked("张三", "2026-08", "22")
    inbox.paid("张三", "5000", "2026-09-10", period="2026-08", account=inbox.cards["李四"])
    assert run(inbox, AUG_JUDGED).flags() == [
        ("ACCOUNT_MISMATCH", "2026-08", "张三"),
        ("SHARED_ACCOUNT", "2026-08", "张三"),
        ("SHARED_ACCOUNT", "2026-08", "李四"),
    ]


def test_one_card_registered_for_two_workers_is_a_roster_flag_on_both(inbox, run):
    inbox = _paid_in_full(inbox, "张三")
    inbox.worker("李四", card=inbox.cards["张三"]).worked("李四", "2026-08", "0")
    result = run(inbox, AUG_JUDGED)
    assert result.flags() == [("SHARED_ACCOUNT", None, "张三"), ("SHARED_ACCOUNT", None, "李四")]
    assert result.query("select distinct period, severity from flags") == [(None, "red")]


# UNREGISTERED_PAYEE and UNREGISTERED_WORKER


def test_payment_to_someone_on_no_roster_flags_unregistered_payee(inbox, run):
    inbox = _paid_in_full(inbox, "张三")
    inbox.ids["包工头"], inbox.cards["包工头"] = BOSS_ID, BOSS_CARD
    result = run(inbox.paid("包工头", "20000", "2026-09-10", period="2026-08"), AUG_JUDGED)
    assert result.flags() == [("UNREGISTERED_PAYEE", "2026-08", "包工头")]
    assert result.query("select paid_amount, id_number_masked, worker_key is not null from flags") == [
        (Decimal("20000.00"), BOSS_ID[:6] + "********" + BOSS_ID[-4:], True)
    ]


def test_payment_to_someone_on_no_roster_in_a_pending_period_is_not_yet_flagged(inbox, run):
    inbox = _paid_in_full(inbox, "张三")
    inbox.ids["包工头"], inbox.cards["包工头"] = BOSS_ID, BOSS_CARD
    assert run(inbox.paid("包工头", "20000", "2026-09-30", period="2026-09"), AUG_JUDGED).flags() == []


def test_attendance_for_an_id_not_on_the_roster_flags_unregistered_worker(inbox, run):
    inbox = _paid_in_full(inbox, "张三")
    inbox.ids["赵六"] = make_id("19880707", "441")
    result = run(inbox.worked("赵六", "2026-08", "20"), AUG_JUDGED)
    assert result.flags() == [("UNREGISTERED_WORKER", "2026-08", "")]
    assert result.query("select id_number_masked from flags") == [
        ("360802********441" + inbox.ids["赵六"][-1],)
    ]


def test_attendance_after_the_worker_left_flags_unregistered_worker(inbox, run):
    inbox.project().worker("张三", entry="2026-07-01", exit="2026-07-31").worked("张三", "2026-07", "22")
    inbox.paid("张三", "5000", "2026-08-10", period="2026-07")
    result = run(inbox.worked("张三", "2026-08", "5"), AUG_JUDGED)
    assert result.flags() == [("UNREGISTERED_WORKER", "2026-08", "张三")]


def test_attendance_row_with_zero_days_for_an_unregistered_id_is_no_work(inbox, run):
    inbox = _paid_in_full(inbox, "张三")
    inbox.ids["赵六"] = make_id("19880707", "441")
    assert run(inbox.worked("赵六", "2026-08", "0"), AUG_JUDGED).flags() == []


# NON_DEDICATED_ACCOUNT and EXCESSIVE_PAYMENT


def test_payroll_paid_from_another_account_flags_non_dedicated_account(inbox, run):
    inbox.project()
    for name in ("张三", "李四"):
        inbox.worker(name).worked(name, "2026-08", "22")
        inbox.paid(
            name, "5000", "2026-09-10", period="2026-08", payer="6222888877776666", project_id="P360802-0001"
        )
    result = run(inbox, AUG_JUDGED)
    assert result.flags() == [("NON_DEDICATED_ACCOUNT", "2026-08", "")]
    assert result.query("select paid_amount, worker_key, detail from flags") == [
        (
            Decimal("10000.00"),
            None,
            "2 payments totalling ¥10,000.00 for 2026-08 came from account ending 6666, "
            "not the wage account ending 2333",
        )
    ]


def test_payroll_from_the_wage_account_naming_its_project_is_dedicated(inbox, run):
    inbox.project().worker("张三").worked("张三", "2026-08", "22")
    inbox.paid("张三", "5000", "2026-09-10", period="2026-08", payer=WAGE_ACCOUNT, project_id="P360802-0001")
    assert run(inbox, AUG_JUDGED).flags() == []


def test_more_than_fifty_thousand_for_one_month_flags_excessive_payment(inbox, run):
    inbox.project().worker("张三", rate="50000.01").worked("张三", "2026-08", "22")
    result = run(inbox.paid("张三", "50000.01", "2026-09-10", period="2026-08"), AUG_JUDGED)
    assert result.flags() == [("EXCESSIVE_PAYMENT", "2026-08", "张三")]


def test_exactly_fifty_thousand_for_one_month_is_not_excessive(inbox, run):
    inbox.project().worker("张三", rate="50000").worked("张三", "2026-08", "22")
    assert run(inbox.paid("张三", "50000", "2026-09-10", period="2026-08"), AUG_JUDGED).flags() == []


# BELOW_MINIMUM_WAGE (Jizhou district 360802: 1,730 a month)


def test_monthly_rate_below_the_regional_minimum_wage_is_flagged(inbox, run):
    inbox.project().worker("张三", rate="1729.99").worked("张三", "2026-08", "22")
    result = run(inbox.paid("张三", "1729.99", "2026-09-10", period="2026-08"), AUG_JUDGED)
    assert result.flags() == [("BELOW_MINIMUM_WAGE", None, "张三")]
    assert result.query("select expected_amount, shortfall_amount from flags") == [
        (Decimal("1730.00"), Decimal("0.01"))
    ]


def test_daily_rate_times_21_75_below_the_minimum_wage_is_flagged_without_rounding(inbox, run):
    inbox.project().worker("张三", wage_type="日薪", rate="79.54").worked("张三", "2026-08", "1")
    result = run(inbox.paid("张三", "79.54", "2026-09-10", period="2026-08"), AUG_JUDGED)
    assert result.flags() == [("BELOW_MINIMUM_WAGE", None, "张三")]  # 1,729.995 < 1,730


def test_rate_at_the_minimum_wage_is_not_below_it(inbox, run):
    inbox.project().worker("张三", rate="1730").worked("张三", "2026-08", "22")
    assert run(inbox.paid("张三", "1730", "2026-09-10", period="2026-08"), AUG_JUDGED).flags() == []


def test_region_without_a_minimum_wage_is_not_judged_for_it(inbox, run):
    inbox.project(region="110101").worker("张三", rate="1000").worked("张三", "2026-08", "22")
    assert run(inbox.paid("张三", "1000", "2026-09-10", period="2026-08"), AUG_JUDGED).flags() == []


# CONCURRENT_PROJECTS


def _two_projects(inbox, days_here: str, days_there: str):
    """张三 works for both projects in August, each paying him for his days there."""
    accounts = {"P360802-0001": WAGE_ACCOUNT, OTHER_PROJECT: "6222000099990000111"}
    inbox = _paid_in_full(inbox, "李四").project(OTHER_PROJECT, wage_account=accounts[OTHER_PROJECT])
    for (project_id, account), days in zip(accounts.items(), (days_here, days_there), strict=True):
        inbox.worker("张三", project_id=project_id).worked("张三", "2026-08", days, project_id=project_id)
        amount = (Decimal(5000) * Decimal(days) / Decimal("21.75")).quantize(Decimal("0.01"))
        inbox.paid("张三", str(amount), "2026-09-10", period="2026-08", project_id=project_id, payer=account)
    return inbox


def test_more_days_across_projects_than_the_month_has_flags_both_projects(inbox, run):
    result = run(_two_projects(inbox, "20", "12"), AUG_JUDGED)
    assert sorted(result.query("select rule, project_id, worker_name from flags")) == [
        ("CONCURRENT_PROJECTS", "P360802-0001", "张三"),
        ("CONCURRENT_PROJECTS", OTHER_PROJECT, "张三"),
    ]
    assert {detail for (detail,) in result.query("select detail from flags")} == {
        "32 days worked in 2026-08, which has 31, across 2 projects: P360802-0001 20.00, P360802-0002 12.00"
    }


def test_days_across_projects_adding_up_to_the_month_are_not_concurrent(inbox, run):
    result = run(_two_projects(inbox, "20", "11"), AUG_JUDGED)
    assert [rule for rule, _, _ in result.flags()] == []


# roster flags: INVALID_ID_NUMBER, UNDERAGE_WORKER, OVERAGE_WORKER, NO_LABOR_CONTRACT


def _registered(inbox, run, name: str, id_number: str, **terms):
    inbox = _paid_in_full(inbox, "张三")
    inbox.worker(name, id_number=id_number, card="6228480000000000077", **terms).worked(name, "2026-08", "0")
    return run(inbox, AUG_JUDGED)


def test_roster_id_with_a_wrong_check_digit_is_loaded_and_flagged(inbox, run):
    wrong = make_id("19900101", "123")[:-1] + "7"
    result = _registered(inbox, run, "赵六", wrong)
    assert result.flags() == [("INVALID_ID_NUMBER", None, "赵六")]
    assert result.query("select detail from flags") == [
        ("the ID registered for 赵六 has a wrong check digit",)
    ]
    assert result.query("select count(*) from roster_stints where worker_name = '赵六'") == [(1,)]


def test_roster_id_of_the_wrong_length_or_with_no_real_birth_date_is_flagged(inbox, run):
    inbox = _paid_in_full(inbox, "张三")
    inbox.worker("赵六", id_number="360802900101123", card="6228480000000000077").worked(
        "赵六", "2026-08", "0"
    )
    inbox.worker("孙七", id_number=make_id("19900230", "123"), card="6228480000000000088")
    result = run(inbox.worked("孙七", "2026-08", "0"), AUG_JUDGED)
    assert sorted(result.query("select worker_name, detail from flags")) == [
        ("孙七", "the ID registered for 孙七 holds no real birth date"),
        ("赵六", "the ID registered for 赵六 is not 17 digits and a check digit or X"),
    ]


def test_child_on_the_roster_is_flagged_underage(inbox, run):
    result = _registered(inbox, run, "赵六", make_id("20100802", "013"))  # 15 on 2026-08-01
    assert result.flags() == [("UNDERAGE_WORKER", None, "赵六")]


def test_worker_turning_sixteen_on_the_entry_date_is_not_underage(inbox, run):
    assert _registered(inbox, run, "赵六", make_id("20100801", "013")).flags() == []


def test_man_over_sixty_is_flagged_overage(inbox, run):
    result = _registered(inbox, run, "赵六", make_id("19650731", "013"))  # 61
    assert result.flags() == [("OVERAGE_WORKER", None, "赵六")]


def test_man_of_sixty_is_not_overage(inbox, run):
    assert _registered(inbox, run, "赵六", make_id("19660731", "013")).flags() == []


def test_woman_over_fifty_is_flagged_overage_and_a_woman_of_fifty_is_not(inbox, run):
    inbox = _paid_in_full(inbox, "张三")
    inbox.worker("赵六", id_number=make_id("19750731", "024"), card="6228480000000000077")  # 51
    inbox.worker("孙七", id_number=make_id("19760731", "024"), card="6228480000000000088")  # 50
    result = run(inbox.worked("赵六", "2026-08", "0").worked("孙七", "2026-08", "0"), AUG_JUDGED)
    assert result.flags() == [("OVERAGE_WORKER", None, "赵六")]


def test_stint_with_an_explicit_no_contract_is_flagged_and_a_blank_is_not(inbox, run):
    inbox = _paid_in_full(inbox, "张三")
    inbox.worker("赵六", id_number=make_id("19880707", "441"), card="6228480000000000077", contract="否")
    inbox.worker("孙七", id_number=make_id("19890909", "451"), card="6228480000000000088", contract="")
    result = run(inbox.worked("赵六", "2026-08", "0").worked("孙七", "2026-08", "0"), AUG_JUDGED)
    assert result.flags() == [("NO_LABOR_CONTRACT", None, "赵六")]


def test_roster_flags_leave_the_project_period_level_alone(inbox, run):
    result = _registered(inbox, run, "赵六", make_id("20100802", "013"))
    assert result.query("select level from project_periods where period = '2026-08'") == [("green",)]


# evidence


def test_every_flag_names_the_input_rows_it_rests_on(inbox, run):
    inbox.project().worker("张三").worked("张三", "2026-08", "22")
    inbox.paid("张三", "5000", "2026-09-10", period="2026-08", status="失败", ref="B77")
    inbox.ids["包工头"], inbox.cards["包工头"] = BOSS_ID, BOSS_CARD
    result = run(inbox.paid("包工头", "3000", "2026-09-10", period="2026-08", ref="B78"), AUG_JUDGED)
    evidence = dict(result.query("select rule, evidence from flags where rule <> 'NO_PAYROLL'"))
    assert evidence["MISSED_PAYMENT"] == [
        {"kind": "roster", "source_file": "rosters/roster.csv", "row_number": 2, "bank_ref": None},
        {"kind": "attendance", "source_file": "attendance/attendance.csv", "row_number": 2, "bank_ref": None},
        {"kind": "bank", "source_file": "bank/bank.csv", "row_number": 2, "bank_ref": "B77"},
    ]
    assert evidence["UNREGISTERED_PAYEE"] == [
        {"kind": "bank", "source_file": "bank/bank.csv", "row_number": 3, "bank_ref": "B78"}
    ]
    flag_ids = result.query("select flag_id from flags")
    assert len(flag_ids) == len(set(flag_ids)) == 2


def test_an_id_without_a_real_birth_date_is_invalid_and_never_judged_for_age(inbox, run):
    inbox = _paid_in_full(inbox, "张三")
    inbox.worker("赵六", id_number=make_id("18900101", "013"), card="6228480000000000077")  # "136 years old"
    inbox.worker("孙七", id_number=make_id("20300101", "024"), card="6228480000000000088")  # born after as-of
    result = run(inbox.worked("赵六", "2026-08", "0").worked("孙七", "2026-08", "0"), AUG_JUDGED)
    assert result.flags() == [("INVALID_ID_NUMBER", None, "孙七"), ("INVALID_ID_NUMBER", None, "赵六")]
