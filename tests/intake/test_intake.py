"""Intake (docs/contract.md section 1): formats, encodings, title and total lines, aliases, values, and the
files that cannot be read at all. Every row ends up loaded or quarantined, and the counts add up."""

from datetime import date, timedelta
from decimal import Decimal

import xlsxwriter

from tests.helpers.inbox_builder import (
    BANK_HEADER,
    CARDS,
    IDS,
    ROSTER_HEADER,
    WAGE_ACCOUNT,
    bank_row,
    write_csv,
)
from wagewatch.settings import Config

AUG_JUDGED = date(2026, 10, 1)
PROJECT = "P360802-0001"


def _base(inbox):
    """A project with 张三 (5,000 a month) who worked all of August; no bank file yet."""
    return inbox.project().worker("张三").worked("张三", "2026-08", "22")


def _files(result) -> dict[str, tuple]:
    rows = result.query(
        "select source_file, status, reason, rows_read, rows_non_data, rows, rows_loaded, rows_quarantined "
        "from ingested_files"
    )
    return {row[0]: row[1:] for row in rows}


def _assert_rows_add_up(result) -> None:
    for source, (status, _, read, non_data, rows, loaded, quarantined) in _files(result).items():
        if status == "loaded":
            assert read == non_data + rows, source
            assert rows == loaded + quarantined, source


def test_bank_txt_with_title_and_total_lines_in_gb18030(inbox, run):
    _base(inbox).write()
    lines = [
        "XX银行代发工资明细",
        "|".join(BANK_HEADER),
        f"{WAGE_ACCOUNT}|张三|{CARDS['张三']}|{IDS['张三']}|5,000.00|2026/9/10|成功|2026年8月||B1|",
        "合计||||5,000.00||||||",
    ]
    (inbox.root / "bank" / "bank.txt").write_bytes("\r\n".join(lines).encode("gb18030"))
    result = run(inbox.root, AUG_JUDGED)
    assert result.flags() == []
    assert _files(result)["bank/bank.txt"] == ("loaded", None, 4, 3, 1, 1, 0)


def test_utf8_bom_tab_and_semicolon_files_are_read(inbox, run):
    _base(inbox).write()
    row = [
        WAGE_ACCOUNT,
        "张三",
        CARDS["张三"],
        IDS["张三"],
        "2500",
        "2026-09-10",
        "成功",
        "2026-08",
        "",
        "B1",
        "",
    ]
    write_csv(inbox.root / "bank" / "a.csv", BANK_HEADER, [row], encoding="utf-8-sig", delimiter="\t")
    write_csv(inbox.root / "bank" / "b.csv", BANK_HEADER, [[*row[:9], "B2", ""]], delimiter=";")
    result = run(inbox.root, AUG_JUDGED)
    assert result.flags() == []
    assert result.worker_period("张三", "2026-08")["paid_amount"] == Decimal("5000.00")


def test_xlsx_roster_with_title_row_and_numbers_excel_mangled(inbox, run):
    inbox.project().write()
    path = inbox.root / "rosters" / "roster.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["XX项目实名制花名册"])
    sheet.write_row(2, 0, ROSTER_HEADER)
    sheet.write_row(3, 0, [PROJECT, "张三", IDS["张三"], "钢筋班", CARDS["张三"], "月薪", 5000, "2026-08-01"])
    sheet.write_row(
        4, 0, [PROJECT, "李四", int(IDS["李四"]), "钢筋班", CARDS["李四"], "月薪", 5000, "2026-08-01"]
    )
    sheet.write_row(5, 0, [PROJECT, "王五", IDS["王五"], "钢筋班", int(CARDS["王五"]), "月薪", 5000, 46235])
    book.close()
    result = run(inbox.root, AUG_JUDGED)
    assert sorted(result.query("select row_number, reason from quarantine")) == [
        (5, "id_number was stored as a number and lost digits"),
        (6, "bank_account was stored as a number and lost digits"),
    ]
    assert result.query("select worker_name, entry_date from roster_stints") == [("张三", date(2026, 8, 1))]
    assert _files(result)["rosters/roster.xlsx"] == ("loaded", None, 6, 3, 3, 1, 2)


