"""The rule catalogue, read from the header comments of transforms/rules/*.sql, where each rule says
its code, severity, finding, what it compares, the thresholds it reads and its legal basis."""

from __future__ import annotations

from dataclasses import dataclass

from wagewatch.settings import Config
from wagewatch.warehouse import runner


@dataclass(frozen=True)
class Rule:
    model: str
    code: str
    severity: str
    finding: str
    compares: str
    thresholds: str
    legal_basis: str


def rules() -> list[Rule]:
    """Every rule model, in code order, from the header the runner read (a key missing is an error there)."""
    found = [
        Rule(model.name, *(model.header[key] for key in runner.HEADER_KEYS))
        for model in runner.discover().values()
        if model.header
    ]
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
