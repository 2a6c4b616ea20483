"""Publishing (docs/contract.md sections 4 and 5): identical re-runs, no clear personal data in what analysts
open, and a failed run that leaves the last good warehouse and reports exactly as they were."""

import hashlib
import shutil
import stat
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import night_settings, run_pipeline
from tests.helpers.inbox_builder import BANK_HEADER, CARDS, IDS, WAGE_ACCOUNT, Inbox, bank_row, write_csv
from wagewatch import pipeline
from wagewatch.warehouse import db

AUG_JUDGED = date(2026, 10, 1)


def _scene(inbox):
    inbox.project().worker("张三").worker("李四", wage_type="日薪", rate="300").worker(
        "王五", entry="2026-08-11"
    )
    inbox.worked("张三", "2026-08", "22").worked("李四", "2026-08", "20").worked("王五", "2026-08", "15")
    inbox.paid("张三", "5000", "2026-09-20", period="2026-08").paid(
        "李四", "3000", "2026-09-10", with_id=False
    )
    inbox.paid("赵六", "4000", "2026-09-10", period="2026-08")  # on no roster
    return inbox


def _tables(warehouse) -> dict[str, list]:
    con = db.connect(warehouse, read_only=True)
    try:
        names = [name for (name,) in con.execute("select table_name from duckdb_tables()").fetchall()]
        return {name: sorted(con.execute(f"select * from {name}").fetchall(), key=repr) for name in names}
    finally:
        con.close()


def test_rerunning_the_same_night_gives_identical_tables(inbox, run):
    first = run(_scene(inbox), AUG_JUDGED)
    before = _tables(first.settings.warehouse)
    second = run(inbox.root, AUG_JUDGED)
    after = _tables(second.settings.warehouse)
    assert second.result.files == []
    # every table but the history of runs, which gains this run
    assert {t: rows for t, rows in after.items() if t != "runs"} == {
        t: rows for t, rows in before.items() if t != "runs"
    }
    assert len(after["runs"]) == len(before["runs"]) + 1
    assert set(before) >= {"flags", "project_periods", "worker_periods", "quarantine", "ingested_files"}


def test_rebuilding_from_scratch_gives_identical_judgement(inbox, run, tmp_path):
    first = _tables(run(_scene(inbox), AUG_JUDGED).settings.warehouse)
    again = pipeline.Settings(inbox=inbox.root, warehouse=tmp_path / "again" / "w.duckdb", as_of=AUG_JUDGED)
    pipeline.run(again)
    second = _tables(again.warehouse)
    for table in ("flags", "project_periods", "worker_periods", "payments", "quarantine", "roster_stints"):
        assert second[table] == first[table], table


def _spaced(digits: str) -> str:
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def _full_width(text: str) -> str:
    return text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})


def test_published_warehouse_holds_no_clear_id_or_account(inbox, run):
    inbox = _scene(inbox).opened("2026-08-01").funded("2026-09-05", "20000.00")
    inbox.paid_out("张三", "5000.00", "2026-09-20")
    card = CARDS["李四"]
    inbox.moved("2026-09-21", debit="100.00", counterparty=card, name="李四", memo=f"转 {card}")
    inbox.moved("2026-09-22", debit="x", counterparty=CARDS["王五"], memo=IDS["王五"], balance="1")
    inbox.write()
    bad_rows = [
        [WAGE_ACCOUNT, "张三", CARDS["张三"], IDS["张三"], "abc", "2026-09-10", "成功", "", "", "X", ""],
        [
            WAGE_ACCOUNT,
            "李四",
            _spaced(CARDS["李四"]),
            _full_width(IDS["李四"]),
            "x",
            "",
            "",
            "",
            "",
            "Y",
            "",
        ],
        [
            WAGE_ACCOUNT,
            "王五",
            CARDS["王五"],
            IDS["王五"],
            "10",
            "2026-09-10",
            "失败",
            f"收款账号{CARDS['王五']}状态异常",
            f"备注 {_spaced(IDS['王五'])}",
            "Z",
            "",
        ],
    ]
    write_csv(
        inbox.root / "bank" / "broken.csv",
        [*BANK_HEADER[:7], "失败原因", "备注", "流水号", "项目编号"],
        bad_rows,
    )
    result = run(inbox.root, AUG_JUDGED)
    secrets = [*IDS.values(), *CARDS.values(), WAGE_ACCOUNT]
    found = []
    for table, rows in _tables(result.settings.warehouse).items():
        # compare digits only: a card written with spaces or in full-width digits is still the card
        text = unicodedata.normalize("NFKC", repr(rows)).replace(" ", "").replace("-", "")
        found += [(table, secret) for secret in secrets if secret in text]
    assert found == []
    assert result.query("select count(*) from quarantine") == [(3,)]
    assert result.query("select count(*) from account_movements") == [(4,)]
    assert result.query("select id_number_masked from flags where worker_name = '王五'") == [
        ("360802********0015",)
    ]


