"""Complaints (投诉举报) checked against the data: each current complaint gets exactly one verdict, the
first that applies (docs/contract.md section 3.6), and a complainant on no roster month claimed is the
red flag COMPLAINT_UNREGISTERED_WORKER. Each verdict has its scenario and its near miss."""

from datetime import date
from decimal import Decimal

from tests.helpers.inbox_builder import PROJECT, Inbox, make_id, write_csv

AS_OF = date(2026, 11, 1)  # August and September are judged; October is pending (due 2026-11-15)
OUTSIDER = make_id("19900505", "013")  # on no roster


def _verdicts(store) -> dict[str, str]:
    return dict(store.query("select complaint_id, verdict from complaints where is_current"))


def _complaint(store, complaint_id: str) -> dict:
    cursor = store.con.execute(
        "select * from complaints where complaint_id = ? and is_current", [complaint_id]
    )
    row = cursor.fetchone()
    return dict(zip([column[0] for column in cursor.description], row, strict=True))


def _two_workers(tmp_path) -> Inbox:
    """张三 and 李四 on the project from August at 5,000 a month; August paid in full."""
    inbox = Inbox(tmp_path / "inbox").project().worker("张三").worker("李四")
    inbox.paid("张三", "5000", "2026-09-10", period="2026-08").paid(
        "李四", "5000", "2026-09-10", period="2026-08"
    )
    return inbox


def test_a_complaint_for_a_month_flagged_unpaid_is_corroborated_by_that_flag(tmp_path, run):
    inbox = _two_workers(tmp_path).paid("李四", "5000", "2026-10-10", period="2026-09")
    inbox.complained("C1", "张三", "2026-09")
    store = run(inbox, AS_OF)
    complaint = _complaint(store, "C1")
    missed = store.query(
        "select flag_id from flags where rule = 'MISSED_PAYMENT' and period = '2026-09' and worker_name = ?",
        ["张三"],
    )
    assert complaint["verdict"] == "corroborated"
    assert complaint["flag_ids"] == [missed[0][0]]
    assert complaint["is_open"] is True
    assert complaint["shortfall_amount"] == 5000


def test_near_miss_a_complaint_for_a_paid_month_is_not_corroborated_by_a_flag_of_another_month(tmp_path, run):
    inbox = _two_workers(tmp_path)
    inbox.complained("C1", "张三", "2026-08")  # September is missed, but not claimed
    store = run(inbox, AS_OF)
    assert ("MISSED_PAYMENT", "2026-09", "张三") in store.flags()
    assert _verdicts(store) == {"C1": "paid"}


def test_a_complaint_the_bank_shows_paid_in_full_is_paid_and_lists_the_bank_rows(tmp_path, run):
    inbox = _two_workers(tmp_path)
    inbox.paid("张三", "3000", "2026-10-10", period="2026-09").paid(
        "张三", "2000", "2026-10-12", period="2026-09"
    )
    inbox.complained("C1", "张三", "2026-08~2026-09", amount="10000")
    store = run(inbox, AS_OF)
    complaint = _complaint(store, "C1")
    assert complaint["verdict"] == "paid"
    assert complaint["is_open"] is False
    assert complaint["paid_amount"] == 10000 and complaint["claimed_amount"] == 10000
    assert [(row["kind"], row["bank_ref"]) for row in complaint["evidence"]] == [
        ("complaint", None),
        ("bank", "R000001"),
        ("bank", "R000003"),
        ("bank", "R000004"),
    ]


def test_near_miss_a_shortfall_under_the_tolerance_is_paid_one_at_it_is_corroborated(tmp_path, run):
    inbox = _two_workers(tmp_path)
    inbox.paid("张三", "4950.01", "2026-10-10", period="2026-09").paid(
        "李四", "4950", "2026-10-10", period="2026-09"
    )
    inbox.complained("C1", "张三", "2026-09").complained("C2", "李四", "2026-09")
    store = run(inbox, AS_OF)
    assert _verdicts(store) == {"C1": "paid", "C2": "corroborated"}


def test_a_complainant_on_no_roster_month_claimed_is_not_on_roster_and_flagged_red(tmp_path, run):
    inbox = _two_workers(tmp_path)
    inbox.complained("C1", "刘七", "2026-08,2026-09", id_number=OUTSIDER, channel="告示牌")
    store = run(inbox, AS_OF)
    assert _verdicts(store) == {"C1": "not_on_roster"}
    flags = store.query(
        "select period, severity, worker_name, id_number_masked, facts.complaint_id, facts.claimed_periods,"
        " evidence from flags where rule = 'COMPLAINT_UNREGISTERED_WORKER'"
    )
    assert len(flags) == 1
    period, severity, name, masked, complaint_id, periods, evidence = flags[0]
    assert (period, severity, name, complaint_id, periods) == (
        None,
        "red",
        "刘七",
        "C1",
        ["2026-08", "2026-09"],
    )
    assert masked == OUTSIDER[:6] + "********" + OUTSIDER[-4:]
    assert [(e["kind"], e["row_number"]) for e in evidence] == [("complaint", 2)]
    assert _complaint(store, "C1")["channel"] == "notice_board"


