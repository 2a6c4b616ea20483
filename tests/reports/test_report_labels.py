"""The reports' words: every label in Chinese and English, every rule of the catalogue explained in
both with its legal basis, and the chart's axis on round numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wagewatch.reports.chart import nice_top
from wagewatch.reports.labels import GROUPS, Configured, load_labels, raw_labels
from wagewatch.settings import REPORT_LANGUAGES
from wagewatch.warehouse import catalogue


@pytest.mark.parametrize("group", GROUPS)
def test_every_label_has_both_languages(group):
    missing = [key for key, entry in raw_labels()[group].items() if set(entry) != set(REPORT_LANGUAGES)]
    assert missing == []


def test_every_rule_of_the_catalogue_is_explained_in_both_languages_with_its_legal_basis():
    codes = {rule.code for rule in catalogue.rules()}
    for language in REPORT_LANGUAGES:
        rules = load_labels(language).rules
        assert set(rules) == codes
        assert all(rule.name and rule.explanation and rule.legal_basis for rule in rules.values())
        assert all(rule.action and rule.article for rule in rules.values())
    chinese, english = load_labels("zh").rules, load_labels("en").rules
    assert all("《" in rule.legal_basis or "规定" in rule.legal_basis for rule in chinese.values())
    assert {code: rule.legal_basis for code, rule in english.items()} == {
        rule.code: rule.legal_basis for rule in catalogue.rules()
    }


def test_an_unknown_language_is_a_clear_error():
    with pytest.raises(ValueError, match="report language must be one of zh, en, got 'fr'"):
        load_labels("fr")


@pytest.mark.parametrize(
    ("largest", "top"),
    [("168722.88", "200000"), ("5000", "5000"), ("5001", "6000"), ("0", "5"), ("0.37", "1")],
)
def test_the_chart_axis_ends_on_a_round_number_above_the_largest_amount(largest, top):
    assert nice_top(Decimal(largest)) == Decimal(top)


def test_the_stages_and_the_blacklist_term_say_the_configured_numbers():
    zh, en = (load_labels(language, Configured(20, 45, 5)) for language in ("zh", "en"))
    assert [zh.stage[stage] for stage in ("yellow", "orange", "red")] == [
        "黄色（欠薪不超过20天）",
        "橙色（欠薪超过20天、不超过45天）",
        "红色（欠薪超过45天）",
    ]
    assert en.stage["orange"] == "orange (over 20, up to 45 days)"
    assert zh.text["term_end"] == "5年期满日期（如列入）"
    assert en.text["term_end"] == "5-year term ends (if listed)"
    assert load_labels("zh").stage["yellow"] == "黄色（欠薪不超过30天）"  # the defaults
