"""Publishing by snapshot: an analyst holding the published warehouse open in another process keeps
a consistent view while the nightly run replaces it, and a new connection sees the new data."""

import subprocess
import sys
import textwrap
from datetime import date

from tests.inbox_builder import BANK_HEADER, CARDS, IDS, WAGE_ACCOUNT, write_csv
from wagewatch import pipeline

AUG_JUDGED = date(2026, 10, 1)

READER = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    print(con.execute("select count(*) from flags").fetchall()[0][0], flush=True)
    sys.stdin.readline()  # hold the connection open until the run is over
    print(con.execute("select count(*) from flags").fetchall()[0][0], flush=True)
    con.close()  # DuckDB keeps one database per path in a process while any connection to it is open
    fresh = duckdb.connect(sys.argv[1], read_only=True)
    print(fresh.execute("select count(*) from flags").fetchall()[0][0], flush=True)
""")


def test_a_reader_in_another_process_keeps_its_view_and_the_run_still_succeeds(inbox, run):
    inbox.project().worker("张三").worker("李四").worked("张三", "2026-08", "22").worked(
        "李四", "2026-08", "22"
    )
    first = run(inbox, AUG_JUDGED)
    assert len(first.flags()) == 3  # both missed, and no payroll
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(first.settings.warehouse)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "3"
        write_csv(
            inbox.root / "bank" / "late.csv",
            BANK_HEADER,
            [
                [
                    WAGE_ACCOUNT,
                    "张三",
                    CARDS["张三"],
                    IDS["张三"],
                    "5000",
                    "2026-09-10",
                    "成功",
                    "2026-08",
                    "",
                    "L1",
                    "",
                ]
            ],
        )
        second = pipeline.run(first.settings)
        assert second.flags == {"MISSED_PAYMENT": 1}
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "3"  # the open connection's snapshot is unchanged
        assert reader.stdout.readline().strip() == "1"  # a new connection sees the new warehouse
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)
    assert reader.returncode == 0
