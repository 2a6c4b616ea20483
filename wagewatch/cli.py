"""The `wagewatch` command: run, demo, serve, status, rollback, config, rules and generate
(docs/contract.md section 6).

Paths from the command line are made absolute here and in settings, once. Every failure a user can
cause ends in one line on stderr, `wagewatch: <what went wrong> (<what to do>)`, and exit 1; the
traceback only with --debug. Prefect's and GX's own logging stays at WARNING unless --verbose; the
run prints a line as each step starts and ends, start-up included.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import json
import logging
import os
import shutil
import sys
import time
from decimal import Decimal
from pathlib import Path

from wagewatch.errors import UNCHANGED

# Offline by default: no telemetry, and time for Prefect's local server to start on a small machine.
PREFECT_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "GX_ANALYTICS_ENABLED": "false",
}
QUIET_LIBRARIES = {"PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING"}  # the console; the UI gets all
DEMO_DIR = Path("wagewatch-demo")
SAMPLE_DIR = Path(__file__).resolve().parents[1] / "data" / "sample"
SAMPLE_WORKERS, SAMPLE_MONTHS = 150, 3

logger = logging.getLogger("wagewatch")


def _env_defaults(verbose: bool) -> None:
    for name, value in {**PREFECT_DEFAULTS, **({} if verbose else QUIET_LIBRARIES)}.items():
        os.environ.setdefault(name, value)


class _OneLineErrors(logging.Filter):
    """Prefect logs a failed task or flow run with its traceback; wagewatch says what failed in one
    line instead (the whole record still reaches Prefect's UI, and the console with --debug)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno >= logging.ERROR and record.name.startswith("prefect"))


def _logging(verbose: bool) -> None:
    """wagewatch's own lines (steps and start-up) on stderr; GX at WARNING unless --verbose."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s  %(message)s", datefmt="%H:%M:%S"))
    logger.handlers = [handler]  # one command, one handler: main() may be called again in a process
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logging.getLogger("great_expectations").setLevel(logging.INFO if verbose else logging.WARNING)


def _nightly(args: argparse.Namespace):
    """The nightly flow, with Prefect imported and its server up; both timed as start-up. Prefect's
    temporary server is started first, in its own process, so that its start-up runs on the other
    core while this one imports the flow and Great Expectations, which the first step needs."""
    from wagewatch import prefect_server

    with _kept_for_good(args.own_process):
        server = prefect_server.start()
        configured = prefect_server.configure(server)
        from wagewatch.flows.nightly import nightly
        from wagewatch.quality.gate import import_gx

        import_gx()
    if not args.debug:  # Prefect set up its console handlers when it was imported
        for handler in logging.getLogger().handlers:
            handler.addFilter(_OneLineErrors())
    logger.info("start-up: imports %.1f s", time.perf_counter() - args.started)
    if configured:
        logger.info("start-up: Prefect server at %s", configured)
    elif server is not None:
        from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

        seconds = server.wait(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
        logger.info("start-up: Prefect's temporary server ready after %.1f s", seconds)
        return _without_heartbeats(nightly)
    return nightly


def _without_heartbeats(nightly):
    """The flow, for a server that ends with this process. Heartbeats let a resident server tell a
    crashed run from a long one; no one reads them here, and the flow's end waits up to a second for
    the heartbeat thread to wake from its sleep."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    def night(**parameters):
        with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            return nightly(**parameters)

    return night


@contextlib.contextmanager
def _kept_for_good(own_process: bool):
    """Start-up's imports with Python's cyclic garbage collector paused, and what they made frozen:
    half a million objects (Prefect, GX, pandas) that live as long as the process, which each full
    collection of the night would otherwise walk again. Only in a process of wagewatch's own (tests
    call main() in theirs, whose garbage must stay collectable)."""
    if not own_process:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _print_result(result) -> None:
    from wagewatch.reports.summary import render_text

    print(render_text(result))


def _absolute(path: Path | None) -> str | None:
    return str(path.absolute()) if path is not None else None


def cmd_run(args: argparse.Namespace) -> int:
    from wagewatch.settings import settings_from
    from wagewatch.warehouse.store import open_store

    # Check the words before Prefect starts a server: a typo should fail in a moment, not in ten seconds.
    settings = settings_from(
        str(args.inbox), str(args.warehouse), args.as_of, _absolute(args.config), _absolute(args.reports)
    )
    open_store(settings).close()  # another run holding the store is refused before Prefect starts
    result = _nightly(args)(
        inbox=str(settings.inbox),
        warehouse=str(settings.warehouse),
        as_of=args.as_of,
        config=_absolute(args.config),
        reports=_absolute(args.reports),
    )
    _print_result(result)
    return 0


def _sample(workdir: Path) -> Path:
    """The bundled sample; regenerated (deterministically) when wagewatch runs from an installed wheel."""
    if (SAMPLE_DIR / "manifest.json").exists():
        return SAMPLE_DIR
    from wagewatch.synthetic import generate

    generate(workdir / "sample", workers=SAMPLE_WORKERS, months=SAMPLE_MONTHS)
    return workdir / "sample"


def cmd_demo(args: argparse.Namespace) -> int:
    workdir: Path = args.workdir.absolute()
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    sample = _sample(workdir)
    manifest = json.loads((sample / "manifest.json").read_text(encoding="utf-8"))
    result = _nightly(args)(
        inbox=str(sample / "inbox"),
        warehouse=str(workdir / "warehouse" / "wagewatch.duckdb"),
        as_of=manifest["as_of"],
        reports=str(workdir / "reports"),
    )
    print()
    print(f"demo on the bundled sample ({sample}), as of {manifest['as_of']}")
    _print_result(result)
    return 0


def nightly_deployment(args: argparse.Namespace):
    """The nightly flow as a deployment on the configured schedule (02:00 Asia/Shanghai by default)."""
    from prefect.schedules import Cron

    from wagewatch.settings import Config, overridden_schedule, settings_from

    schedule = overridden_schedule(Config.load(args.config), cron=args.cron, timezone=args.timezone)
    settings = settings_from(
        str(args.inbox), str(args.warehouse), None, _absolute(args.config), _absolute(args.reports)
    )
    from wagewatch.flows.nightly import nightly

    return nightly.to_deployment(
        name="wagewatch-nightly",
        concurrency_limit=1,  # a night that runs long must not overlap the next
        schedules=[Cron(schedule.cron, timezone=schedule.timezone)],
        parameters={
            "inbox": str(settings.inbox),
            "warehouse": str(settings.warehouse),
            "as_of": None,  # today in the schedule's zone; an operator reruns a night by setting it
            "config": _absolute(args.config),
            "reports": _absolute(args.reports),
        },
    )


def cmd_serve(args: argparse.Namespace) -> int:
    deployment = nightly_deployment(args)  # every word checked before Prefect starts
    _nightly(args)
    from prefect import serve

    serve(deployment)
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from wagewatch.synthetic import generate

    manifest = generate(
        args.out,
        workers=args.workers,
        months=args.months,
        seed=args.seed,
        findings_in_every_project=args.findings_in_every_project,
        provinces=args.provinces,
    )
    print(
        f"generated {manifest['workers']} workers x {manifest['months']} months in {args.out} "
        f"(as of {manifest['as_of']}; planted truth in {args.out / 'truth.csv'})"
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from wagewatch.publish.runs import render_status

    print(render_status(args.warehouse.absolute(), args.last))
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from wagewatch.publish.snapshot import rollback

    warehouse = args.warehouse.absolute()
    restored = rollback(warehouse)
    print(f"published {warehouse} again as it was before {restored.name.split('.')[-2]}")
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from wagewatch.settings import Config, explain

    if args.check:
        Config.load(args.check)
        print(f"{args.check.absolute()}: the configuration is valid")
        return 0
    for key, value, source in explain(args.config):
        shown = value if isinstance(value, Decimal) else repr(value)  # as the file would write it
        print(f"{key} = {shown}    # {source}")
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    from wagewatch.settings import Config
    from wagewatch.warehouse.catalogue import render

    config = Config.load(args.config)
    print(render(config, config.report.language))
    return 0


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    from wagewatch.settings import DEFAULT_WAREHOUSE

    parser.add_argument(
        "--inbox", type=Path, required=True, help="folder with projects/ rosters/ attendance/ bank/"
    )
    parser.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help="the published DuckDB file")
    parser.add_argument("--config", type=Path, help="a TOML file overriding the defaults")
    parser.add_argument(
        "--reports", type=Path, help="where reports go (default: reports/ beside the warehouse)"
    )


def parser() -> argparse.ArgumentParser:
    from wagewatch.settings import DEFAULT_WAREHOUSE
    from wagewatch.synthetic import DEFAULT_SEED

    top = argparse.ArgumentParser(
        prog="wagewatch", description="Real-name wage monitoring for construction sites."
    )
    top.add_argument("--verbose", action="store_true", help="show Prefect's and GX's own logging")
    top.add_argument("--debug", action="store_true", help="a traceback with every error")
    commands = top.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run the nightly flow once")
    _add_run_options(run)
    run.add_argument(
        "--as-of", help="judge as of this date, YYYY-MM-DD (default: today in [schedule] timezone)"
    )
    run.set_defaults(handler=cmd_run)

    demo = commands.add_parser("demo", help="run on the bundled sample into a fresh folder and summarise")
    demo.add_argument(
        "--workdir", type=Path, default=DEMO_DIR, help=f"fresh working folder (default {DEMO_DIR})"
    )
    demo.set_defaults(handler=cmd_demo)

    serve = commands.add_parser("serve", help="run the nightly flow on a schedule")
    _add_run_options(serve)
    serve.add_argument("--cron", help="cron schedule (default from configuration: 0 2 * * *)")
    serve.add_argument("--timezone", help="time zone of the schedule (default Asia/Shanghai)")
    serve.set_defaults(handler=cmd_serve)

    status = commands.add_parser(
        "status", help="print the last runs: when, as of, status, files, rows, flags"
    )
    status.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help="the published DuckDB file")
    status.add_argument("--last", type=int, default=10, help="how many runs (default 10)")
    status.set_defaults(handler=cmd_status)

    rollback = commands.add_parser("rollback", help="publish the previous warehouse again")
    rollback.add_argument(
        "--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help="the published DuckDB file"
    )
    rollback.set_defaults(handler=cmd_rollback)

    config = commands.add_parser(
        "config", help="print the configuration in force and where each value came from"
    )
    config.add_argument("--config", type=Path, help="a TOML file overriding the defaults")
    config.add_argument("--check", type=Path, metavar="FILE", help="validate FILE, run nothing")
    config.set_defaults(handler=cmd_config)

    rules = commands.add_parser("rules", help="print the rule catalogue with the thresholds in force")
    rules.add_argument("--config", type=Path, help="a TOML file overriding the defaults")
    rules.set_defaults(handler=cmd_rules)

    generate = commands.add_parser(
        "generate", help="write a synthetic inbox and the truth of what it planted"
    )
    generate.add_argument("--workers", type=int, required=True)
    generate.add_argument("--months", type=int, required=True)
    generate.add_argument("--out", type=Path, required=True)
    generate.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the bundled sample's by default")
    generate.add_argument(
        "--findings-in-every-project",
        action="store_true",
        help="plant a missed payment in every project and month that has no other plant (a bad month)",
    )
    generate.add_argument(
        "--provinces",
        type=int,
        default=1,
        help="spread the projects over this many provinces (1-6), a worker on two of them in one month",
    )
    generate.set_defaults(handler=cmd_generate)
    return top


