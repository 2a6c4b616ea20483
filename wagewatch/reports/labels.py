"""The words of the inspector reports in one language: headings, column names, levels and every rule
in plain words with its legal basis, from templates/labels.toml (zh and en side by side).

A rule's severity and English legal basis come from its SQL header (wagewatch.warehouse.catalogue),
so that the rule file stays the one place that says what a rule is; its Chinese legal basis is in
labels.toml.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from wagewatch.settings import REPORT_LANGUAGES
from wagewatch.warehouse import catalogue

LABELS_FILE = "labels.toml"
GROUPS = ("text", "level", "severity", "evidence_kind", "wage_type")


@dataclass(frozen=True)
class RuleText:
    code: str
    severity: str
    name: str
    explanation: str
    legal_basis: str


@dataclass(frozen=True)
class Labels:
    language: str
    text: dict[str, str]
    level: dict[str, str]
    severity: dict[str, str]
    evidence_kind: dict[str, str]
    wage_type: dict[str, str]
    rules: dict[str, RuleText]

    def rule_name(self, code: str) -> str:
        """A rule's name, or its code for a rule the labels do not know yet."""
        rule = self.rules.get(code)
        return rule.name if rule else code


@cache
def raw_labels() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("templates", LABELS_FILE).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _rule_text(rule: catalogue.Rule, entry: dict[str, Any], language: str) -> RuleText:
    basis = entry["legal_basis_zh"] if language == "zh" else rule.legal_basis
    return RuleText(rule.code, rule.severity, entry["name"][language], entry["explanation"][language], basis)


@cache
def load_labels(language: str) -> Labels:
    """Every label in `language` (zh or en)."""
    if language not in REPORT_LANGUAGES:
        raise ValueError(f"report language must be one of {', '.join(REPORT_LANGUAGES)}, got {language!r}")
    raw = raw_labels()
    groups = {group: {key: value[language] for key, value in raw[group].items()} for group in GROUPS}
    rules = {
        rule.code: _rule_text(rule, raw["rule"][rule.code], language)
        for rule in catalogue.rules()
        if rule.code in raw["rule"]
    }
    return Labels(language=language, rules=rules, **groups)
