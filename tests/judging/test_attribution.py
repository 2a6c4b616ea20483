"""Which payments count, and for whom (docs/contract.md section 2): project, period and worker attribution."""

from datetime import date

import pytest

AUG_JUDGED = date(2026, 10, 1)


def _scene(inbox):
    inbox.project().worker("张三").worker("李四", rate="6000")
    inbox.worked("张三", "2026-08", "22").worked("李四", "2026-08", "22")
    return inbox.paid("李四", "6000.00", "2026-09-10", period="2026-08")


@pytest.mark.parametrize(
    ("how", "payment", "source"),
    [
        ("period column", {"period": "2026-08"}, "period"),
        ("period column as 202608", {"period": "202608"}, "period"),
        ("memo", {"memo": "2026年8月工资"}, "memo"),
        ("memo with a dash", {"memo": "2026-08工资"}, "memo"),
        ("month before paid_at", {}, "paid_at"),
    ],
)
def test_payment_for_august_is_attributed_to_august(inbox, run, how, payment, source):
    result = run(_scene(inbox).paid("张三", "5000.00", "2026-09-10", **payment), AUG_JUDGED)
    assert result.flags() == [], how
    assert ("2026-08", source) in result.query("select period, period_source from payments")


def test_memo_naming_july_pays_july_not_august(inbox, run):
    inbox = _scene(inbox).worker("张三", entry="2026-07-01")
    inbox.roster.pop(0)  # 张三 re-registered from July
    result = run(inbox.paid("张三", "5000.00", "2026-09-10", memo="2026年7月工资"), AUG_JUDGED)
    assert ("MISSED_PAYMENT", "2026-08", "张三") in result.flags()
    assert result.worker_period("张三", "2026-07")["paid_amount"] == 5000


def test_period_column_wins_over_memo(inbox, run):
    result = run(
        _scene(inbox).paid("张三", "5000.00", "2026-09-10", period="2026-08", memo="2026年7月工资"),
        AUG_JUDGED,
    )
    assert result.flags() == []


def test_payment_without_id_matches_the_worker_by_registered_account(inbox, run):
    result = run(
        _scene(inbox).paid("张三", "5000.00", "2026-09-10", period="2026-08", with_id=False), AUG_JUDGED
    )
    assert result.flags() == []
    assert ("account",) in result.query("select match_method from payments where payee_name = '张三'")


def test_payment_without_id_to_another_account_matches_by_unique_name(inbox, run):
    inbox = _scene(inbox).paid(
        "张三", "5000.00", "2026-09-10", period="2026-08", with_id=False, account="6217000099998888"
    )
    result = run(inbox, AUG_JUDGED)
    assert result.flags() == [("ACCOUNT_MISMATCH", "2026-08", "张三")]  # paid, but not to his card
    assert ("name",) in result.query("select match_method from payments where payee_name = '张三'")


def test_payment_carrying_an_unregistered_id_never_matches_by_account(inbox, run):
    inbox = _scene(inbox).paid("张三", "5000.00", "2026-09-10", period="2026-08")
    inbox.bank[-1][3] = "360802199912310013"  # someone else's ID on 张三's card
    result = run(inbox, AUG_JUDGED)
    assert result.flags() == [
        ("MISSED_PAYMENT", "2026-08", "张三"),
        ("UNREGISTERED_PAYEE", "2026-08", "张三"),
    ]


def test_payment_is_attributed_to_project_by_project_id_over_payer_account(inbox, run):
    inbox = _scene(inbox).project("P360802-0002", wage_account="6222000099990000111")
    inbox.worker("王五", project_id="P360802-0002").worked("王五", "2026-08", "22", project_id="P360802-0002")
    inbox.paid("王五", "5000.00", "2026-09-10", period="2026-08", project_id="P360802-0002")
    result = run(inbox, AUG_JUDGED)
    assert ("MISSED_PAYMENT", "2026-08", "张三") in result.flags()
    assert ("NO_PAYROLL", "2026-08", "") not in result.flags()
    assert all(rule != "MISSED_PAYMENT" or name != "王五" for rule, _, name in result.flags())


def test_payment_from_an_unknown_account_is_quarantined(inbox, run):
    inbox = _scene(inbox).paid("张三", "5000.00", "2026-09-10", period="2026-08", payer="6222999900001111")
    result = run(inbox, AUG_JUDGED)
    assert ("MISSED_PAYMENT", "2026-08", "张三") in result.flags()
    assert result.query("select reason from quarantine") == [("belongs to no registered project",)]


def test_same_transfer_reported_twice_counts_once_and_the_last_report_stands(inbox, run):
    inbox = _scene(inbox).paid("张三", "5000.00", "2026-09-10", period="2026-08", ref="B1")
    inbox.write()
    # the bank's result file, ingested after the send file, says the same transfer failed
    from tests.helpers.inbox_builder import BANK_HEADER, write_csv

    write_csv(
        inbox.root / "bank" / "bank_result.csv",
        BANK_HEADER,
        [[*inbox.bank[-1][:6], "失败", *inbox.bank[-1][7:]]],
    )
    result = run(inbox.root, AUG_JUDGED)
    assert result.flags() == [("MISSED_PAYMENT", "2026-08", "张三")]


def test_blank_status_in_a_file_with_a_status_column_is_not_a_success(inbox, run):
    result = run(_scene(inbox).paid("张三", "5000.00", "2026-09-10", period="2026-08", status=""), AUG_JUDGED)
    assert result.flags() == [("MISSED_PAYMENT", "2026-08", "张三")]


def test_file_without_status_column_states_completed_transfers(inbox, run):
    from tests.helpers.inbox_builder import write_csv

    _scene(inbox).write()
    write_csv(
        inbox.root / "bank" / "statement.csv",
        ["付款账号", "收款人姓名", "收款账号", "金额", "交易日期"],
        [["6222000011112222333", "张三", "6228480000000000011", "5000", "2026-09-10"]],
    )
    assert run(inbox.root, AUG_JUDGED).flags() == []


def test_a_pay_date_in_the_memo_is_not_a_period(inbox, run):
    result = run(_scene(inbox).paid("张三", "5000.00", "2026-09-10", memo="代发工资 2026-09-10"), AUG_JUDGED)
    assert result.flags() == []
    assert ("2026-08", "paid_at") in result.query("select period, period_source from payments")