def test_values_in_every_style_the_contract_lists(inbox, run):
    _base(inbox).write()
    serial = (date(2026, 9, 10) - date(1899, 12, 30)).days
    amounts_and_dates = [
        ("¥1,000.00", "2026-09-10"),
        ("1000元", "2026/9/10"),
        ("１０００.００", "20260910"),
        ("1000", "2026年9月10日"),
        ("1000.00", str(serial)),
        ("1000", "2026-09-10 08:30:00"),
    ]
    rows = [
        [
            WAGE_ACCOUNT,
            "张三",
            CARDS["张三"],
            IDS["张三"],
            amount,
            paid_at,
            "成功",
            "2026-08",
            "",
            f"B{i}",
            "",
        ]
        for i, (amount, paid_at) in enumerate(amounts_and_dates)
    ]
    write_csv(inbox.root / "bank" / "bank.csv", BANK_HEADER, rows)
    result = run(inbox.root, AUG_JUDGED)
    assert result.query("select distinct amount, paid_date from payments") == [
        (Decimal("1000.00"), date(2026, 9, 10))
    ]
    assert result.worker_period("张三", "2026-08")["paid_amount"] == Decimal("6000.00")


def test_full_width_id_and_english_headers_in_any_case(inbox, run):
    _base(inbox).write()
    full_width_id = IDS["张三"].translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    write_csv(
        inbox.root / "bank" / "bank.csv",
        [" Payer_Account", "PAYEE_NAME", "payee_account", "payee_id_number", "Amount", "paid_at"],
        [[WAGE_ACCOUNT, "张三", CARDS["张三"], full_width_id, "5000", "2026-09-10"]],
    )
    result = run(inbox.root, AUG_JUDGED)
    assert result.flags() == []
    assert result.query("select match_method from payments") == [("id",)]


def test_configured_alias_names_a_banks_own_column(inbox, run, tmp_path):
    _base(inbox).write()
    write_csv(
        inbox.root / "bank" / "bank.csv",
        ["付款账号", "收方户名", "收款账号", "金额", "交易日期"],
        [[WAGE_ACCOUNT, "张三", CARDS["张三"], "5000", "2026-09-10"]],
    )
    config_file = tmp_path / "wagewatch.toml"
    config_file.write_text('[aliases.bank]\n"收方户名" = "payee_name"\n', encoding="utf-8")
    assert run(inbox.root, AUG_JUDGED, Config.load(config_file)).flags() == []


def test_unusable_bank_rows_are_quarantined_with_reasons(inbox, run):
    _base(inbox).write()
    good = bank_row("张三", "5000", "2026-09-10", ref="B1", period="2026-08")
    rows = [
        good,
        [*good[:4], "abc", *good[5:9], "B2", ""],
        [*good[:4], "100", "someday", *good[6:9], "B3", ""],
        [*good[:3], "3.60802199001011E+17", "100", *good[5:9], "B4", ""],
        [*good[:4], "100", good[5], good[6], "August", "", "B5", ""],
    ]
    write_csv(inbox.root / "bank" / "bank.csv", BANK_HEADER, rows)
    (inbox.root / "bank" / "bank.csv").open("a", encoding="utf-8").write("too,few,fields\n")
    result = run(inbox.root, AUG_JUDGED)
    assert sorted(result.query("select row_number, reason from quarantine")) == [
        (3, "amount is not a number"),
        (4, "paid_at is not a date"),
        (5, "payee_id_number was stored as a number and lost digits"),
        (6, "period is not a month (YYYY-MM)"),
        (7, "row has 3 fields, the header has 11"),
    ]
    assert result.flags() == []
    _assert_rows_add_up(result)
    raw = result.query("select raw from quarantine where row_number = 3")[0][0]
    assert '"amount":"abc"' in raw and IDS["张三"] not in raw and CARDS["张三"] not in raw


