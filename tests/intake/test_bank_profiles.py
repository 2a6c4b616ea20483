"""Bank files in the banks' own layouts (docs/bank-profiles.md): each built-in profile reads its file to
the right rows, amounts, payer account and date, and records itself; the payer account comes from a
column, a title line, an XML summary or the file's name, or the file is rejected saying which to give;
a file whose own totals disagree with its rows is rejected whole."""

import html
from datetime import date
from decimal import Decimal

import pytest
import xlsxwriter

from tests.helpers.inbox_builder import CARDS, IDS, WAGE_ACCOUNT
from wagewatch.intake.columns import kinds
from wagewatch.intake.ingest import bank_formats
from wagewatch.intake.readers import Rejected, read_file
from wagewatch.reports.summary import render_text
from wagewatch.settings import Config, ConfigError

AS_OF = date(2026, 10, 1)  # August is judged: due 2026-09-15
SPACED_ACCOUNT = "6222 0000 1111 2222 333"  # WAGE_ACCOUNT as a bank prints it in a title line
CARD_1, CARD_2 = CARDS["张三"], CARDS["李四"]


def _base(inbox):
    """张三 and 李四, 5,000 a month each, worked all of August; no bank file yet."""
    return (
        inbox.project()
        .worker("张三")
        .worker("李四")
        .worked("张三", "2026-08", "22")
        .worked("李四", "2026-08", "22")
    )


