"""Finding sentences in both languages: every rule of the catalogue has its words (finding template,
action, article) in zh and en, the templates name only values a flag has, and they are written the
way an inspector reads them (¥8,764.50, 2026年9月15日)."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from wagewatch.settings import REPORT_LANGUAGES
from wagewatch.warehouse import catalogue, findings, runner

CODES = [rule.code for rule in catalogue.rules()]
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _rendered(language: str, rule: str, period: str | None, facts: str, **amounts) -> str:
    con = duckdb.connect()
    findings.install(con)
    values = {"expected_amount": None, "paid_amount": None, "shortfall_amount": None, **amounts}
    facts_type = runner.load().flags.columns[runner.FACTS]
    return con.execute(
        f"select finding_text_{language}($rule, $period, '张三', $expected_amount::decimal(14, 2), "
        f"$paid_amount::decimal(14, 2), $shortfall_amount::decimal(14, 2), cast({facts} as {facts_type}))",
        {"rule": rule, "period": period, **values},
    ).fetchone()[0]


def test_every_rule_of_the_catalogue_has_its_finding_action_and_article_in_both_languages():
    assert CODES
    assert findings.missing_texts(CODES) == []
    assert findings.rule_codes(findings.raw_texts()) == sorted(CODES), "texts of rules that do not exist"


def test_a_rule_without_its_words_is_named_by_the_check(tmp_path: Path):
    root = tmp_path / "transforms"
    shutil.copytree(runner.transforms_root(), root)
    texts = (root / findings.TEXTS).read_text(encoding="utf-8")
    (root / findings.TEXTS).write_text(
        texts.replace("[NO_PAYROLL]", "[NO_PAYROLL_RENAMED]"), encoding="utf-8"
    )
    missing = findings.missing_texts(CODES, root)
    assert "NO_PAYROLL.finding.zh" in missing
    assert "NO_PAYROLL.action.en" in missing
    assert "NO_PAYROLL.article.zh" in missing


def test_every_template_compiles_naming_only_flag_columns_and_facts():
    assert len(findings.macros()) == len(REPORT_LANGUAGES)


def test_chinese_sentences_have_no_english_words_but_for_codes():
    for rule in findings.rule_texts("zh").values():
        texts = (rule.name, rule.explanation, rule.finding, rule.finding_roster or "", rule.action)
        for text in (*texts, *rule.finding_forms.values()):
            assert LATIN_WORD.findall(_PLACEHOLDERS.sub("", text)) == [], (rule.code, text)
    for field, words in findings.value_words("zh").items():
        assert all(not LATIN_WORD.search(word) for word in words.values()), field


_PLACEHOLDERS = re.compile(r"\{[^}]*\}|GB(/T)? \d+")  # a standard's code reads the same in both


def test_a_missed_payment_reads_in_chinese_with_yuan_and_chinese_dates():
    text = _rendered(
        "zh",
        "MISSED_PAYMENT",
        "2026-08",
        "{'due_date': date '2026-09-15'}",
        expected_amount=Decimal("8764.50"),
    )
    assert text == "2026年8月应发¥8,764.50，应于2026年9月15日前支付；截至统计日未支付任何工资"


def test_the_english_sentence_is_the_warehouse_detail():
    text = _rendered(
        "en",
        "MISSED_PAYMENT",
        "2026-08",
        "{'due_date': date '2026-09-15'}",
        expected_amount=Decimal("8764.50"),
    )
    assert text == "expected ¥8,764.50 for 2026-08, due 2026-09-15; nothing paid by the as-of date"


def test_an_unknown_expected_amount_says_so_in_words():
    text = _rendered("zh", "MISSED_PAYMENT", "2026-08", "{'due_date': date '2026-09-15'}")
    assert text.startswith("2026年8月应发金额未知（日薪且当月无考勤）")


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (None, "尾号0123的银行卡在花名册上登记给了本项目3名工人"),
        ("2026-08", "尾号0123的银行卡收到了本项目3名工人2026年8月的工资"),
    ],
)
def test_a_shared_card_reads_by_its_form(period, expected):
    assert _rendered("zh", "SHARED_ACCOUNT", period, "{'card_last4': '0123', 'workers_count': 3}") == expected


def test_coded_values_and_lists_are_written_in_words():
    assert _rendered(
        "zh",
        "OVERAGE_WORKER",
        None,
        "{'sex': 'female', 'age': 52, 'age_limit': 50, 'entry_date': date '2026-08-01'}",
    ) == ("张三（女）于2026年8月1日进场时52周岁，超过50周岁的年龄上限")
    mismatch = _rendered(
        "zh",
        "ACCOUNT_MISMATCH",
        "2026-08",
        "{'paid_into_last4': ['1111', '2222'], 'registered_last4': ['3333']}",
        paid_amount=Decimal("5000"),
    )
    assert mismatch == "2026年8月的工资¥5,000.00转入了尾号1111、2222的银行卡；登记的工资卡尾号为3333"
