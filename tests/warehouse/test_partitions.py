"""A night on a Dask cluster publishes what one process publishes: on distributed.LocalCluster (2
worker processes, 1 thread each), `wagewatch run` with `[engine] dask_address` against the same
inbox run in one process, every published table compared row by row, in any order. The inbox spans
three provinces, with a worker on two projects in two of them in one month (CONCURRENT_PROJECTS,
which only the merge can see)."""

import os
import shutil
import socket
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import night_settings
from tests.synthetic.test_generated_truth import planted
from wagewatch import pipeline
from wagewatch.config_file import ConfigError
from wagewatch.errors import PipelineError
from wagewatch.settings import Config
from wagewatch.synthetic import generate
from wagewatch.warehouse import db, partitions, runner

RUN_TIMEOUT_SECONDS = 300
WAGEWATCH_RUN = (sys.executable, "-m", "wagewatch.cli", "run")
PROVINCES = 3
# when a row was written, not what it says: the two runs differ there and nowhere else
WRITTEN_AT = {"ingested_files": {"ingested_at"}, "runs": {"run_id", "started_at", "ended_at"}}
QUERY_ACROSS_PROVINCES = (Path(__file__).parent / "concurrent_across_provinces.sql").read_text(
    encoding="utf-8"
)


def published(warehouse: Path) -> dict[str, list[str]]:
    """Every table of a published warehouse: its rows, each as text, sorted."""
    con = db.connect(warehouse, read_only=True)
    try:
        names = [name for (name,) in con.execute("select table_name from duckdb_tables()").fetchall()]
        tables = {}
        for name in names:
            columns = [row[0] for row in con.execute(f"describe {name}").fetchall()]
            kept = [column for column in columns if column not in WRITTEN_AT.get(name, set())]
            rows = con.execute(f"select {', '.join(kept)} from {name}").fetchall()
            tables[name] = sorted(repr(row) for row in rows)
        return tables
    finally:
        con.close()


def test_a_new_rule_is_judged_in_each_partition_unless_its_header_says_across():
    declared = {name for name, model in runner.load().models.items() if model.partitions == "across"}
    assert declared == {"concurrent_projects", "regions", "contractor_arrears", "blacklist_candidates"}
    the_plan = partitions.plan()
    assert "concurrent_projects" in the_plan.across  # its header: `-- partitions: across`
    assert {"shared_account", "missed_payment", "worker_periods"} <= set(the_plan.each)
    assert {"flags", "project_periods", "quarantine"} <= set(the_plan.across)  # they read an across one
    assert {"int_projects", "int_wage_accounts", "int_bank_rows", "int_complaint_rows"} <= set(
        the_plan.before
    )


@pytest.mark.parametrize(
    ("header", "role"), [("", "each"), ("-- partitions: across; joins workers\n", "across")]
)
def test_a_rule_added_as_a_file_is_judged_per_partition_unless_it_declares_across(tmp_path, header, role):
    root = tmp_path / "transforms"
    shutil.copytree(runner.transforms_root(), root, ignore=shutil.ignore_patterns("__pycache__"))
    missed = (root / "rules" / "missed_payment.sql").read_text(encoding="utf-8")
    added = missed.replace("-- code:        MISSED_PAYMENT", f"{header}-- code:        MISSED_AGAIN", 1)
    (root / "rules" / "missed_again.sql").write_text(added, encoding="utf-8")
    the_plan = partitions.plan(runner.load(root))
    assert "missed_again" in getattr(the_plan, role)


