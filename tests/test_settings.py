"""Configuration (CONTRACT section 6): defaults for everything, and a clear error for a wrong key."""

import pytest

from wagewatch.settings import Config, ConfigError, explain


def _load(tmp_path, text: str) -> Config:
    path = tmp_path / "wagewatch.toml"
    path.write_text(text, encoding="utf-8")
    return Config.load(path)


def test_defaults_hold_every_threshold_of_the_contract():
    rules = Config.load().rules
    assert rules == {
        "partial_tolerance": 0.01,
        "grace_days": 0,
        "excessive_monthly_amount": 50000,
        "min_age": 16,
        "max_age_male": 60,
        "max_age_female": 50,
    }
    assert Config.load().minimum_wage["36"] == 1610


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[rules]\npartial_tolerence = 0.02\n", "unknown configuration key 'rules.partial_tolerence'"),
        ("[rule]\nmin_age = 18\n", "unknown configuration key 'rule'"),
        ('[rules]\npartial_tolerance = "1%"\n', "'rules.partial_tolerance' must be float, got '1%'"),
        ('[aliases.banks]\n"户名" = "payee_name"\n', "unknown kind in [aliases.banks]"),
        (
            '[aliases.bank]\n"收方户名" = "payee"\n',
            "[aliases.bank] '收方户名' maps to unknown column 'payee'",
        ),
        (
            '[minimum_wage]\n"Jiangxi" = 1610\n',
            "[minimum_wage] 'Jiangxi' = 1610: want a region-code prefix = yuan",
        ),
        ("[rules\n", "cannot read configuration"),
        ('[report]\nlanguage = "fr"\n', "[report] language must be one of zh, en, got 'fr'"),
        ("[report]\nlanguage = 1\n", "'report.language' must be str, got 1"),
    ],
)
def test_a_wrong_key_or_value_is_a_clear_error(tmp_path, text, message):
    with pytest.raises(
        ConfigError, match=message.replace("[", r"\[").replace("]", r"\]").replace(".", r"\.")
    ):
        _load(tmp_path, text)


def test_judge_from_is_unset_by_default_and_a_month_when_given(tmp_path):
    assert "judge_from" not in Config.load().rules
    assert _load(tmp_path, '[rules]\njudge_from = "2026-09"\n').rules["judge_from"] == "2026-09"
    path = tmp_path / "wagewatch.toml"
    assert ("rules.judge_from", "2026-09", str(path)) in explain(path)


def test_a_users_minimum_wage_table_replaces_the_default_one(tmp_path):
    assert _load(tmp_path, '[minimum_wage]\n"11" = 2420\n').minimum_wage == {"11": 2420}


def test_an_integer_where_a_decimal_is_expected_is_accepted(tmp_path):
    assert _load(tmp_path, "[rules]\npartial_tolerance = 0\n").rules["partial_tolerance"] == 0


def test_reports_are_in_chinese_unless_configured_in_english(tmp_path):
    assert Config.load().report == {"language": "zh"}
    assert _load(tmp_path, '[report]\nlanguage = "en"\n').report == {"language": "en"}
