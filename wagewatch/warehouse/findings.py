"""Finding sentences in the reader's language, from the templates of transforms/rules/rule_texts.toml.

Each rule's sentence is a template per language, filled from the flag's own columns and the typed
values of its `facts` (transforms/rules/flag_columns.toml). The templates are compiled once into one
SQL macro per language, `finding_text_zh` and `finding_text_en`, so that every flag is written in a
set-based query: the flags mart writes the English sentence into `flags.detail`, the reports call
their language's on the published warehouse (docs/contract.md sections 3.2 and 7).

A value is written by the kind its name says (docs/conventions.md): `*_amount` as money, `*_date` as
a date, `period` as a month, a list joined (a list of `*periods` month by month), a field of [values]
in its words, anything else as text.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from wagewatch.settings import REPORT_LANGUAGES
from wagewatch.warehouse import runner
from wagewatch.warehouse.db import query

TEXTS = "rules/rule_texts.toml"
# what every rule says, in every language; finding_roster is optional (a rule's roster form), and so
# is finding_<form>, written where the flag's facts.form is <form> (EXCESSIVE_PAYMENT's yearly form)
RULE_TEXT_KEYS = ("name", "explanation", "finding", "action", "article")
ROSTER_FINDING = "finding_roster"
# the flag's own columns a template may name, in the order the macros take them
ARGUMENTS = ("rule", "period", "worker_name", "expected_amount", "paid_amount", "shortfall_amount", "facts")
LIST_SEPARATOR = {"zh": "、", "en": ", "}
SECTIONS = ("values", "fallback", "catalogue")  # rule_texts.toml's sections that are not rules
_PLACEHOLDER = re.compile(r"\{(?P<name>[a-z_0-9]+)(?:\|(?P<fallback>[a-z_]+))?\}")


@dataclass(frozen=True)
class RuleTexts:
    """A rule in words, in one language."""

    code: str
    name: str
    explanation: str
    finding: str
    finding_roster: str | None
    action: str
    article: str
    legal_basis_zh: str
    finding_forms: dict[str, str]  # form -> its finding (facts.form)


@cache
def raw_texts(root: Path | None = None) -> dict:
    path = (root or runner.transforms_root()) / TEXTS
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def rule_codes(texts: dict) -> list[str]:
    return sorted(key for key in texts if key not in SECTIONS)


def rule_texts(language: str, root: Path | None = None) -> dict[str, RuleTexts]:
    """Every rule's words in `language`, by code."""
    texts = raw_texts(root)
    return {
        code: RuleTexts(
            code=code,
            **{key: texts[code][key][language] for key in RULE_TEXT_KEYS},
            finding_roster=texts[code].get(ROSTER_FINDING, {}).get(language),
            legal_basis_zh=texts[code]["legal_basis_zh"],
            finding_forms={
                key.removeprefix("finding_"): words[language]
                for key, words in texts[code].items()
                if key.startswith("finding_") and key != ROSTER_FINDING
            },
        )
        for code in rule_codes(texts)
    }


def value_words(language: str, root: Path | None = None) -> dict[str, dict[str, str]]:
    """field -> code -> its word, for the coded values findings name (wage_type, sex, id_problem)."""
    values = raw_texts(root).get("values", {})
    return {
        field: {code: words[language] for code, words in codes.items()} for field, codes in values.items()
    }


def catalogue_words(language: str, root: Path | None = None) -> dict[str, str]:
    """The headings of `wagewatch rules` in `language`."""
    return {key: words[language] for key, words in raw_texts(root).get("catalogue", {}).items()}