def test_a_worker_who_left_before_the_months_claimed_is_not_on_roster(tmp_path, run):
    inbox = _two_workers(tmp_path).worker("王五", exit="2026-08-31")
    inbox.complained("C1", "王五", "2026-09")
    store = run(inbox, AS_OF)
    assert _verdicts(store) == {"C1": "not_on_roster"}
    assert [f for f in store.flags() if f[0] == "COMPLAINT_UNREGISTERED_WORKER"] == [
        ("COMPLAINT_UNREGISTERED_WORKER", None, "王五")
    ]


def test_near_miss_the_id_decides_not_the_name_and_a_last_day_on_site_counts(tmp_path, run):
    inbox = _two_workers(tmp_path).worker("王五", exit="2026-09-01")
    inbox.paid("王五", "166.67", "2026-10-10", period="2026-09")
    inbox.complained("C1", "张叁", "2026-08", id_number=inbox.ids["张三"])  # the name misspelt
    inbox.complained("C2", "王五", "2026-09")  # left on 1 September: on the roster in September
    inbox.complained("C3", "赵六", "2026-08", id_number=inbox.ids["赵六"].lower())  # x for X, not registered
    store = run(inbox.worker("赵六"), AS_OF)
    assert _verdicts(store) == {"C1": "paid", "C2": "paid", "C3": "corroborated"}
    assert [f for f in store.flags() if f[0] == "COMPLAINT_UNREGISTERED_WORKER"] == []


def test_a_complaint_for_a_month_not_yet_due_and_unpaid_has_no_data(tmp_path, run):
    inbox = _two_workers(tmp_path)
    inbox.complained("C1", "张三", "2026-10")  # due 2026-11-15: pending, nothing paid yet
    store = run(inbox, AS_OF)
    complaint = _complaint(store, "C1")
    assert complaint["verdict"] == "no_data"
    assert complaint["is_open"] is True
    assert complaint["flag_ids"] == []


def test_near_miss_a_month_not_yet_due_but_already_paid_in_full_is_paid(tmp_path, run):
    inbox = _two_workers(tmp_path).paid("张三", "5000", "2026-10-30", period="2026-10")
    inbox.complained("C1", "张三", "2026-10")
    store = run(inbox, AS_OF)
    assert _verdicts(store) == {"C1": "paid"}


def test_a_complaint_naming_no_registered_project_is_unknown_project_and_raises_no_flag(tmp_path, run):
    inbox = _two_workers(tmp_path)
    inbox.project("P360802-0009", region="360802")
    inbox.complained("C1", "张三", "2026-09", project_id="P360802-9999")  # no such project
    inbox.complained("C2", "张三", "2026-09", project_id="", project_name="某某花园")  # no such name
    store = run(inbox, AS_OF)
    assert _verdicts(store) == {"C1": "unknown_project", "C2": "unknown_project"}
    assert _complaint(store, "C1")["project_id"] is None
    assert _complaint(store, "C1")["named_project"] == "P360802-9999"
    assert [f for f in store.flags() if f[0] == "COMPLAINT_UNREGISTERED_WORKER"] == []


def test_near_miss_a_project_named_by_its_unique_name_is_found_a_shared_name_is_not(tmp_path, run):
    inbox = _two_workers(tmp_path)
    inbox.projects.append(["P360802-0007", "同名工程", "360802", "6222000011110000777", "15", ""])
    inbox.projects.append(["P360802-0008", "同名工程", "360802", "6222000011110000888", "15", ""])
    inbox.complained("C1", "张三", "2026-09", project_id="", project_name=f"{PROJECT} 工程")
    inbox.complained("C2", "张三", "2026-09", project_id="", project_name="同名工程")
    store = run(inbox, AS_OF)
    assert _verdicts(store) == {"C1": "corroborated", "C2": "unknown_project"}
    assert _complaint(store, "C1")["project_id"] == PROJECT


