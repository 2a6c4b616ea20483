"""The benchmark's pure helpers (benchmarks/): the results table writer and the process-tree sampler.
Nothing here is timed; the benchmark itself is never a unit test."""

import subprocess
import sys
import textwrap

from benchmarks import results_md
from benchmarks.tree_rss import TreePeak, tree_rss

MIB = 2**20
GRANDCHILD_MIB = 100
# a child that starts a grandchild holding 100 MiB: only the sum over the tree sees it
PARENT = textwrap.dedent(f"""
    import subprocess, sys
    grandchild = "data = bytes(range(256)) * ({GRANDCHILD_MIB} * 4096); import time; time.sleep(1.5)"
    subprocess.run([sys.executable, "-c", grandchild], check=True)
""")


def test_rows_of_one_machine_and_day_go_under_one_heading_and_a_new_day_starts_a_table(tmp_path):
    results = tmp_path / "results.md"
    results_md.append(results, "## EPYC, 2 cores · 2026-12-01", [["10,000 × 3", "a | b"]], "# Results\n")
    results_md.append(results, "## EPYC, 2 cores · 2026-12-01", [["100,000 × 3", "c"]])
    results_md.append(results, "## EPYC, 2 cores · 2026-12-02", [["10,000 × 3", "d"]])
    lines = results.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Results"
    assert [line for line in lines if line.startswith("## ")] == [
        "## EPYC, 2 cores · 2026-12-01",
        "## EPYC, 2 cores · 2026-12-02",
    ]
    rows = [line for line in lines if line.startswith("| 1")]
    assert rows == ["| 10,000 × 3 | a \\| b |", "| 100,000 × 3 | c |", "| 10,000 × 3 | d |"]
    assert lines.count(results_md.table_row(list(results_md.COLUMNS))) == 2


def test_the_peak_is_the_sum_over_the_whole_process_tree_grandchildren_included():
    parent = subprocess.Popen([sys.executable, "-c", PARENT])
    with TreePeak(parent.pid) as peak:
        parent.wait()
    assert parent.returncode == 0
    assert peak.peak >= GRANDCHILD_MIB * MIB
    assert peak.samples > 1
    assert tree_rss(parent.pid) == 0  # gone: counts nothing


def test_the_machine_is_named_by_its_cpu_cores_and_ram_never_its_host_name():
    import socket

    where = results_md.machine()
    assert " cores, " in where and where.endswith(" GiB RAM")
    host = socket.gethostname()
    assert len(host) < 4 or host not in where  # a host name that short could be a word of the model