def test_files_that_cannot_be_read_are_rejected_and_the_run_goes_on(inbox, full_run):
    _base(inbox).paid("张三", "5000", "2026-09-10", period="2026-08").write()
    (inbox.root / "bank" / "garbage.csv").write_bytes(bytes(range(256)) * 4)
    (inbox.root / "bank" / "empty.csv").write_bytes(b"")
    (inbox.root / "bank" / "nothing.csv").write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    (inbox.root / "bank" / "scan.pdf").write_bytes(b"%PDF-1.4")
    write_csv(
        inbox.root / "bank" / "roster.csv",
        ROSTER_HEADER,
        [[PROJECT, "李四", IDS["李四"], "", CARDS["李四"], "月薪", "5000", "2026-08-01", "", "是"]],
    )
    (inbox.root / "stray.csv").write_text("x\n", encoding="utf-8")
    result = full_run(inbox.root, AUG_JUDGED)
    files = _files(result)
    assert {name: (status, reason) for name, (status, reason, *_) in files.items() if status != "loaded"} == {
        "bank/empty.csv": ("rejected", "empty file"),
        "bank/garbage.csv": ("rejected", "binary content, not a text file"),
        "bank/nothing.csv": ("rejected", "no header naming 2 known bank columns in the first 50 rows"),
        "bank/roster.csv": ("rejected", "this looks like a rosters file, not bank: wrong folder?"),
        "bank/scan.pdf": ("rejected", "unknown format '.pdf': expected .csv, .txt, .xlsx, .xml or .plz"),
        "stray.csv": (
            "rejected",
            "not in a kind folder (projects/, rosters/, attendance/, bank/, accounts/, complaints/,"
            " deposits/)",
        ),
    }
    assert result.flags() == []  # the good bank file was still read
    assert [f.status for f in result.result.files].count("rejected") == 6


def test_same_file_under_a_new_name_is_skipped_as_a_duplicate(inbox, run):
    _base(inbox).paid("张三", "2500", "2026-09-10", period="2026-08").write()
    copy = (inbox.root / "bank" / "bank.csv").read_bytes()
    (inbox.root / "bank" / "bank_copy.csv").write_bytes(copy)
    result = run(inbox.root, AUG_JUDGED)
    assert _files(result)["bank/bank_copy.csv"][:2] == (
        "duplicate",
        "same content as bank/bank.csv, already ingested",
    )
    assert result.worker_period("张三", "2026-08")["paid_amount"] == Decimal("2500.00")


def test_a_second_run_skips_files_already_ingested(inbox, full_run):
    first = full_run(_base(inbox).paid("张三", "5000", "2026-09-10", period="2026-08"), AUG_JUDGED)
    second = full_run(inbox.root, AUG_JUDGED + timedelta(days=1))
    assert len(first.result.files) == 4
    assert second.result.files == []
    assert second.query("select count(*) from payments") == [(1,)]


def test_newer_roster_replaces_the_project_s_older_roster(inbox, run):
    first = run(_base(inbox).worker("李四").worked("李四", "2026-08", "22"), AUG_JUDGED)
    assert ("MISSED_PAYMENT", "2026-08", "李四") in first.flags()
    # the next roster no longer lists 李四: he was never on this project
    write_csv(inbox.root / "rosters" / "roster_2.csv", ROSTER_HEADER, [inbox.roster[0]])
    second = run(inbox.root, AUG_JUDGED)
    assert second.flags() == [
        ("MISSED_PAYMENT", "2026-08", "张三"),
        ("NO_PAYROLL", "2026-08", ""),
        ("UNREGISTERED_WORKER", "2026-08", ""),  # 李四's attendance now stands unregistered
    ]
    assert second.query("select worker_name, is_current from roster_stints order by all") == [
        ("张三", False),
        ("张三", True),
        ("李四", False),
    ]


