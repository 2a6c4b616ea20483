"""DuckDB connections the way wagewatch needs them: offline, with NFKC and the run's variables."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from wagewatch.settings import Settings
from wagewatch.vocabulary import LEVELS, SEVERITIES, UNJUDGED
from wagewatch.warehouse import regions

# Extensions download at run time and there is no network: each failed auto-install costs seconds.
OFFLINE = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
# The legal number of paid days in a month (劳社部发〔2008〕3号: 365 - 104 weekend days) / 12.
PAID_DAYS_PER_MONTH = Decimal("21.75")
HMAC_BLOCK_BYTES = 64  # SHA-256's block size


def _nfkc(text: pa.Array) -> pa.Array:
    return pc.utf8_trim_whitespace(pc.utf8_normalize(text, "NFKC"))


def _set_vocabulary(con: duckdb.DuckDBPyConnection) -> None:
    """The shared words (wagewatch.vocabulary), for models, suites and report queries alike."""
    con.execute("set variable level_order = $levels::varchar[]", {"levels": list(LEVELS)})
    con.execute("set variable severity_order = $severities::varchar[]", {"severities": list(SEVERITIES)})
    con.execute("set variable unjudged = $levels::varchar[]", {"levels": list(UNJUDGED)})


def _prepare(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    # DuckDB has NFC but not NFKC (full-width digits to ASCII); Arrow's runs vectorised, not per row.
    con.create_function("nfkc", _nfkc, [str], str, type="arrow", side_effects=False)
    _set_vocabulary(con)
    return con


def query(package: str, name: str) -> str:
    """A named query kept beside the code that runs it, as <package>/sql/<name>.sql."""
    return resources.files(package).joinpath("sql", f"{name}.sql").read_text(encoding="utf-8")


def connect(
    path: Path | str = ":memory:", *, read_only: bool = False, engine: dict[str, str | int] | None = None
) -> duckdb.DuckDBPyConnection:
    """A connection, offline; `engine` (engine_config) sets memory, threads and spilling when the
    database opens, for every connection and cursor on it."""
    config = {**OFFLINE, **(engine or {})}
    return _prepare(duckdb.connect(str(path), read_only=read_only, config=config))


def engine_config(settings: Settings) -> dict[str, str | int]:
    """[engine] as DuckDB's configuration: the spill folder inside the private one, memory and threads
    only where configured (else DuckDB's defaults)."""
    engine = settings.config.engine
    config: dict[str, str | int] = {"temp_directory": str(settings.spill_dir)}
    if engine.memory_limit is not None:
        config["memory_limit"] = engine.memory_limit
    if engine.threads is not None:
        config["threads"] = engine.threads
    return config


def cursor(con: duckdb.DuckDBPyConnection, settings: Settings) -> duckdb.DuckDBPyConnection:
    """Another connection to the same database, set up like the run's own: functions registered on
    the database are shared, variables and temporary tables are not."""
    other = con.cursor()
    configure(other, settings)
    return other


def hmac_pads(key: bytes) -> tuple[bytes, bytes]:
    """HMAC-SHA256's inner and outer key pads, so SQL can compute HMAC with sha256() alone (RFC 2104)."""
    if len(key) > HMAC_BLOCK_BYTES:
        key = hashlib.sha256(key).digest()
    key = key.ljust(HMAC_BLOCK_BYTES, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def worker_key(key: bytes, id_number: str) -> str:
    """The same worker_key as the SQL macro, for tests and tools (docs/contract.md section 5)."""
    return hmac.new(key, id_number.upper().encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def _lowered(values: list[str]) -> list[str]:
    """Status words as staging compares them: NFKC, trimmed, lower-cased."""
    return [text.casefold() for text in _nfkc(pa.array(values, pa.string())).to_pylist()]


def configure(con: duckdb.DuckDBPyConnection, settings: Settings, *, on_worker: bool = False) -> None:
    """What the SQL models read from the run: getvariable() for the as-of date, thresholds and PII key,
    the config_minimum_wage table, and the GB/T 2260 region names (ref_regions). On a Dask worker the
    key must be there already: a worker never makes one of its own."""
    _set_vocabulary(con)  # a cursor does not share its connection's variables
    rules = settings.config.rules
    # the first day of [rules] judge_from's month; NULL when unset: every month is judged
    judge_from = date.fromisoformat(f"{rules.judge_from}-01") if rules.judge_from else None
    inner, outer = hmac_pads(settings.pii_key(create=not on_worker))
    values = {
        "as_of": ("date", settings.as_of),
        "grace_days": ("integer", rules.grace_days),
        "judge_from": ("date", judge_from),
        "partial_tolerance": ("decimal(9, 6)", str(rules.partial_tolerance)),
        "excessive_monthly_amount": ("decimal(14, 2)", str(rules.excessive_monthly_amount)),
        "excessive_yearly_amount": ("decimal(14, 2)", str(rules.excessive_yearly_amount)),
        "exit_settlement_days": ("integer", rules.exit_settlement_days),  # NULL: the exit month's due date
        "min_age": ("integer", rules.min_age),
        "max_age_male": ("integer", rules.max_age_male),
        "max_age_female": ("integer", rules.max_age_female),
        "funding_days_before_pay_day": ("integer", rules.funding_days_before_pay_day),
        "funding_window_months": ("integer", rules.funding_window_months),
        "funding_missed_consecutive": ("integer", rules.funding_missed_consecutive),
        "funding_missed_in_window": ("integer", rules.funding_missed_in_window),
        "bank_fee_max_amount": ("decimal(14, 2)", str(rules.bank_fee_max_amount)),
        "paid_days_per_month": ("decimal(5, 2)", str(PAID_DAYS_PER_MONTH)),
        "deposit_due_days": ("integer", settings.config.deposits.deposit_due_days),
        "deposit_exempt_below": ("decimal(14, 2)", str(settings.config.deposits.deposit_exempt_below)),
        "ageing_yellow_max_days": ("integer", settings.config.ageing.yellow_max_days),
        "ageing_orange_max_days": ("integer", settings.config.ageing.orange_max_days),
        "blacklist_min_days_overdue": ("integer", settings.config.blacklist.min_days_overdue),
        "blacklist_rectification_days": ("integer", settings.config.blacklist.rectification_days),
        "blacklist_early_removal_months": ("integer", settings.config.blacklist.early_removal_months),
        "blacklist_term_years": ("integer", settings.config.blacklist.term_years),
        "success_statuses": ("varchar[]", _lowered(settings.config.bank.success_statuses)),
        "failure_statuses": ("varchar[]", _lowered(settings.config.bank.failure_statuses)),
        "hmac_inner": ("blob", inner),
        "hmac_outer": ("blob", outer),
    }
    for name, (sql_type, value) in values.items():
        con.execute(f"set variable {name} = cast($value as {sql_type})", {"value": value})
    # The minimum-wage table is data, not a variable: rules join it by the longest region-code prefix.
    prefixes, dates, amounts = list(zip(*settings.config.minimum_wage_standards(), strict=True)) or [
        (),
        (),
        (),
    ]
    minimum_wage = pa.table(
        {
            "region_prefix": pa.array(prefixes, pa.string()),
            "effective_date": pa.array(dates, pa.date32()),  # NULL: in force throughout
            "monthly_amount": pa.array([str(v) for v in amounts], pa.string()),
        }
    )
    con.register("minimum_wage_config", minimum_wage)
    con.execute(query(__package__, "config_minimum_wage"))
    con.unregister("minimum_wage_config")
    _create_deposit_rate(con, settings)
    _create_blacklist_bounds(con, settings)
    regions.create(con)


def _create_deposit_rate(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """[deposits] deposit_rate as config_deposit_rate, joined like the minimum wage (longest prefix)."""
    rates = settings.config.deposits.deposit_rate
    table = pa.table(
        {
            "region_prefix": pa.array(list(rates), pa.string()),
            "deposit_rate": pa.array([str(v) for v in rates.values()], pa.string()),
        }
    )
    con.register("deposit_rate_config", table)
    con.execute(query(__package__, "config_deposit_rate"))
    con.unregister("deposit_rate_config")


def _create_blacklist_bounds(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """[blacklist] bounds as config_blacklist_bounds: the arrears a region lists a contractor for."""
    bounds = settings.config.blacklist.bounds
    table = pa.table(
        {
            "region_prefix": pa.array(list(bounds), pa.string()),
            "owed_amount": pa.array([str(b.owed_amount) for b in bounds.values()], pa.string()),
            "workers_owed": pa.array([b.workers_owed for b in bounds.values()], pa.int64()),
        }
    )
    con.register("blacklist_bounds_config", table)
    con.execute(query(__package__, "config_blacklist_bounds"))
    con.unregister("blacklist_bounds_config")
