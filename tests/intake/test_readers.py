"""Readers: row numbers as a person sees them, whatever the file holds between its rows."""

import pytest

from wagewatch.intake.columns import kinds
from wagewatch.intake.readers import Rejected, read_file

KINDS = kinds()
OTHERS = [kind for name, kind in KINDS.items() if name != "bank"]
HEADER = "付款账号|收款人姓名|收款账号|金额|交易日期"


def _read(tmp_path, text: str):
    path = tmp_path / "bank.txt"
    path.write_text(text, encoding="utf-8")
    return read_file(path, KINDS["bank"], OTHERS)


def test_row_numbers_are_lines_counting_title_header_blank_and_quoted_newlines(tmp_path):
    result = _read(
        tmp_path,
        "\n".join(
            [
                "XX银行代发工资明细",  # 1
                HEADER,  # 2
                "A|张三|C1|100|2026-09-10",  # 3
                "",  # 4
                'A|"李\n四"|C2|100|2026-09-10',  # 5-6
                "A|bad",  # 7
                "A|王五|C3|100|2026-09-10",  # 8
                "合计|||300|",  # 9
            ]
        )
        + "\n",
    )
    assert result.table.column("row_number").to_pylist() == [3, 5, 8]
    assert [(bad.row_number, bad.reason) for bad in result.bad_rows] == [
        (7, "row has 2 fields, the header has 5")
    ]
    assert (result.rows_read, result.rows_non_data) == (8, 4)  # 8 records: the quoted newline joins 2 lines


def test_header_only_file_has_no_rows(tmp_path):
    result = _read(tmp_path, HEADER + "\n")
    assert (result.table.num_rows, result.rows_read, result.rows_non_data) == (0, 1, 1)


def test_rows_after_a_total_row_are_still_data(tmp_path):
    result = _read(tmp_path, f"{HEADER}\n合计|||100|\nA|张三|C1|100|2026-09-10\n")
    assert result.table.column("row_number").to_pylist() == [3]


def test_a_bank_amount_headed_in_wan_yuan_rejects_the_file(tmp_path):
    with pytest.raises(Rejected, match=r"amounts in 万元 are not read in column\(s\) amount: write them"):
        _read(tmp_path, "付款账号|收款人姓名|收款账号|金额（万元）|交易日期\nA|张三|C1|0.5|2026-09-10\n")


def test_a_note_in_yuan_or_of_another_kind_is_not_wan(tmp_path):
    header = "付款账号|收款人姓名|收款账号|金额(元)(必填)|交易日期"
    result = _read(tmp_path, f"{header}\nA|张三|C1|5000|2026-09-10\n")
    assert result.table.column("amount").to_pylist() == ["5000"]