def describe(error: BaseException) -> str:
    """One line for the operator: what went wrong, and in brackets what to do about it."""
    import duckdb

    from wagewatch.errors import PipelineError
    from wagewatch.settings import ConfigError

    if isinstance(error, PipelineError):
        return f"{error} ({error.hint or UNCHANGED})"
    if isinstance(error, ConfigError):
        return f"configuration {error} (correct it; `wagewatch config --check FILE` checks a file)"
    if (isinstance(error, OSError) and error.errno == errno.ENOSPC) or "No space left" in str(error):
        return f"no space left on the device ({error}) (free some space and run again; {UNCHANGED})"
    if isinstance(error, PermissionError):
        return f"permission denied: {error.filename} (make it writable for this user, or choose another path)"
    if isinstance(error, OSError | duckdb.IOException):
        return f"{error} (check the path and run again; {UNCHANGED})"
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first_line} (run again with --debug for the traceback; {UNCHANGED})"


def main(argv: list[str] | None = None, own_process: bool = False) -> int:
    args = parser().parse_args(argv)
    args.started = time.perf_counter()
    args.own_process = own_process
    _env_defaults(args.verbose)
    _logging(args.verbose)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print(f"wagewatch: {args.command} stopped by the user ({UNCHANGED})", file=sys.stderr)
        return 130
    except Exception as error:
        if args.debug:
            raise
        print(f"wagewatch: {describe(error)}", file=sys.stderr)
        return 1


def console() -> None:
    """The `wagewatch` command, main() in a process of its own. Its exit skips the collector's last
    pass over every live object (seconds after a night): the process ends, the memory goes with it."""
    code = main(own_process=True)
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    console()