def test_a_partitions_header_names_one_of_the_roles():
    assert (
        runner._partition_role("rules/x.sql", "-- partitions: across; sums over workers\nselect 1")
        == "across"
    )
    assert runner._partition_role("rules/x.sql", "-- code: X\nselect 1") == "each"
    with pytest.raises(ValueError, match=r"rules/x.sql header: partitions must start with one of each"):
        runner._partition_role("rules/x.sql", "-- partitions: everywhere\nselect 1")


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def test_a_night_on_a_dask_cluster_publishes_what_one_process_publishes(tmp_path, cluster):
    manifest = generate(tmp_path / "gen", workers=150, months=2, provinces=PROVINCES)
    inbox = tmp_path / "gen" / "inbox"
    config = tmp_path / "cluster.toml"
    config.write_text(f'[engine]\ndask_address = "{cluster.scheduler_address}"\n', encoding="utf-8")
    on_cluster = tmp_path / "cluster" / "wagewatch.duckdb"

    arguments = ["--inbox", str(inbox), "--warehouse", str(on_cluster), "--as-of", manifest["as_of"]]
    done = subprocess.run(
        [*WAGEWATCH_RUN, *arguments, "--config", str(config)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=RUN_TIMEOUT_SECONDS,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "judge_partitions done" in done.stderr and "judge done" not in done.stderr
    by = {line.rsplit(":", 1)[1] for line in done.stderr.splitlines() if " judged in " in line}
    workers = {str(nanny.pid) for nanny in cluster.workers.values()}  # each worker process, by its nanny
    assert by and by <= workers, "every partition is judged by a worker of the cluster"

    as_of = date.fromisoformat(manifest["as_of"])
    single = night_settings(inbox, tmp_path / "single", as_of, Config.load())
    pipeline.run(single)

    expected, found = published(single.warehouse), published(on_cluster)
    assert found.keys() == expected.keys()
    for table in expected:
        assert found[table] == expected[table], table
    con = db.connect(on_cluster, read_only=True)
    try:
        across = con.execute(QUERY_ACROSS_PROVINCES).fetchall()
        flags = Counter(con.execute("select project_id, period, rule, worker_key from flags").fetchall())
    finally:
        con.close()
    assert across, "a worker on projects in two provinces in one month is flagged"
    assert flags == planted(tmp_path / "gen", single.pii_key())  # and every flag is the generator's truth
    assert not (on_cluster.parent / "wagewatch.private" / "spill" / "partitions").exists()


def test_the_cluster_is_named_in_the_configuration_else_by_dasks_own_variable(tmp_path, monkeypatch):
    config = tmp_path / "wagewatch.toml"
    config.write_text('[engine]\ndask_address = "tcp://10.0.0.5:8786"\n', encoding="utf-8")
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://10.0.0.9:8786")
    assert night_settings(tmp_path, tmp_path, date(2026, 12, 1), Config.load(config)).dask_address == (
        "tcp://10.0.0.5:8786"
    )
    assert night_settings(tmp_path, tmp_path, date(2026, 12, 1)).dask_address == "tcp://10.0.0.9:8786"
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS")
    assert night_settings(tmp_path, tmp_path, date(2026, 12, 1)).dask_address is None  # one process


def test_dasks_host_port_form_is_a_tcp_address_and_a_wrong_value_names_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "10.0.0.5:8786")  # as Dask accepts it
    assert night_settings(tmp_path, tmp_path, date(2026, 12, 1)).dask_address == "tcp://10.0.0.5:8786"
    config = tmp_path / "wagewatch.toml"
    config.write_text('[engine]\ndask_address = "10.0.0.6:8786"\n', encoding="utf-8")
    assert Config.load(config).engine.dask_address == "tcp://10.0.0.6:8786"
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "scheduler here")
    with pytest.raises(ConfigError, match=r"^DASK_SCHEDULER_ADDRESS='scheduler here': must be a Dask sch"):
        night_settings(tmp_path, tmp_path, date(2026, 12, 1)).dask_address  # noqa: B018


def test_a_worker_without_the_runs_key_refuses_and_never_makes_one(tmp_path, monkeypatch):
    monkeypatch.delenv("WAGEWATCH_PII_KEY")
    settings = night_settings(tmp_path, tmp_path, date(2026, 12, 1))
    with pytest.raises(PipelineError, match=r"no WAGEWATCH_PII_KEY and no .*wagewatch\.key here"):
        settings.pii_key(create=False)
    assert not settings.key_file.exists()


def test_a_worker_with_another_key_refuses_to_judge(tmp_path):
    settings = night_settings(tmp_path, tmp_path, date(2026, 12, 1))
    job = partitions.PartitionJob("36", tmp_path, settings, partitions.plan(), key_check="0" * 16)
    with pytest.raises(PipelineError, match="this Dask worker's WAGEWATCH_PII_KEY is not the run's"):
        partitions.build_partition(job)
    assert not job.database.exists()


def test_a_scheduler_nobody_listens_at_fails_the_night_before_it_reads_anything(tmp_path, monkeypatch):
    with socket.socket() as closed:  # a port just free: nothing listens there
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", f"tcp://127.0.0.1:{port}")
    settings = night_settings(tmp_path / "inbox", tmp_path, date(2026, 12, 1))
    (tmp_path / "inbox").mkdir()
    unreachable = f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"
    with pytest.raises(PipelineError, match=unreachable) as e:
        pipeline.run(settings)
    assert "[engine] dask_address or DASK_SCHEDULER_ADDRESS" in e.value.hint
    assert not settings.warehouse.exists()


def test_a_scheduler_on_another_machine_without_a_resident_prefect_server_is_refused_before_anything(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://10.255.255.1:8786")
    monkeypatch.delenv("PREFECT_API_URL", raising=False)

    def no_connection(*args, **kwargs):
        raise AssertionError("the scheduler was called before the refusal")

    monkeypatch.setattr(socket, "create_connection", no_connection)
    settings = night_settings(tmp_path / "inbox", tmp_path, date(2026, 12, 1))
    (tmp_path / "inbox").mkdir()
    refused = (
        "the Dask scheduler at tcp://10.255.255.1:8786 is on another machine, and PREFECT_API_URL is not set"
    )
    with pytest.raises(PipelineError, match=refused) as e:
        pipeline.run(settings)
    assert "listens on 127.0.0.1 only" in e.value.hint
    assert not settings.warehouse.exists()
