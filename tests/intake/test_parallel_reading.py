"""A large inbox is read by worker processes: what they read is what this process reads, row for row,
file for file, in the same order, rejections and their reasons included."""

import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import duckdb

from wagewatch.intake import parallel
from wagewatch.intake.ingest import ingest

SAMPLE = Path(__file__).parents[2] / "data" / "sample" / "inbox"
LOGGED = (
    "file_seq, source_file, kind, sha256, rows_read, rows_non_data, rows, status, reason, reason_zh, profile"
)


def _ingested(inbox: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect()
    ingest(con, inbox)
    tables = [name for (name,) in con.execute("select table_name from duckdb_tables() order by 1").fetchall()]
    read = {
        name: con.execute(f"select * from {name} order by all").fetchall()
        for name in tables
        if name != "ingest_log"
    }
    read["ingest_log"] = con.execute(f"select {LOGGED} from ingest_log order by file_seq").fetchall()
    return read


def test_workers_read_the_inbox_exactly_as_one_process_does(tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE, inbox)
    (inbox / "bank" / "broken.xlsx").write_bytes(b"not a workbook")  # a rejection crosses back too
    (inbox / "stray.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    alone = _ingested(inbox)
    pools = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(args[0])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(parallel, "PARALLEL_FROM_FILES", 1)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", CountedPool)
    spread = _ingested(inbox)
    assert pools == [2]
    assert spread == alone
    statuses = {status for *_, status, _, _, _ in alone["ingest_log"]}
    assert statuses == {"loaded", "rejected"}


def test_one_engine_thread_reads_every_file_in_this_process(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FROM_FILES", 1)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", None)  # a pool would fail loudly here
    con = duckdb.connect()
    outcomes = ingest(con, SAMPLE, workers=1)  # [engine] threads = 1
    assert len(outcomes) == sum(1 for path in SAMPLE.rglob("*") if path.is_file())