def missing_texts(codes: list[str], root: Path | None = None) -> list[str]:
    """`CODE.key.language` for every word a rule of the catalogue lacks: what a test must fail on."""
    texts = raw_texts(root)
    return [
        f"{code}.{key}.{language}"
        for code in codes
        for key in RULE_TEXT_KEYS
        for language in REPORT_LANGUAGES
        if not texts.get(code, {}).get(key, {}).get(language)
    ] + [f"{code}.legal_basis_zh" for code in codes if not texts.get(code, {}).get("legal_basis_zh")]


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class Compiler:
    """Templates of one language to SQL expressions over the macro's arguments."""

    def __init__(self, language: str, fact_types: dict[str, str], root: Path | None = None) -> None:
        self.language = language
        self.fact_types = fact_types
        self.words = value_words(language, root)
        self.fallback = {key: words[language] for key, words in raw_texts(root).get("fallback", {}).items()}

    def _value(self, name: str) -> str:
        if name in ARGUMENTS:
            return name
        if name not in self.fact_types:
            raise ValueError(f"{TEXTS}: a finding names {{{name}}}, neither a flag column nor a fact")
        return f"facts.{name}"

    def _written(self, name: str) -> str:
        """How one value is written, by its name's kind."""
        value = self._value(name)
        if name in self.words:
            cases = " ".join(f"when {_sql_text(c)} then {_sql_text(w)}" for c, w in self.words[name].items())
            return f"case {value} {cases} else {value} end"
        if self.fact_types.get(name, "").endswith("[]"):
            if name.endswith("periods"):  # a list of months, each written as a month is
                value = f"list_transform({value}, lambda p: finding_period_{self.language}(p))"
            return f"array_to_string({value}, {_sql_text(LIST_SEPARATOR[self.language])})"
        if name.endswith("_amount"):
            return f"finding_money({value})"
        if name.endswith("_date"):
            return f"finding_date_{self.language}({value})"
        if name == "period":
            return f"finding_period_{self.language}({value})"
        if self.fact_types.get(name, "").startswith(("decimal", "integer", "bigint")):
            return f"finding_number({value})"
        return f"cast({value} as varchar)"

    def sentence(self, template: str) -> str:
        parts, at = [], 0
        for match in _PLACEHOLDER.finditer(template):
            if match.start() > at:
                parts.append(_sql_text(template[at : match.start()]))
            written = self._written(match["name"])
            if match["fallback"]:
                written = f"coalesce({written}, {_sql_text(self.fallback[match['fallback']])})"
            parts.append(f"coalesce({written}, '')")
            at = match.end()
        if at < len(template):
            parts.append(_sql_text(template[at:]))
        return f"concat({', '.join(parts)})"

    def macro(self, texts: dict[str, RuleTexts]) -> str:
        cases = []
        for code, rule in texts.items():
            for form, finding in rule.finding_forms.items():
                cases.append(f"when rule = '{code}' and facts.form = '{form}' then {self.sentence(finding)}")
            if rule.finding_roster:
                cases.append(
                    f"when rule = '{code}' and period is null then {self.sentence(rule.finding_roster)}"
                )
            cases.append(f"when rule = '{code}' then {self.sentence(rule.finding)}")
        return (
            f"create or replace temp macro finding_text_{self.language}({', '.join(ARGUMENTS)}) as "
            f"case {' '.join(cases)} else rule end"
        )


def _fact_types(root: Path | None) -> dict[str, str]:
    declared = runner.read_flag_columns(root or runner.transforms_root())
    return declared.get(runner.FACTS, {})


@cache
def macros(root: Path | None = None) -> tuple[str, ...]:
    """The SQL that makes finding_text_<language> for every language, compiled once per process."""
    fact_types = _fact_types(root)
    return tuple(
        Compiler(language, fact_types, root).macro(rule_texts(language, root))
        for language in REPORT_LANGUAGES
    )


def install(
    con: duckdb.DuckDBPyConnection, root: Path | None = None, *, report_language: str | None = None
) -> None:
    """Make the finding macros on this connection (temporary: a read-only connection can too); with
    `report_language`, also `report_finding`, the reports' sentence in their language."""
    if not raw_texts(root):
        return  # a transforms tree without rule texts (a runner test's own): no findings to write
    con.execute(query(__package__, "finding_formats"))
    for sql in macros(root):
        con.execute(sql)
    if report_language:
        arguments = ", ".join(ARGUMENTS)
        con.execute(
            f"create or replace temp macro report_finding({arguments}) as "
            f"finding_text_{report_language}({arguments})"
        )
