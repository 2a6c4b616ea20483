"""The files banks and sites really send, all in one inbox beside a good project: each has its exact
outcome, none crashes the run or stops the others, and every file's rows add up."""

from datetime import date
from decimal import Decimal

import pytest
import xlsxwriter

from tests.conftest import run_pipeline
from tests.helpers.inbox_builder import (
    ATTENDANCE_HEADER,
    BANK_HEADER,
    CARDS,
    IDS,
    PROJECT,
    ROSTER_HEADER,
    Inbox,
    bank_row,
    write_csv,
)

AS_OF = date(2026, 10, 1)
GOOD = bank_row("张三", "5000", "2026-09-10", period="2026-08", ref="B1")


def _nasty(root):
    """Write every nasty file; return the inbox folder."""
    bank = root / "bank"
    (bank / "garbage.csv").write_bytes(bytes(range(256)) * 8)
    (bank / "empty.csv").write_bytes(b"")
    (bank / "header_only.csv").write_text(",".join(BANK_HEADER) + "\n", encoding="utf-8")
    # the upload stopped inside the last field of the last row, whose other fields are whole
    cut = [*GOOD[:4], "2500", *GOOD[5:9], "B2"]
    (bank / "truncated.csv").write_text(
        ",".join(BANK_HEADER[:10]) + "\n" + ",".join(GOOD[:10]) + "\n" + ",".join(cut)[:-1], encoding="utf-8"
    )
    title = [
        "XX银行代发工资明细",
        "|".join(BANK_HEADER),
        "|".join([*GOOD[:9], "B3", ""]),
        "合计||||5000||||||",
    ]
    (bank / "statement_gb18030.txt").write_bytes("\r\n".join(title).encode("gb18030") + b"\r\n")
    full_width = [*GOOD[:4], "５，０００．００", "2026年9月10日", "成功", "２０２６年８月", "", "B4", ""]
    mixed_dates = [
        [*GOOD[:4], "1", paid_at, "成功", "2026-08", "", f"D{i}", ""]
        for i, paid_at in enumerate(["2026/9/10", "20260910", "46275", "2026-09-10 08:30:00"])
    ]
    write_csv(bank / "full_width_and_dates.csv", BANK_HEADER, [full_width, *mixed_dates])
    (bank / "full_width_and_dates (copy).csv").write_bytes((bank / "full_width_and_dates.csv").read_bytes())
    write_csv(
        bank / "roster_in_the_wrong_folder.csv",
        ROSTER_HEADER,
        [[PROJECT, "李四", IDS["李四"], "", CARDS["李四"], "月薪", "5000", "2026-08-01", "", "是"]],
    )
    write_csv(bank / "unknown_header.csv", ["序号", "说明", "数量"], [["1", "材料费", "3"]])
    book = xlsxwriter.Workbook(str(root / "rosters" / "numbers.xlsx"))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["李四班组花名册"])
    sheet.write_row(1, 0, ROSTER_HEADER)
    sheet.write_row(2, 0, [PROJECT, "李四", int(IDS["李四"]), "", CARDS["李四"], "月薪", 5000, "2026-08-01"])
    sheet.write_row(3, 0, [PROJECT, "王五", IDS["王五"], "", int(CARDS["王五"]), "月薪", 5000, "2026-08-01"])
    book.close()
    return root


@pytest.fixture(scope="module")
def nasty(tmp_path_factory):
    inbox = Inbox(tmp_path_factory.mktemp("nasty") / "inbox")
    inbox.project().worker("张三").worked("张三", "2026-08", "22").write()
    write_csv(inbox.root / "attendance" / "more.csv", ATTENDANCE_HEADER, [])
    result = run_pipeline(_nasty(inbox.root), tmp_path_factory.mktemp("work"), AS_OF)
    files = {
        row[0]: row[1:]
        for row in result.query(
            "select source_file, status, reason, rows_read, rows_non_data, rows_loaded, rows_quarantined "
            "from ingested_files"
        )
    }
    return result, files


@pytest.mark.parametrize(
    ("name", "outcome"),
    [
        ("bank/garbage.csv", ("rejected", "binary content, not a text file")),
        ("bank/empty.csv", ("rejected", "empty file")),
        (
            "bank/roster_in_the_wrong_folder.csv",
            ("rejected", "this looks like a rosters file, not bank: wrong folder?"),
        ),
        (
            "bank/unknown_header.csv",
            ("rejected", "no header naming 2 known bank columns in the first 50 rows"),
        ),
        (
            "bank/full_width_and_dates.csv",
            ("duplicate", "same content as bank/full_width_and_dates (copy).csv, already ingested"),
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_rejected_with_its_reason(nasty, name, outcome):
    assert nasty[1][name][:2] == outcome


def test_header_only_file_loads_no_rows(nasty):
    assert nasty[1]["bank/header_only.csv"] == ("loaded", None, 1, 1, 0, 0)


def test_truncated_file_keeps_its_whole_rows_and_warns_of_the_cut_one(nasty):
    result, files = nasty
    assert files["bank/truncated.csv"] == ("loaded", None, 3, 1, 2, 0)
    assert result.query(
        "select row_number, expectation from intake_warnings where source_file = 'bank/truncated.csv'"
    ) == [(3, "row_not_cut_short")]


def test_gb18030_statement_with_title_and_total_lines(nasty):
    assert nasty[1]["bank/statement_gb18030.txt"] == ("loaded", None, 4, 3, 1, 0)


def test_full_width_amounts_and_every_date_style_are_read(nasty):
    result, files = nasty
    assert files["bank/full_width_and_dates (copy).csv"] == ("loaded", None, 6, 1, 5, 0)
    rows = result.query(
        "select amount, paid_date, period from payments "
        "where source_file = 'bank/full_width_and_dates (copy).csv' order by row_number"
    )
    assert rows[0] == (Decimal("5000.00"), date(2026, 9, 10), "2026-08")
    assert {paid for _, paid, _ in rows} == {date(2026, 9, 10)}


def test_xlsx_id_and_card_stored_as_numbers_are_quarantined(nasty):
    result, files = nasty
    assert files["rosters/numbers.xlsx"] == ("loaded", None, 4, 2, 0, 2)
    assert result.query(
        "select row_number, expectation from quarantine where source_file = 'rosters/numbers.xlsx' "
        "order by row_number"
    ) == [(3, "id_number_not_a_number_cell"), (4, "bank_account_not_a_number_cell")]


def test_the_good_files_are_judged_all_the_same(nasty):
    result, _ = nasty
    assert result.query(
        "select status, paid_amount from worker_periods where worker_name = '张三' and period = '2026-08'"
    ) == [("paid_in_full", Decimal("17504.00"))]  # 5,000 three times, 2,500 and 4 x 1


def test_every_file_s_rows_add_up(nasty):
    for name, (status, _, read, non_data, loaded, quarantined) in nasty[1].items():
        if status == "loaded":
            assert read == non_data + loaded + quarantined, name