def test_private_store_and_key_file_are_owner_only(inbox, run, monkeypatch):
    monkeypatch.delenv("WAGEWATCH_PII_KEY")
    settings = run(_scene(inbox), AUG_JUDGED).settings
    for path in (settings.private_store, settings.key_file):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(settings.private_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(settings.spill_dir.stat().st_mode) == 0o700  # DuckDB's spill folder, inside it
    assert list(settings.spill_dir.iterdir()) == []  # a finished run leaves no spill file


def test_worker_key_is_the_hmac_of_the_id_under_the_configured_key(inbox, run):
    result = run(_scene(inbox), AUG_JUDGED)
    key = result.settings.pii_key()
    assert result.query("select distinct worker_key from flags where worker_name = '王五'") == [
        (db.worker_key(key, IDS["王五"]),)
    ]


def _published(settings) -> dict[str, str]:
    """SHA-256 of the published warehouse and of every report file."""
    files = [settings.warehouse, *sorted(p for p in settings.reports_dir.rglob("*") if p.is_file())]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture(scope="module")
def first_night(tmp_path_factory) -> Path:
    """The scene's first night, published once for the module: each failure test works on a copy."""
    folder = tmp_path_factory.mktemp("first-night")
    inbox = _scene(Inbox(folder / "inbox"))
    run_pipeline(inbox.write(), folder / "work", AUG_JUDGED)
    return folder


@pytest.mark.parametrize(
    "step", ["ingest_inbox", "build", "judge", "validate_intake", "check", "snapshot", "write_reports"]
)
def test_failed_run_leaves_the_published_warehouse_and_reports_untouched(
    first_night, tmp_path, monkeypatch, step
):
    shutil.copytree(first_night, tmp_path / "night", symlinks=True)  # latest/ stays a relative link
    inbox, work = tmp_path / "night" / "inbox", tmp_path / "night" / "work"
    settings = night_settings(inbox, work, AUG_JUDGED)
    published = _published(settings)
    write_csv(
        inbox / "bank" / "late.csv",
        BANK_HEADER,
        [bank_row("王五", "3448.28", "2026-09-30", period="2026-08", ref="L1")],
    )

    def broken(*args):
        raise RuntimeError(f"injected failure in {step}")

    monkeypatch.setattr(pipeline, step, broken)
    with pytest.raises(RuntimeError, match="injected failure"):
        run_pipeline(inbox, work, AUG_JUDGED)
    assert _published(settings) == published
    leftovers = [p.name for p in settings.warehouse.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []
    monkeypatch.undo()
    recovered = run_pipeline(inbox, work, AUG_JUDGED)
    assert ("MISSED_PAYMENT", "2026-08", "王五") not in recovered.flags()


def test_every_published_amount_is_decimal_14_2(sample_run):
    columns = sample_run.query(
        "select table_name, column_name, data_type from duckdb_columns() where column_name like '%_amount'"
    )
    assert columns
    assert [c for c in columns if c[2] != "DECIMAL(14,2)"] == []
