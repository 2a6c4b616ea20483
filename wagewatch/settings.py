"""One place that derives every path, default and threshold; the CLI, the flow and the tests use it.

The configuration is typed and frozen (pydantic, `extra="forbid"`): the defaults, each with its
reason, are `default_config.toml`; a user's file overrides any of them and is validated completely
when it is loaded, before anything is written, so a wrong key or value fails in one line naming the
file, the key and the reason. Paths are made absolute here, once, so nothing deeper sees a relative one.
(Reading the file, overlaying it on the defaults and wording pydantic's complaints: config_file.py.)
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BeforeValidator,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from wagewatch import config_file, minimum_wage_table
from wagewatch.config_file import ConfigError
from wagewatch.config_values import Number
from wagewatch.config_values import Section as _Section
from wagewatch.enforcement_config import Ageing, Blacklist, Deposits
from wagewatch.errors import PipelineError
from wagewatch.intake.columns import KINDS, SCHEMAS

DEFAULT_WAREHOUSE = Path("data/warehouse/wagewatch.duckdb")
PII_KEY_ENV = "WAGEWATCH_PII_KEY"
KEY_FILE_NAME = "wagewatch.key"
OWNER_ONLY = 0o600
OWNER_ONLY_DIR = 0o700
Language = Literal["zh", "en"]  # of the inspector reports: Chinese first
REPORT_LANGUAGES = get_args(Language)
_PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
DASK_ADDRESS_ENV = "DASK_SCHEDULER_ADDRESS"  # Dask's own: the scheduler a Client() finds by itself
_DASK_ADDRESS = re.compile(r"[a-z][a-z0-9+]*://\S+")
_HOST_PORT = re.compile(r"([^\s/:\[\]]+|\[[0-9a-fA-F:.]+\]):\d{1,5}")  # 10.0.0.5:8786, as Dask takes it: tcp
# DuckDB's memory units: 1000^i (KB, MB, GB, TB) and 1024^i (KiB, MiB, GiB, TiB), or a share of RAM
_MEMORY = re.compile(r"(\d+(\.\d+)?) ?([KMGT]i?B|%)", re.IGNORECASE)


def _month(value: Any) -> str:
    if not isinstance(value, str) or not _PERIOD.fullmatch(value):
        raise ValueError('must be a month written "YYYY-MM"')
    return value


def _profile_name(value: str) -> str:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", value):
        raise ValueError("is not a profile name (lower-case letters, digits and _)")
    from wagewatch.intake.readers.profiles import BUILT_IN_NAMES  # only when a profile is configured

    if value in BUILT_IN_NAMES:
        raise ValueError("is a built-in profile's name: choose another")
    return value


PositiveNumber = Annotated[Number, Field(gt=0)]
ProfileName = Annotated[str, BeforeValidator(_profile_name)]
Month = Annotated[str, BeforeValidator(_month)]
MinimumWageKey = Annotated[str, BeforeValidator(minimum_wage_table.key)]
MinimumWageValue = Annotated[Any, BeforeValidator(minimum_wage_table.value)]


class Rules(_Section):
    partial_tolerance: Annotated[Number, Field(ge=0, lt=Decimal("0.5"))]
    grace_days: Annotated[int, Field(ge=0)]
    excessive_monthly_amount: Annotated[Number, Field(gt=0)]
    min_age: Annotated[int, Field(gt=0, lt=100)]
    max_age_male: Annotated[int, Field(gt=0, lt=100)]
    max_age_female: Annotated[int, Field(gt=0, lt=100)]
    # the funding window of P ends this many days before P's due date; 27 keeps it inside month P+1
    funding_days_before_pay_day: Annotated[int, Field(ge=0, le=27)]
    funding_window_months: Annotated[int, Field(ge=2, le=120)]
    funding_missed_consecutive: Annotated[int, Field(ge=2)]
    funding_missed_in_window: Annotated[int, Field(ge=2)]
    bank_fee_max_amount: Annotated[Number, Field(ge=0)]
    judge_from: Month | None = None  # absent: every month since a stint's entry is judged
    # EXIT_NOT_SETTLED: days after a stint's exit_date to settle it; absent: the exit month's due date
    exit_settlement_days: Annotated[int, Field(ge=0, le=366)] | None = None
    excessive_yearly_amount: PositiveNumber  # EXCESSIVE_PAYMENT's yearly form: one worker, one year

    @field_validator("max_age_male", "max_age_female")
    @classmethod
    def _above_min_age(cls, value: int, info) -> int:
        if value <= info.data.get("min_age", 0):
            raise ValueError("must be above min_age")
        return value

    @field_validator("funding_missed_consecutive", "funding_missed_in_window")
    @classmethod
    def _within_the_window(cls, value: int, info) -> int:
        if value > info.data.get("funding_window_months", value):
            raise ValueError("must not be above funding_window_months")
        return value


def _pattern(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a regular expression, as text")
    try:
        re.compile(value)
    except re.error as error:
        raise ValueError(f"is not a regular expression ({error})") from None
    return value


def _account(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"\d[\d \-]*\d", value):
        raise ValueError("must be an account number, as text (digits; spaces and dashes allowed)")
    return value


Pattern = Annotated[str, BeforeValidator(_pattern)]
Account = Annotated[str, BeforeValidator(_account)]


class Bank(_Section):
    success_statuses: list[str]
    failure_statuses: list[str]
    # file-name pattern -> payer account, for bank files that name it nowhere inside (docs/contract.md 1.2)
    payer_by_file: dict[Pattern, Account]


BANK_COLUMNS = frozenset(column.name for column in SCHEMAS["bank"])
SUMMARY_FIELDS = frozenset({"total_count", "total_amount"})  # an XML summary's totals


class BankProfile(_Section):
    """`[bank_profiles.NAME]`: one bank's layout that the built-in profiles do not know."""

    format: Literal["delimited", "fixed_width", "xml"] = "delimited"
    file_name: Pattern | None = None  # only files whose name this matches
    encoding: Literal["auto", "utf-8", "gb18030", "utf-16"] = "auto"
    amount_unit: Literal["yuan", "fen"] = "yuan"
    payer_account: Literal["any", "column", "title", "file_name"] = "any"
    aliases: dict[str, str] = Field(default_factory=dict)
    spans: dict[str, list[int]] = Field(default_factory=dict)

    @field_validator("aliases")
    @classmethod
    def _known_targets(cls, aliases: dict[str, str]) -> dict[str, str]:
        for spelling, name in aliases.items():
            if name not in BANK_COLUMNS | SUMMARY_FIELDS:
                raise ValueError(f"'{spelling}' maps to unknown column '{name}'")
        return aliases

    @field_validator("spans")
    @classmethod
    def _spans(cls, spans: dict[str, list[int]]) -> dict[str, list[int]]:
        taken: list[tuple[int, int, str]] = []
        for name, span in spans.items():
            if name not in BANK_COLUMNS:
                raise ValueError(f"span of unknown column '{name}'")
            if len(span) != 2 or not 1 <= span[0] <= span[1]:
                raise ValueError(f"span of '{name}' must be [first, last] characters, 1 <= first <= last")
            for first, last, other in taken:
                if span[0] <= last and first <= span[1]:
                    raise ValueError(f"spans of '{other}' and '{name}' overlap")
            taken.append((span[0], span[1], name))
        return spans

    @model_validator(mode="after")
    def _spans_for_fixed_width_only(self) -> BankProfile:
        if (self.format == "fixed_width") != bool(self.spans):
            raise ValueError("spans are given exactly when format is fixed_width")
        return self