def test_newer_attendance_row_replaces_the_older_one(inbox, run):
    _base(inbox).paid("张三", "2298.85", "2026-09-10", period="2026-08").write()
    write_csv(
        inbox.root / "attendance" / "attendance_fix.csv",
        ["项目编号", "身份证号", "月份", "出勤天数"],
        [[PROJECT, IDS["张三"], "202608", "10"]],
    )
    result = run(inbox.root, AUG_JUDGED)
    assert result.worker_period("张三", "2026-08")["expected_amount"] == Decimal("2298.85")
    assert result.flags() == []


def _xlsx(path, rows):
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for number, row in enumerate(rows):
        sheet.write_row(number, 0, row)
    book.close()
    return path


def test_spreadsheet_numbers_read_as_typed_where_they_are_not_identities(inbox, run):
    inbox.worker("张三").worked("张三", "2026-08", "22").write()
    _xlsx(
        inbox.root / "projects" / "projects.xlsx",
        [["project_id", "region_code", "wage_account", "pay_day"], [PROJECT, 360802, WAGE_ACCOUNT, 15]],
    )
    _xlsx(
        inbox.root / "bank" / "bank.xlsx",
        [
            ["付款账号", "收款人姓名", "收款账号", "证件号码", "金额", "交易日期", "工资所属期", "流水号"],
            [WAGE_ACCOUNT, "张三", CARDS["张三"], IDS["张三"], 5000, "2026-09-10", 202608, 202609100000001],
        ],
    )
    result = run(inbox.root, AUG_JUDGED)
    assert result.query("select region_code from projects") == [("360802",)]
    assert result.query("select period, bank_ref from payments") == [("2026-08", "202609100000001")]
    assert result.flags() == []


def test_spreadsheet_bank_ref_that_lost_digits_is_quarantined_not_merged(inbox, run):
    _base(inbox).write()
    header = ["付款账号", "收款人姓名", "收款账号", "证件号码", "金额", "交易日期", "工资所属期", "流水号"]
    _xlsx(
        inbox.root / "bank" / "bank.xlsx",
        [
            header,
            [
                WAGE_ACCOUNT,
                "张三",
                CARDS["张三"],
                IDS["张三"],
                2500,
                "2026-09-10",
                "2026-08",
                20260910000000000001,
            ],
            [
                WAGE_ACCOUNT,
                "张三",
                CARDS["张三"],
                IDS["张三"],
                2500,
                "2026-09-10",
                "2026-08",
                20260910000000000002,
            ],
        ],
    )
    result = run(inbox.root, AUG_JUDGED)
    assert result.query("select row_number, reason from quarantine order by row_number") == [
        (2, "bank_ref was stored as a number and lost digits"),
        (3, "bank_ref was stored as a number and lost digits"),
    ]


def test_bank_date_times_in_the_forms_banks_export(inbox, run):
    _base(inbox).write()
    rows = [
        bank_row("张三", "2500", paid_at, period="2026-08", ref=ref)
        for ref, paid_at in (("B1", "20260910103000"), ("B2", "2026-09-10T10:30:00+08:00"))
    ]
    write_csv(inbox.root / "bank" / "bank.csv", BANK_HEADER, rows)
    assert run(inbox.root, AUG_JUDGED).flags() == []


def test_a_line_of_spaces_is_a_blank_line_not_a_broken_row(inbox, run):
    _base(inbox).write()
    row = f"{WAGE_ACCOUNT},张三,{CARDS['张三']},{IDS['张三']},5000,2026-09-10,成功,2026-08,,B1,"
    (inbox.root / "bank" / "bank.csv").write_text(
        ",".join(BANK_HEADER) + "\n \t \n" + row + "\n", encoding="utf-8"
    )
    result = run(inbox.root, AUG_JUDGED)
    assert result.flags() == []
    assert _files(result)["bank/bank.csv"] == ("loaded", None, 3, 2, 1, 1, 0)
