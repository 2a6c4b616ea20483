"""One place that derives every path, default and threshold; the CLI, the flow and the tests use it."""

from __future__ import annotations

import os
import re
import secrets
import tomllib
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from wagewatch.columns import KINDS, SCHEMAS

DEFAULT_WAREHOUSE = Path("data/warehouse/wagewatch.duckdb")
PII_KEY_ENV = "WAGEWATCH_PII_KEY"
KEY_FILE_NAME = "wagewatch.key"
OWNER_ONLY = 0o600
OWNER_ONLY_DIR = 0o700
REPORT_LANGUAGES = ("zh", "en")
# Keys with no default (TOML has no null): absent means unset. [rules] judge_from: judge from that month.
OPTIONAL_KEYS = ("rules.judge_from",)


class ConfigError(ValueError):
    """A configuration file that names a key wagewatch does not know, or a value of the wrong type."""


def _default_config() -> dict[str, Any]:
    text = resources.files("wagewatch").joinpath("default_config.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _merge(defaults: dict, overrides: dict, where: str = "") -> dict:
    """Overlay a user's config on the defaults; an unknown key or a wrongly typed value is an error."""
    merged = dict(defaults)
    for key, value in overrides.items():
        path = f"{where}.{key}" if where else key
        if (
            key not in defaults
            and path not in OPTIONAL_KEYS
            and where not in ("minimum_wage", "aliases")
            and not where.startswith("aliases.")
        ):
            raise ConfigError(f"unknown configuration key '{path}'")
        if isinstance(defaults.get(key), dict):
            if not isinstance(value, dict):
                raise ConfigError(f"'{path}' must be a table")
            merged[key] = _merge(defaults[key], value, path)
        elif (
            key in defaults
            and type(defaults[key]) is not type(value)
            and not (isinstance(defaults[key], float) and isinstance(value, int))
        ):
            raise ConfigError(f"'{path}' must be {type(defaults[key]).__name__}, got {value!r}")
        else:
            merged[key] = value
    return merged


def _check_aliases(aliases: dict) -> dict[str, dict[str, str]]:
    for kind, table in aliases.items():
        if kind not in KINDS:
            raise ConfigError(f"unknown kind in [aliases.{kind}]; kinds are {', '.join(KINDS)}")
        known = {c.name for c in SCHEMAS[kind]}
        for spelling, name in table.items():
            if name not in known:
                raise ConfigError(f"[aliases.{kind}] '{spelling}' maps to unknown column '{name}'")
    return aliases


def _check_minimum_wage(table: dict) -> dict[str, float]:
    for prefix, amount in table.items():
        if not prefix.isdigit() or not isinstance(amount, int | float):
            raise ConfigError(f"[minimum_wage] '{prefix}' = {amount!r}: want a region-code prefix = yuan")
    return table


def _check_report(table: dict) -> dict[str, str]:
    if table["language"] not in REPORT_LANGUAGES:
        raise ConfigError(
            f"[report] language must be one of {', '.join(REPORT_LANGUAGES)}, got {table['language']!r}"
        )
    return table


def _check_judge_from(rules: dict) -> dict:
    month = rules.get("judge_from")
    if month is not None and not (isinstance(month, str) and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month)):
        raise ConfigError(f"[rules] judge_from must be a month written 'YYYY-MM', got {month!r}")
    return rules


@dataclass(frozen=True)
class Config:
    """The configuration in force: defaults overlaid with the user's file (CONTRACT section 6)."""

    rules: dict[str, float]
    bank: dict[str, list[str]]
    minimum_wage: dict[str, float]
    aliases: dict[str, dict[str, str]]
    schedule: dict[str, str]
    report: dict[str, str]
    publish: dict[str, int]
    source: Path | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Config:
        values = _default_config()
        if path is not None:
            try:
                user = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as error:
                raise ConfigError(f"cannot read configuration {path}: {error}") from error
            # The user's minimum-wage table replaces the default one rather than extending it.
            if "minimum_wage" in user:
                values["minimum_wage"] = {}
            values = _merge(values, user)
        return cls(
            rules=_check_judge_from(values["rules"]),
            bank=values["bank"],
            minimum_wage=_check_minimum_wage(values["minimum_wage"]),
            aliases=_check_aliases(values["aliases"]),
            schedule=values["schedule"],
            report=_check_report(values["report"]),
            publish=values["publish"],
            source=path,
        )


def _flatten(table: dict, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        path = f"{prefix}.{key}" if prefix else key
        flat.update(_flatten(value, path) if isinstance(value, dict) else {path: value})
    return flat


def explain(path: Path | None = None) -> list[tuple[str, Any, str]]:
    """Every value in force, as (key, value, where it came from): the defaults or the user's file."""
    Config.load(path)  # the same checks as a run: a wrong key fails here too
    user = _flatten(tomllib.loads(Path(path).read_text(encoding="utf-8"))) if path else {}
    defaults = _flatten(_default_config())
    if any(key.startswith("minimum_wage.") for key in user):  # a user's table replaces the default one
        defaults = {key: value for key, value in defaults.items() if not key.startswith("minimum_wage.")}
    merged = {**defaults, **user}
    return [(key, value, str(path) if key in user else "default") for key, value in sorted(merged.items())]


@dataclass(frozen=True)
class Settings:
    """Everything one run needs to know; every derived path comes from here."""

    inbox: Path
    warehouse: Path = DEFAULT_WAREHOUSE
    reports: Path | None = None
    as_of: date = field(default_factory=date.today)
    config: Config = field(default_factory=Config.load)

    @property
    def reports_dir(self) -> Path:
        return self.reports if self.reports is not None else self.warehouse.parent / "reports"

    @property
    def private_dir(self) -> Path:
        """Owner-only folder beside the warehouse: the store, its write-ahead log and its spill files."""
        return self.warehouse.with_name(f"{self.warehouse.stem}.private")

    @property
    def private_store(self) -> Path:
        """Clear IDs and accounts, kept to rebuild from and to trace evidence (CONTRACT section 5)."""
        return self.private_dir / "store.duckdb"

    @property
    def key_file(self) -> Path:
        return self.warehouse.parent / KEY_FILE_NAME

    def pii_key(self) -> bytes:
        """The HMAC key for worker_key: from the environment, else a key file made once, owner-only."""
        from_env = os.environ.get(PII_KEY_ENV)
        if from_env:
            return from_env.encode("utf-8")
        if not self.key_file.exists():
            self.key_file.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(secrets.token_hex(32))
        return self.key_file.read_text(encoding="utf-8").strip().encode("utf-8")