def test_the_verdicts_go_in_order_unknown_project_not_on_roster_corroborated_paid_no_data(tmp_path, run):
    """A complaint that is paid for one month and flagged for another is corroborated; one month
    pending and unpaid beside a paid month is no_data; a month off the roster is left out."""
    inbox = _two_workers(tmp_path).worker("王五", exit="2026-08-31")
    inbox.paid("王五", "5000", "2026-09-10", period="2026-08")
    inbox.complained("C1", "张三", "2026-08~2026-09")  # August paid, September missed
    inbox.complained("C2", "李四", "2026-08 2026-10")  # August paid, October pending and unpaid
    inbox.complained("C3", "王五", "2026-08~2026-10")  # on the roster in August only, paid for it
    store = run(inbox, AS_OF)
    assert _verdicts(store) == {"C1": "corroborated", "C2": "no_data", "C3": "paid"}
    assert _complaint(store, "C3")["periods_on_roster"] == ["2026-08"]


def test_a_newer_row_of_a_complaint_replaces_the_older_and_one_received_later_waits(tmp_path, run):
    inbox = _two_workers(tmp_path)
    inbox.complained("C1", "刘七", "2026-09", id_number=OUTSIDER)
    inbox.complained("C1", "张三", "2026-09")  # the complaint corrected: the worker's real ID
    inbox.complained("C2", "张三", "2026-09", received="2026-11-02")  # after the as-of date
    store = run(inbox, AS_OF)
    rows = store.query("select complaint_id, row_number, is_current, verdict from complaints order by 1, 2")
    assert rows == [("C1", 2, False, None), ("C1", 3, True, "corroborated"), ("C2", 4, False, None)]
    assert [f for f in store.flags() if f[0] == "COMPLAINT_UNREGISTERED_WORKER"] == []
    assert store.query("select row_number, expectation from intake_warnings") == [
        (4, "received_on_not_after_as_of")
    ]


def test_bad_complaint_rows_are_quarantined_with_their_reason_and_the_good_ones_judged(tmp_path, run):
    inbox = _two_workers(tmp_path)
    inbox.complained("C1", "张三", "2026-09", channel="微信")  # an unknown channel: kept, with a warning
    inbox.complained("", "张三", "2026-09")
    inbox.complained("C3", "张三", "2026-09", received="昨天")
    inbox.complained("C4", "张三", "2026-09", project_id="")
    inbox.complained("C5", "张三", "2026-09", id_number="3.60802199001011E+17")
    inbox.complained("C6", "张三", "九月")
    inbox.complained("C7", "张三", "2026-10~2026-08")
    inbox.complained("C8", "张三", "2026-09", amount="-5")
    inbox.complained("C9", "张三", "2026-09", id_number="")
    inbox.complained("C10", "张三", "2026-09", id_number="360802199001011239")  # a wrong check digit: kept
    store = run(inbox, AS_OF)
    assert _verdicts(store) == {"C1": "corroborated", "C10": "not_on_roster"}
    assert _complaint(store, "C1")["channel"] is None
    assert store.query("select row_number, expectation from quarantine order by row_number") == [
        (3, "complaint_id_present"),
        (4, "received_on_a_date"),
        (5, "project_named"),
        (6, "id_number_not_a_number_cell"),
        (7, "periods_months"),
        (8, "periods_months"),
        (9, "claimed_amount_an_amount"),
        (10, "id_number_present"),
    ]
    reasons = dict(store.query("select row_number, reason from quarantine"))
    assert reasons[5] == "neither project_id nor project_name is given"
    assert store.query("select row_number, expectation from intake_warnings order by 1") == [
        (2, "channel_known"),
        (11, "id_number_valid"),
    ]
    raw = store.query("select raw from quarantine where row_number = 10")[0][0]
    assert '"complaint_id":"C9"' in raw


def test_a_complaints_file_without_the_months_claimed_is_rejected_naming_the_column(tmp_path, judge):
    inbox = _two_workers(tmp_path)
    write_csv(
        inbox.root / "complaints" / "no_months.csv",
        ["投诉编号", "受理日期", "身份证号"],
        [["C1", "2026-10-20", "x"]],
    )
    store = judge(inbox, AS_OF, "complaints")
    assert store.query(
        "select status, reason from ingest_log where source_file = 'complaints/no_months.csv'"
    ) == [("rejected", "header (row 1) lacks required column(s): periods")]


def test_an_amount_claimed_in_wan_yuan_is_read_as_ten_thousand_yuan(tmp_path, run):
    inbox = _two_workers(tmp_path)
    root = inbox.complained("C1", "张三", "2026-08~2026-09", amount="1.05").write()
    path = root / "complaints" / "complaints.csv"
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(header.replace("诉求金额", "诉求金额(单位：万元)") + "\n" + rest, encoding="utf-8")
    assert _complaint(run(root, AS_OF), "C1")["claimed_amount"] == Decimal("10500.00")