def _icbc() -> bytes:
    """工商银行's batch result: title lines, a payer on every row, amounts with 元, GBK, '|'."""
    lines = [
        "[BatchPayDetail]",
        "交易日期: 20260910",
        "批次号: HEZ327561163",
        "序号|币种|付款账号|付款单位名称|收款账号|收款单位名称|金额|用途|网上银行状态|银行反馈信息",
        f"HEZ1-1|RMB|{WAGE_ACCOUNT}|某建设公司|{CARD_1}|张三|5,000.00元|2026年8月工资|处理成功|全部成功",
        f"HEZ1-2|RMB|{WAGE_ACCOUNT}|某建设公司|{CARD_2}|李四|5,000.00元|2026年8月工资|处理成功|全部成功",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("gb18030")


def _ccb() -> bytes:
    """建设银行's batch template: bracket notes in the header, payer and date in title lines, 合计 row."""
    lines = [
        "中国建设银行批量代发工资",
        f"付款账号：{SPACED_ACCOUNT}",
        "代发日期：2026年9月10日",
        "序号,账号（必填）,户名（必填）,金额（必填）,跨行标识（选填 建行填0 他行填1）,摘要（选填）",
        f"1,{CARD_1},张三,5000.00,0,2026年8月工资",
        f"2,{CARD_2},李四,5000.00,1,2026年8月工资",
        "合计,共2笔,,10000.00,,",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("gb18030")


def _ccb_result() -> bytes:
    """建设银行's result file: no payer column, a trailing '|', amounts as .01-style decimals."""
    lines = [
        f"单位账号：{WAGE_ACCOUNT}  交易日期：2026-09-10",
        "序号|收款账号|收款人姓名|金额|摘要|交易结果|失败原因|备注一|备注二|",
        f"1|{CARD_1}|张三|5000.00|工资|成功||||",
        f"2|{CARD_2}|李四|5000.|工资|成功||||",
    ]
    return ("\n".join(lines) + "\n").encode("gb18030")


def _abc() -> bytes:
    """农业银行's fixed-width text: amounts in fen, zero-padded; 单位账号 without a colon; 合计 line."""

    def record(number: int, card: str, name: str, fen: int) -> str:
        return f"{number:05d} {card:<20}{name:<10}{fen:012d}{'2026年8月工资':<20}"

    lines = [
        "中国农业银行代发工资明细",
        f"单位账号 {WAGE_ACCOUNT}    代发日期：2026-09-10",
        "序号  卡号                户名      金额(分)    摘要",
        record(1, CARD_1, "张三", 500000),
        record(2, CARD_2, "李四", 500000),
        "合计：2笔  金额(分)：1000000",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("gb18030")


def _boc(total_fen: int = 1000000, count: int = 2) -> bytes:
    """中国银行's XML batch: GBK, a summary (month, payer, date, total, count), money in fen."""
    text = f"""<?xml version="1.0" encoding="GBK"?>
<payroll>
  <head>
    <paymonth>202608</paymonth>
    <payacct>{WAGE_ACCOUNT}</payacct>
    <paydate>20260910</paydate>
    <totalnum>{count}</totalnum>
    <totalamt>{total_fen}</totalamt>
  </head>
  <body>
    <detail><cardno>{CARD_1}</cardno><name>张三</name><money>500000</money><memo>8月工资</memo></detail>
    <detail><cardno>{CARD_2}</cardno><name>李四</name><money>500000</money><memo>8月工资</memo></detail>
  </body>
</payroll>
"""
    return text.encode("gb18030")


def _bocom() -> bytes:
    """交通银行's result, saved from Excel as "Unicode text": UTF-16 with a byte-order mark, tabs."""
    lines = [
        "交通银行代发工资入账结果",
        f"单位账号：{WAGE_ACCOUNT}\t代发日期：2026-09-10",
        "序号\t户名\t工号\t卡号/折号\t金额(元)\t入账状态\t失败原因\t交易流水号",
        f"0000001\t张三\t\t{CARD_1}\t5000.00\t入账成功\t\t2001106231909468426",
        f"0000002\t李四\t\t{CARD_2}\t5000.00\t入账成功\t\t2001106231909468427",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-16")


def _cmb(path) -> None:
    """招商银行's 代发 template as a workbook: the payer account and date in title rows, no totals."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["招商银行代发工资"])
    sheet.write_row(1, 0, ["付款账号:", WAGE_ACCOUNT, "交易日期:", "2026-09-10"])
    sheet.write_row(2, 0, ["账号", "户名", "金额", "注释"])
    sheet.write_row(3, 0, [CARD_1, "张三", 5000, "2026年8月工资"])
    sheet.write_row(4, 0, [CARD_2, "李四", 5000, "2026年8月工资"])
    book.close()


def _rcc() -> bytes:
    """A rural credit cooperative's plain CSV: no title, no payer account in it at all."""
    lines = [
        "序号,姓名,卡号,金额,日期,备注",
        f"1,张三,{CARD_1},5000,2026-09-10,工资",
        f"2,李四,{CARD_2},5000,2026-09-10,工资",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


PAYER_BY_FILE = '[bank.payer_by_file]\n"^rcc_jizhou_" = "6222-0000-1111-2222-333"\n'


def _config(tmp_path, text: str) -> Config:
    path = tmp_path / "wagewatch.toml"
    path.write_text(text, encoding="utf-8")
    return Config.load(path)


def _write(inbox, name: str, content) -> None:
    path = inbox.root / "bank" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if callable(content):
        content(path)
    else:
        path.write_bytes(content)


def _logged(result, name: str) -> tuple:
    return result.query(
        "select status, reason, profile, payer_source from ingest_log where source_file = ?", [f"bank/{name}"]
    )[0]


@pytest.mark.parametrize(
    ("name", "content", "profile", "payer_source"),
    [
        ("icbc_202609.txt", _icbc(), "icbc", "column"),
        ("ccb_202609.csv", _ccb(), "ccb", "title"),
        ("ccb_result_202609.txt", _ccb_result(), "ccb", "title"),
        ("abc_202609.txt", _abc(), "abc", "title"),
        ("boc_202609.xml", _boc(), "boc", "title"),
        ("boc_202609.plz", _boc(), "boc", "title"),
        ("bocom_202609.txt", _bocom(), "bocom", "title"),
        ("cmb_202609.xlsx", _cmb, "cmb", "title"),
    ],
)
def test_a_bank_file_in_its_banks_own_layout_pays_both_workers_in_full(
    inbox, run, name, content, profile, payer_source
):
    _base(inbox).write()
    _write(inbox, name, content)
    result = run(inbox.root, AS_OF)
    assert _logged(result, name) == ("loaded", None, profile, payer_source)
    assert result.flags() == []  # the payer is the wage account, the date on time, the amount whole
    for worker in ("张三", "李四"):
        assert result.worker_period(worker, "2026-08")["paid_amount"] == Decimal("5000.00")
    assert result.query("select distinct payer_account_last4 from payments") == [(WAGE_ACCOUNT[-4:],)]


def test_a_plain_csv_takes_its_payer_account_from_the_file_name_pattern(inbox, run, tmp_path):
    _base(inbox).write()
    _write(inbox, "rcc_jizhou_202609.csv", _rcc())
    result = run(inbox.root, AS_OF, _config(tmp_path, PAYER_BY_FILE))
    assert _logged(result, "rcc_jizhou_202609.csv") == ("loaded", None, "rcc", "file_name")
    assert result.flags() == []


def test_a_bank_file_naming_no_payer_account_is_rejected_saying_the_three_ways_to_give_one(inbox, run):
    _base(inbox).write()
    _write(inbox, "rcc_jizhou_202609.csv", _rcc())  # no [bank.payer_by_file] pattern this time
    result = run(inbox.root, AS_OF)
    status, reason, profile, _ = _logged(result, "rcc_jizhou_202609.csv")
    assert (status, profile) == ("rejected", None)
    assert reason == (
        "no payer account: give the file a 付款账号 column, or a title line naming it (付款账号：…), "
        "or a [bank.payer_by_file] pattern matching the file's name"
    )
    assert WAGE_ACCOUNT not in reason
    assert {rule for rule, _, _ in result.flags()} == {"MISSED_PAYMENT", "NO_PAYROLL"}


def test_fen_amounts_are_converted_with_decimal_arithmetic(inbox, run):
    _base(inbox).write()
    _write(
        inbox,
        "boc_202609.xml",
        _boc()
        .replace(b"500000</money>", b"499999</money>", 1)
        .replace(b"<totalamt>1000000", b"<totalamt>999999"),
    )
    result = run(inbox.root, AS_OF)
    paid = result.query("select payee_name, amount from payments order by payee_name")
    assert paid == [("张三", Decimal("4999.99")), ("李四", Decimal("5000.00"))]
    assert result.query("select typeof(amount) from payments limit 1") == [("DECIMAL(14,2)",)]


def test_a_file_whose_xml_summary_disagrees_with_its_records_is_rejected_whole(inbox, run):
    _base(inbox).write()
    _write(inbox, "boc_202609.plz", _boc(total_fen=1500000, count=3))  # a record was cut out
    result = run(inbox.root, AS_OF)
    assert _logged(result, "boc_202609.plz")[:2] == (
        "rejected",
        "the file's XML summary says 3 rows / 15,000.00 but it holds 2 rows / 10,000.00: incomplete or "
        "edited; ask the bank to resend it",
    )
    assert result.query("select count(*) from payments") == [(0,)]  # no row of it counts


def test_a_total_row_that_disagrees_rejects_the_file_and_a_result_file_may_total_its_successes(inbox, run):
    _base(inbox).write()
    edited = _ccb().replace(b"10000.00", b"12000.00")
    _write(inbox, "ccb_edited.csv", edited)
    header = "付款账号|收款人姓名|收款账号|金额|交易日期|状态|工资所属期|流水号"
    lines = [
        header,
        f"{WAGE_ACCOUNT}|张三|{CARD_1}|5000|2026-09-10|成功|2026-08|R1",
        f"{WAGE_ACCOUNT}|李四|{CARD_2}|5000|2026-09-10|失败|2026-08|R2",
        "合计|共1笔|||5000.00|||",  # the bank totals only what succeeded: agrees
    ]
    _write(inbox, "result.txt", ("\n".join(lines) + "\n").encode("utf-8"))
    result = run(inbox.root, AS_OF)
    assert _logged(result, "ccb_edited.csv")[:2] == (
        "rejected",
        "the file's 合计 row says 2 rows / 12,000.00 but it holds 2 rows / 10,000.00: incomplete or edited; "
        "ask the bank to resend it",
    )
    assert _logged(result, "result.txt")[:3] == ("loaded", None, "standard")
    assert sorted(result.flags()) == [("MISSED_PAYMENT", "2026-08", "李四")]


def test_totals_that_agree_and_a_file_with_no_totals_are_loaded(inbox, run):
    _base(inbox).write()
    _write(inbox, "ccb_202609.csv", _ccb())  # its 合计 agrees
    _write(inbox, "cmb_202609.xlsx", _cmb)  # states no totals at all
    result = run(inbox.root, AS_OF)
    assert [_logged(result, name)[0] for name in ("ccb_202609.csv", "cmb_202609.xlsx")] == ["loaded"] * 2


def test_a_title_line_total_that_disagrees_rejects_the_file(inbox, run):
    _base(inbox).write()
    text = _bocom().decode("utf-16").replace("交通银行代发工资入账结果", "交通银行代发工资入账结果 总笔数：3")
    _write(inbox, "bocom.txt", text.encode("utf-16"))
    result = run(inbox.root, AS_OF)
    assert _logged(result, "bocom.txt")[:2] == (
        "rejected",
        "the file's summary line says 3 rows but it holds 2 rows (2 rows succeeded): incomplete or edited; "
        "ask the bank to resend it",
    )


def test_the_totals_rejection_is_in_the_run_summary_and_the_report(inbox, full_run):
    _base(inbox).write()
    _write(inbox, "boc_202609.plz", _boc(total_fen=1500000, count=3))
    finished = full_run(inbox.root, AS_OF)
    reason = "the file's XML summary says 3 rows / 15,000.00 but it holds 2 rows / 10,000.00"
    assert f"bank/boc_202609.plz: {reason}" in render_text(finished.result)
    report = (finished.settings.reports_dir / "index.html").read_text(encoding="utf-8")
    said = (
        "文件的XML 汇总写明3笔 / ¥15,000.00，但文件实际有2笔 / ¥10,000.00："
        "文件不完整或被改动过，请银行重新发送"
    )
    assert f"<td>bank/boc_202609.plz</td><td>{said}</td>" in html.unescape(report)  # the report's language


def test_a_configured_fixed_width_profile_in_fen_reads_its_bank(inbox, run, tmp_path):
    _base(inbox).write()
    config = _config(
        tmp_path,
        """
[bank_profiles.jxnx]
file_name = "^jxnx_"
format = "fixed_width"
encoding = "gb18030"
amount_unit = "fen"
payer_account = "title"
aliases = { "收款卡号" = "payee_account", "收款人" = "payee_name", "发放金额" = "amount" }
spans = { payee_account = [1, 19], payee_name = [20, 23], amount = [24, 33] }
""",
    )
    lines = [
        f"付款人账号:{WAGE_ACCOUNT} 发放日期:2026/09/10",
        "收款卡号            收款人 发放金额",
        f"{CARD_1}张三  0000500000",
        f"{CARD_2}李四  0000500000",
    ]
    _write(inbox, "jxnx_202609.txt", ("\n".join(lines) + "\n").encode("gb18030"))
    result = run(inbox.root, AS_OF, config)
    assert _logged(result, "jxnx_202609.txt") == ("loaded", None, "jxnx", "title")
    assert result.flags() == []


@pytest.mark.parametrize(
    ("section", "problem"),
    [
        ('amount_unit = "jiao"', "'bank_profiles.x.amount_unit' should be 'yuan' or 'fen'"),
        ('format = "fixed_width"\nspans = { amount = [5, 2] }', "span of 'amount' must be [first, last]"),
        ('file_name = "(["', "'bank_profiles.x.file_name' is not a regular expression"),
        ('aliases = { "卡号" = "card" }', "'卡号' maps to unknown column 'card'"),
        ('format = "fixed_width"', "spans are given exactly when format is fixed_width"),
    ],
)
def test_a_wrong_bank_profile_is_refused_naming_its_key(tmp_path, section, problem):
    with pytest.raises(ConfigError, match=problem.replace("[", r"\[").replace("(", r"\(")):
        _config(tmp_path, f"[bank_profiles.x]\n{section}\n")


def test_a_wrong_payer_by_file_pattern_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="is not a regular expression"):
        _config(tmp_path, '[bank.payer_by_file]\n"rcc_(" = "6222000011112222333"\n')


def test_bracket_notes_after_a_roster_header_are_ignored(inbox, run):
    inbox.project().write()
    header = "项目编号（必填）,姓名（必填）,身份证号【18位】,工资卡号(必填),计薪方式,工资标准（元）,进场日期"
    row = f"P360802-0001,张三,{IDS['张三']},{CARD_1},月薪,5000,2026-08-01"
    (inbox.root / "rosters" / "roster.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    result = run(inbox.root, AS_OF)
    assert result.query("select worker_name, wage_rate_amount from roster_stints") == [
        ("张三", Decimal("5000.00"))
    ]


def _read(tmp_path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    all_kinds = kinds()
    return read_file(
        path, all_kinds["bank"], [k for n, k in all_kinds.items() if n != "bank"], bank_formats(Config.load())
    )


def test_xml_and_fixed_width_rows_are_numbered_by_their_lines_and_keep_the_text_as_written(tmp_path):
    xml = _read(tmp_path, "boc.plz", _boc())
    assert xml.table.column("row_number").to_pylist() == [11, 12]  # the lines of the <detail> tags
    assert xml.table.column("amount").to_pylist() == ["500000", "500000"]  # fen, converted in staging
    assert set(xml.table.column("amount_unit").to_pylist()) == {"fen"}
    assert (xml.rows_read, xml.rows_non_data) == (2, 0)
    fixed = _read(tmp_path, "abc.txt", _abc())
    assert fixed.table.column("row_number").to_pylist() == [4, 5]
    assert fixed.table.column("payee_name").to_pylist()[0].strip() == "张三"
    assert (fixed.rows_read, fixed.rows_non_data) == (6, 4)  # two title lines, the header, the 合计 line


def test_a_tab_separated_file_is_never_read_as_fixed_width(tmp_path):
    lines = [
        f"付款账号:\t{WAGE_ACCOUNT}\t交易日期:\t2026-09-10",
        "账号\t户名\t金额\t注释",
        f"{CARD_1}\t张三\t5000\t工资",
    ]
    read = _read(tmp_path, "cmb.txt", ("\n".join(lines) + "\n").encode("utf-8"))
    assert (read.profile, read.table.column("amount").to_pylist()) == ("cmb", ["5000"])


def test_a_query_date_in_a_title_line_is_not_the_pay_date(tmp_path):
    text = _ccb().decode("gb18030").replace("代发日期：2026年9月10日", "查询日期：2026年9月30日")
    with pytest.raises(Rejected, match=r"^header \(row 4\) lacks required column\(s\): paid_at$"):
        _read(tmp_path, "ccb.csv", text.encode("gb18030"))


def test_a_fixed_width_total_line_that_disagrees_rejects_the_file(tmp_path):
    edited = _abc().replace("合计：2笔".encode("gb18030"), "合计：3笔".encode("gb18030"))
    with pytest.raises(
        Rejected, match=r"^the file's 合计 row says 3 rows / 10,000.00 but it holds 2 rows / "
    ):
        _read(tmp_path, "abc.txt", edited)
