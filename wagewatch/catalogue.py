"""The rule catalogue, read from the header comments of transforms/rules/*.sql, where each rule says
its code, severity, finding, what it compares, the thresholds it reads and its legal basis."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wagewatch import runner
from wagewatch.settings import Config

HEADER_KEYS = ("code", "severity", "finding", "compares", "thresholds", "legal basis")
_FIELD = re.compile(r"^--\s*(?P<key>[a-z ]+):\s*(?P<text>.*)$")
_CONTINUED = re.compile(r"^--\s{2,}(?P<text>\S.*)$")


@dataclass(frozen=True)
class Rule:
    model: str
    code: str
    severity: str
    finding: str
    compares: str
    thresholds: str
    legal_basis: str


def _header(sql: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    key = None
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        if (field := _FIELD.match(line)) and field["key"] in HEADER_KEYS:
            key = field["key"]
            fields[key] = field["text"].strip()
        elif key and (more := _CONTINUED.match(line)):
            fields[key] += " " + more["text"].strip()
    return fields


def rules() -> list[Rule]:
    """Every rule model, in code order; a header that lacks a key is an error, not a blank."""
    found = []
    for model in runner.discover().values():
        if model.layer != "rules" or model.name == runner.RULE_UNION:
            continue
        fields = _header(model.sql)
        missing = [key for key in HEADER_KEYS if key not in fields]
        if missing:
            raise ValueError(f"rules/{model.name}.sql header lacks: {', '.join(missing)}")
        found.append(Rule(model.name, *(fields[key] for key in HEADER_KEYS)))
    return sorted(found, key=lambda rule: rule.code)


def thresholds_in_force(rule: Rule, config: Config) -> list[str]:
    """The configured values a rule reads, as `name = value`."""
    rules = config.rules.model_dump()
    values = [f"{name} = {value}" for name, value in rules.items() if name in rule.thresholds]
    if "[minimum_wage]" in rule.thresholds:
        values.append(f"[minimum_wage]: {len(config.minimum_wage)} region prefixes")
    return values


def render(config: Config) -> str:
    """The catalogue as `wagewatch rules` prints it."""
    blocks = []
    for rule in rules():
        in_force = "; ".join(thresholds_in_force(rule, config)) or "none"
        blocks.append(
            f"{rule.code} ({rule.severity})\n"
            f"  finding:     {rule.finding}\n"
            f"  thresholds:  {in_force}\n"
            f"  legal basis: {rule.legal_basis}"
        )
    return "\n\n".join(blocks)
