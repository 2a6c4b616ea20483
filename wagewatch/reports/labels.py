"""The words of the inspector reports in one language: headings, column names and levels from
templates/labels.toml (zh and en side by side), and every rule in words from the rule texts beside the
rules' SQL (transforms/rules/rule_texts.toml, read by wagewatch.warehouse.findings).

A rule's severity and English legal basis come from its SQL header (wagewatch.warehouse.catalogue), so
that the rule file stays the one place that says what a rule is; everything else a rule says in words
is in the rule texts.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

from wagewatch.settings import REPORT_LANGUAGES, Config
from wagewatch.warehouse import catalogue, findings

LABELS_FILE = "labels.toml"
GROUPS = ("text", "level", "severity", "evidence_kind", "deposit_status", "stage")


@dataclass(frozen=True)
class Configured:
    """The configured numbers some labels say ({yellow_max_days} in a stage's words, {term_years} in the
    blacklist's term): the run's [ageing] and [blacklist], never numbers written into the labels."""

    yellow_max_days: int
    orange_max_days: int
    term_years: int

    @classmethod
    def of(cls, config: Config) -> Configured:
        return cls(config.ageing.yellow_max_days, config.ageing.orange_max_days, config.blacklist.term_years)

    @classmethod
    @cache
    def defaults(cls) -> Configured:
        return cls.of(Config.load())

    def fill(self, words: str) -> str:
        """The words with these numbers in (other placeholders are filled where the words are shown)."""
        for name, number in asdict(self).items():
            words = words.replace(f"{{{name}}}", str(number))
        return words


@dataclass(frozen=True)
class RuleText:
    code: str
    severity: str
    name: str
    explanation: str
    legal_basis: str
    action: str  # 处置建议: what the inspector does about a flag of this rule
    article: str  # the articles the action rests on


@dataclass(frozen=True)
class Labels:
    language: str
    text: dict[str, str]
    level: dict[str, str]
    severity: dict[str, str]
    evidence_kind: dict[str, str]
    deposit_status: dict[str, str]  # project_deposits.deposit_status in words
    stage: dict[str, str]  # the arrears' escalation stage in words
    wage_type: dict[str, str]
    rules: dict[str, RuleText]

    def rule_name(self, code: str) -> str:
        """A rule's name, or its code for a rule the labels do not know yet."""
        rule = self.rules.get(code)
        return rule.name if rule else code

    def rule_action(self, code: str) -> str:
        rule = self.rules.get(code)
        return rule.action if rule else code


@cache
def raw_labels() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("templates", LABELS_FILE).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _rule_text(rule: catalogue.Rule, words: findings.RuleTexts, language: str) -> RuleText:
    basis = words.legal_basis_zh if language == "zh" else rule.legal_basis
    return RuleText(
        rule.code, rule.severity, words.name, words.explanation, basis, words.action, words.article
    )


@cache
def load_labels(language: str, configured: Configured | None = None) -> Labels:
    """Every label in `language` (zh or en), saying the numbers `configured` (default: the defaults)."""
    if language not in REPORT_LANGUAGES:
        raise ValueError(f"report language must be one of {', '.join(REPORT_LANGUAGES)}, got {language!r}")
    raw = raw_labels()
    configured = configured or Configured.defaults()
    groups = {group: {key: configured.fill(v[language]) for key, v in raw[group].items()} for group in GROUPS}
    words = findings.rule_texts(language)
    rules = {
        rule.code: _rule_text(rule, words[rule.code], language)
        for rule in catalogue.rules()
        if rule.code in words
    }
    wage_type = findings.value_words(language)["wage_type"]
    return Labels(language=language, rules=rules, wage_type=wage_type, **groups)
