"""The `wagewatch` command: run, demo, serve and generate (docs/contract.md section 6)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

# Offline by default: no telemetry, and time for Prefect's local server to start on a small machine.
PREFECT_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "GX_ANALYTICS_ENABLED": "false",
}
DEMO_DIR = Path("wagewatch-demo")
SAMPLE_DIR = Path(__file__).resolve().parents[1] / "data" / "sample"
SAMPLE_WORKERS, SAMPLE_MONTHS = 150, 3


def _env_defaults() -> None:
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)


def _nightly():
    _env_defaults()
    from wagewatch.flows.nightly import nightly

    return nightly


def _print_result(result) -> None:
    from wagewatch.summary import render_text

    print(render_text(result))


def cmd_run(args: argparse.Namespace) -> int:
    from wagewatch.pipeline import settings_from

    # Check the words before Prefect starts a server: a typo should fail in a moment, not in ten seconds.
    settings_from(str(args.inbox), str(args.warehouse), args.as_of, args.config and str(args.config))
    result = _nightly()(
        inbox=str(args.inbox),
        warehouse=str(args.warehouse),
        as_of=args.as_of,
        config=str(args.config) if args.config else None,
        reports=str(args.reports) if args.reports else None,
    )
    _print_result(result)
    return 0


def _sample(workdir: Path) -> Path:
    """The bundled sample; regenerated (deterministically) when wagewatch runs from an installed wheel."""
    if (SAMPLE_DIR / "manifest.json").exists():
        return SAMPLE_DIR
    from wagewatch.generate import generate

    generate(workdir / "sample", workers=SAMPLE_WORKERS, months=SAMPLE_MONTHS)
    return workdir / "sample"


def cmd_demo(args: argparse.Namespace) -> int:
    workdir: Path = args.workdir
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    sample = _sample(workdir)
    manifest = json.loads((sample / "manifest.json").read_text(encoding="utf-8"))
    result = _nightly()(
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

    from wagewatch.settings import Config

    schedule = Config.load(args.config).schedule
    return _nightly().to_deployment(
        name="wagewatch-nightly",
        concurrency_limit=1,  # a night that runs long must not overlap the next
        schedules=[Cron(args.cron or schedule["cron"], timezone=args.timezone or schedule["timezone"])],
        parameters={
            "inbox": str(args.inbox.resolve()),
            "warehouse": str(args.warehouse.resolve()),
            "config": str(args.config.resolve()) if args.config else None,
            "reports": str(args.reports.resolve()) if args.reports else None,
        },
    )


def cmd_serve(args: argparse.Namespace) -> int:
    from prefect import serve

    serve(nightly_deployment(args))
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from wagewatch.generate import generate

    manifest = generate(args.out, workers=args.workers, months=args.months, seed=args.seed)
    print(
        f"generated {manifest['workers']} workers x {manifest['months']} months in {args.out} "
        f"(as of {manifest['as_of']}; planted truth in {args.out / 'truth.csv'})"
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from wagewatch.operations import render_status

    print(render_status(args.warehouse, args.last))
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from wagewatch.operations import rollback

    restored = rollback(args.warehouse)
    print(f"published {args.warehouse} again as it was before {restored.name.split('.')[-2]}")
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from wagewatch.settings import explain

    for key, value, source in explain(args.config):
        print(f"{key} = {value!r}    # {source}")
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    from wagewatch.catalogue import render
    from wagewatch.settings import Config

    print(render(Config.load(args.config)))
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
    from wagewatch.generate import DEFAULT_SEED
    from wagewatch.settings import DEFAULT_WAREHOUSE

    top = argparse.ArgumentParser(
        prog="wagewatch", description="Real-name wage monitoring for construction sites."
    )
    commands = top.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run the nightly flow once")
    _add_run_options(run)
    run.add_argument("--as-of", help="judge as of this date, YYYY-MM-DD (default: today)")
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
    generate.set_defaults(handler=cmd_generate)
    return top


def main(argv: list[str] | None = None) -> int:
    from wagewatch.pipeline import PipelineError
    from wagewatch.settings import ConfigError

    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except (PipelineError, ConfigError, OSError, RuntimeError) as error:
        print(f"wagewatch: {args.command} failed: {error}", file=sys.stderr)
        print("wagewatch: the published warehouse and reports were left as they were", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
