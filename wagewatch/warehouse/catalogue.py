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


def thresholds_in_force(rule: Rule, config: Config, words: dict[str, str]) -> list[str]:
    """The configured values a rule reads, as `name = value`, in the catalogue's `words`: a threshold
    left unset says what its absence means (`<name>_absent`)."""
    prefixes = words["region_prefixes"]
    rules = config.rules.model_dump()
    values = [
        f"{name} = {words[f'{name}_absent'] if value is None else value}"
        for name, value in rules.items()
        if name in rule.thresholds
    ]
    if "[minimum_wage]" in rule.thresholds:
        regions = {prefix for prefix, _, _ in config.minimum_wage_standards()}
        values.append(f"[minimum_wage]: {prefixes.format(n=len(regions))}")
    if "[deposits]" in rule.thresholds:
        deposits = config.deposits
        values += [f"deposit_due_days = {deposits.deposit_due_days}"]
        values += [f"deposit_exempt_below = {deposits.deposit_exempt_below}"]
        values.append(f"deposit_rate: {prefixes.format(n=len(deposits.deposit_rate))}")
    return values


def render(config: Config, language: str = "en") -> str:
    """The catalogue as `wagewatch rules` prints it, in `language` ([report] language): each rule's code,
    severity and name, what it finds, the thresholds in force, its legal basis, the action to take and
    the article it rests on."""
    from wagewatch.warehouse import findings  # findings reads the flag contract through the runner

    words, texts = findings.catalogue_words(language), findings.rule_texts(language)
    blocks = []
    for rule in rules():
        text = texts.get(rule.code)
        in_force = "; ".join(thresholds_in_force(rule, config, words)) or words["none"]
        lines = [(words["finding"], text.explanation if text and language == "zh" else rule.finding)]
        lines.append((words["thresholds"], in_force))
        lines.append(
            (words["legal_basis"], text.legal_basis_zh if text and language == "zh" else rule.legal_basis)
        )
        if text:
            lines += [(words["action"], text.action), (words["article"], text.article)]
        name = f" {text.name}" if text else ""
        width = max(len(label) for label, _ in lines) + 1
        blocks.append(
            f"{rule.code} ({words.get(rule.severity, rule.severity)}){name}\n"
            + "\n".join(f"  {(label + ':').ljust(width)} {value}" for label, value in lines)
        )
    return "\n\n".join(blocks)
