"""The configuration file as text: read (TOML, decimals kept exact), overlaid on the defaults, and
pydantic's complaints about it put in one line naming the file, the key and the reason."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

# tables a user's file replaces whole rather than extends: its own standards, rates and bounds alone
REPLACED_TABLES = ("minimum_wage", "deposits.deposit_rate", "blacklist.bounds")


class ConfigError(ValueError):
    """A configuration that wagewatch cannot run with: unreadable, an unknown key or a wrong value."""


def read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read configuration {path}: {error}") from None


def default_config() -> dict[str, Any]:
    text = resources.files("wagewatch").joinpath("default_config.toml").read_text(encoding="utf-8")
    return tomllib.loads(text, parse_float=Decimal)


def overlay(defaults: dict, user: dict) -> dict:
    """The user's file on the defaults (read afresh: emptied in place): each of REPLACED_TABLES the file
    has replaces the default one."""
    for table in REPLACED_TABLES:
        *parents, name = table.split(".")
        if name in _table(user, parents):
            _table(defaults, parents)[name] = {}
    return merge(defaults, user)


def defaults_not_replaced(defaults: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
    """The flattened defaults, without those of a table in REPLACED_TABLES the flattened file has."""
    for table in REPLACED_TABLES:
        if any(key.startswith(f"{table}.") for key in user):
            defaults = {k: v for k, v in defaults.items() if not k.startswith(f"{table}.")}
    return defaults


def _table(values: dict, keys: list[str]) -> dict:
    """The table at keys ([] is values itself); {} where one of them is not a table."""
    for key in keys:
        values = values.get(key)
        if not isinstance(values, dict):
            return {}
    return values


def merge(defaults: dict, overrides: dict) -> dict:
    """Overlay a user's tables on the defaults, key by key; validation then judges the result."""
    merged = dict(defaults)
    for key, value in overrides.items():
        both_tables = isinstance(defaults.get(key), dict) and isinstance(value, dict)
        merged[key] = merge(defaults[key], value) if both_tables else value
    return merged


def reason(problem: dict) -> str:
    """One problem pydantic found, as `reason, got value` (a table's value is not repeated)."""
    reason = problem["msg"].removeprefix("Value error, ").replace("Input should", "should")
    reason = reason.replace("String should", "should")
    got = "" if isinstance(problem["input"], dict | list) else f", got {problem['input']!r}"
    return f"{reason}{got}"


def describe(error: ValidationError, path: Path | None) -> str:
    """Every problem pydantic found, as `key: reason, got value`, in one line."""
    problems = []
    for problem in error.errors():
        key = ".".join(str(part) for part in problem["loc"] if part != "[key]")
        if problem["type"] == "extra_forbidden":
            problems.append(f"unknown configuration key '{key}'")
            continue
        problems.append(f"'{key}' {reason(problem)}")
    described = f"{path or 'the default configuration'}: {'; '.join(problems)}"
    return re.sub(r"Decimal\('([^']*)'\)", r"\1", described)  # values as the file writes them


def flatten(table: dict, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        path = f"{prefix}.{key}" if prefix else key
        flat.update(flatten(value, path) if isinstance(value, dict) else {path: value})
    return flat