class Schedule(_Section):
    cron: str
    timezone: str

    @field_validator("cron")
    @classmethod
    def _a_cron_string(cls, value: str) -> str:
        from cronsim import CronSim, CronSimError  # what Prefect's schedules accept, without Prefect

        try:
            CronSim(value, datetime(2026, 1, 1))
        except CronSimError as error:
            raise ValueError(f'is not a cron schedule such as "0 2 * * *" ({error})') from None
        return value

    @field_validator("timezone")
    @classmethod
    def _an_iana_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError('is not an IANA time zone such as "Asia/Shanghai"') from None
        return value

    def today(self) -> date:
        """Today where the sites are: a run at 02:00 Asia/Shanghai is still the day before in UTC."""
        return datetime.now(ZoneInfo(self.timezone)).date()


class Publish(_Section):
    keep_snapshots: Annotated[int, Field(ge=0)]


class Report(_Section):
    language: Language
    keep_days: Annotated[int, Field(ge=1)]
    workbook_red_sheets: Annotated[int, Field(ge=0, le=1000)]


def _memory_limit(value: Any) -> str:
    match = _MEMORY.fullmatch(value) if isinstance(value, str) else None
    if match is None or float(match.group(1)) <= 0 or (match.group(3) == "%" and float(match.group(1)) > 100):
        raise ValueError('must be an amount of memory such as "4GB", "512MiB" or "80%"')
    return value


def _spill_folder(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a folder name, as text")
    folder = Path(value)
    if folder.is_absolute() or ".." in folder.parts or not folder.parts:
        raise ValueError("must be a folder inside the private store's folder: a relative path, without '..'")
    return value


def _dask_address(value: Any) -> str:
    """A scheduler's address; `host:port` is `tcp://host:port`, as Dask reads it."""
    if isinstance(value, str) and _HOST_PORT.fullmatch(value):
        return f"tcp://{value}"
    if not isinstance(value, str) or not _DASK_ADDRESS.fullmatch(value):
        raise ValueError('must be a Dask scheduler\'s address such as "tcp://10.0.0.5:8786"')
    return value


MemoryLimit = Annotated[str, BeforeValidator(_memory_limit)]
DaskAddress = Annotated[str, BeforeValidator(_dask_address)]
SpillFolder = Annotated[str, BeforeValidator(_spill_folder)]


class Engine(_Section):
    """DuckDB on the private store: its memory limit, its threads, and where it spills (section 6.5)."""

    memory_limit: MemoryLimit | None = None  # absent: DuckDB's own default, 80 % of RAM
    threads: Annotated[int, Field(ge=1)] | None = None  # DuckDB's, and intake's readers; absent: one per core
    temp_directory: SpillFolder = "spill"  # inside <name>.private/, so clear rows never leave it
    dask_address: DaskAddress | None = None  # a Dask cluster judges the partitions; absent: one process
    partition_level: Literal["province", "city"] = "province"  # what a partition's projects share


class Config(_Section):
    """The configuration in force: defaults overlaid with the user's file (docs/contract.md section 6)."""

    rules: Rules
    bank: Bank
    bank_profiles: dict[ProfileName, BankProfile]
    # prefix -> amount, in force throughout; or effective date -> {prefix -> amount} (section 6.5)
    minimum_wage: dict[MinimumWageKey, MinimumWageValue]
    aliases: dict[str, dict[str, str]]
    schedule: Schedule
    report: Report
    publish: Publish
    engine: Engine = Engine()
    deposits: Deposits
    ageing: Ageing
    blacklist: Blacklist
    source: Path | None = None

    @field_validator("aliases")
    @classmethod
    def _known_columns(cls, aliases: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        for kind, table in aliases.items():
            if kind not in KINDS:
                raise ValueError(f"unknown kind [aliases.{kind}]; kinds are {', '.join(KINDS)}")
            known = {column.name for column in SCHEMAS[kind]}
            for spelling, name in table.items():
                if name not in known:
                    raise ValueError(f"[aliases.{kind}] '{spelling}' maps to unknown column '{name}'")
        return aliases

    @field_validator("minimum_wage")
    @classmethod
    def _dated_tables_under_dates(cls, table: dict[str, Any]) -> dict[str, Any]:
        return minimum_wage_table.check_shape(table)

    def minimum_wage_standards(self) -> list[tuple[str, date | None, Decimal]]:
        """Every (region prefix, effective date or None: in force throughout, monthly amount)."""
        return minimum_wage_table.standards(self.minimum_wage)

    @classmethod
    def load(cls, path: Path | None = None) -> Config:
        values = config_file.default_config()
        if path is not None:
            path = Path(path).absolute()
            values = config_file.overlay(values, config_file.read(path))
        try:
            return cls.model_validate({**values, "source": path})
        except ValidationError as error:
            raise ConfigError(config_file.describe(error, path)) from None


def overridden_schedule(config: Config, *, cron: str | None, timezone: str | None) -> Schedule:
    """The schedule in force with the command line's --cron and --timezone, checked like the file."""
    try:
        return Schedule(cron=cron or config.schedule.cron, timezone=timezone or config.schedule.timezone)
    except ValidationError as error:
        problems = [f"--{problem['loc'][0]} {config_file.reason(problem)}" for problem in error.errors()]
        raise ConfigError("; ".join(problems)) from None


def explain(path: Path | None = None) -> list[tuple[str, Any, str]]:
    """Every value in force, as (key, value, where it came from): the defaults or the user's file."""
    Config.load(path)  # the same checks as a run: a wrong key fails here too
    user = config_file.flatten(config_file.read(Path(path).absolute())) if path else {}
    defaults = config_file.flatten(config_file.default_config())
    defaults = config_file.defaults_not_replaced(defaults, user)
    merged = {**defaults, **user}
    return [(key, value, str(path) if key in user else "default") for key, value in sorted(merged.items())]


@dataclass(frozen=True)
class Settings:
    """Everything one run needs to know; every derived path comes from here, absolute."""

    inbox: Path
    warehouse: Path = DEFAULT_WAREHOUSE
    reports: Path | None = None
    as_of: date | None = None  # None: today in the schedule's time zone
    config: Config = field(default_factory=Config.load)

    def __post_init__(self) -> None:
        # Resolved once against the working directory: GX, DuckDB and the report writer all get
        # absolute paths, whatever directory the command was started from.
        object.__setattr__(self, "inbox", Path(self.inbox).absolute())
        object.__setattr__(self, "warehouse", Path(self.warehouse).absolute())
        if self.reports is not None:
            object.__setattr__(self, "reports", Path(self.reports).absolute())
        if self.as_of is None:
            object.__setattr__(self, "as_of", self.config.schedule.today())

    @property
    def reports_root(self) -> Path:
        """Where reports go: one folder per as-of date, and `latest` leading to the newest."""
        return self.reports if self.reports is not None else self.warehouse.parent / "reports"

    @property
    def reports_dir(self) -> Path:
        """This run's reports: <reports>/<as-of>/, so that yesterday's report stays where it was."""
        return self.reports_root / self.as_of.isoformat()

    @property
    def private_dir(self) -> Path:
        """Owner-only folder beside the warehouse: the store, its write-ahead log and its spill files."""
        return self.warehouse.with_name(f"{self.warehouse.stem}.private")

    @property
    def private_store(self) -> Path:
        """Clear IDs and accounts, kept to rebuild from and to trace evidence (docs/contract.md section 5)."""
        return self.private_dir / "store.duckdb"

    @property
    def spill_dir(self) -> Path:
        """Where DuckDB spills what does not fit in [engine] memory_limit: inside the private folder."""
        return self.private_dir / self.config.engine.temp_directory

    @property
    def partitions_dir(self) -> Path:
        """A cluster run's partitions' rows and databases: in the spill folder, which each run sweeps."""
        return self.spill_dir / "partitions"

    @property
    def dask_address(self) -> str | None:
        """[engine] dask_address, else Dask's own DASK_SCHEDULER_ADDRESS; None: all in this process."""
        if self.config.engine.dask_address or not (from_env := os.environ.get(DASK_ADDRESS_ENV)):
            return self.config.engine.dask_address
        try:
            return _dask_address(from_env)
        except ValueError as error:
            raise ConfigError(f"{DASK_ADDRESS_ENV}={from_env!r}: {error}") from None

    @property
    def key_file(self) -> Path:
        return self.warehouse.parent / KEY_FILE_NAME

    def pii_key(self, *, create: bool = True) -> bytes:
        """The HMAC key for worker_key: from the environment, else a key file made once, owner-only
        (a Dask worker, without create, uses the run's key and never makes one)."""
        from_env = os.environ.get(PII_KEY_ENV)
        if from_env:
            return from_env.encode("utf-8")
        if not create and not self.key_file.exists():
            hint = f"give every Dask worker the run's key: {PII_KEY_ENV}, or the key file on a shared folder"
            raise PipelineError(f"no {PII_KEY_ENV} and no {self.key_file} here", hint)
        if not self.key_file.exists():
            self.key_file.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(secrets.token_hex(32))
        return self.key_file.read_text(encoding="utf-8").strip().encode("utf-8")


def settings_from(
    inbox: str,
    warehouse: str = str(DEFAULT_WAREHOUSE),
    as_of: str | None = None,
    config: str | None = None,
    reports: str | None = None,
) -> Settings:
    """Settings from the command line's words, with a clear error for each wrong one, before
    anything is written. Without an as-of date, a run judges as of today in the schedule's zone."""
    if not Path(inbox).is_dir():
        raise PipelineError(
            f"inbox {inbox} is not a folder", "give --inbox the folder the sites and banks fill"
        )
    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError as error:
        raise PipelineError(
            f"--as-of must be a date YYYY-MM-DD, got {as_of!r}", "e.g. --as-of 2026-10-15"
        ) from error
    settings = Settings(
        inbox=Path(inbox),
        warehouse=Path(warehouse),
        reports=Path(reports) if reports else None,
        as_of=day,
        config=Config.load(Path(config) if config else None),
    )
    for folder in (settings.warehouse.parent, settings.reports_root):
        _check_writable(folder)
    return settings


def _check_writable(folder: Path) -> None:
    """The folder exists or can be made, and this user may write in it."""
    if folder.exists() and not folder.is_dir():
        raise PipelineError(f"{folder} is a file, not a folder", "choose another --warehouse or --reports")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PipelineError(
            f"cannot make the folder {folder}: {error.strerror}", "choose another --warehouse or --reports"
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PipelineError(
            f"cannot write in {folder}",
            "make it writable for this user, or choose another --warehouse or --reports",
        )
