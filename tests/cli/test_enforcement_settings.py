"""The enforcement tools' configuration: [deposits], [ageing] and [blacklist] (docs/contract.md section
6.5), checked like every other key, and their region tables replaced whole by a file's."""

from decimal import Decimal

import pytest

from wagewatch.settings import Config, ConfigError, explain


def _load(tmp_path, text: str) -> Config:
    path = tmp_path / "wagewatch.toml"
    path.write_text(text, encoding="utf-8")
    return Config.load(path)


def test_the_defaults_are_the_national_rules_and_one_countys_stages():
    config = Config.load()
    assert config.deposits.deposit_due_days == 30
    assert config.deposits.deposit_exempt_below == Decimal("3000000")
    assert config.deposits.deposit_rate == {"36": Decimal("0.01")}
    assert (config.ageing.yellow_max_days, config.ageing.orange_max_days) == (30, 60)
    blacklist = config.blacklist
    assert (blacklist.min_days_overdue, blacklist.rectification_days) == (61, 30)
    assert (blacklist.early_removal_months, blacklist.term_years) == (6, 3)
    assert blacklist.bounds["36"].owed_amount == Decimal("5000") and blacklist.bounds["36"].workers_owed == 1


def test_a_files_rate_and_bounds_tables_replace_the_defaults_whole(tmp_path):
    config = _load(
        tmp_path,
        '[deposits.deposit_rate]\n"3608" = 0.02\n'
        '[blacklist.bounds]\n"3608" = { owed_amount = 20000, workers_owed = 1 }\n',
    )
    assert config.deposits.deposit_rate == {"3608": Decimal("0.02")}
    assert list(config.blacklist.bounds) == ["3608"]
    keys = [key for key, _, _ in explain(tmp_path / "wagewatch.toml")]
    assert "deposits.deposit_rate.36" not in keys and "blacklist.bounds.36.owed_amount" not in keys


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[ageing]\nyellow_max_days = 30\norange_max_days = 30\n", "'ageing.orange_max_days' must be above"),
        ('[deposits.deposit_rate]\n"36" = 0.5\n', "'deposits.deposit_rate.36'"),
        ('[deposits]\ndeposit_due_days = "30"\n', "'deposits.deposit_due_days'"),
        (
            '[blacklist.bounds]\n"36" = { owed_amount = 0, workers_owed = 1 }\n',
            "'blacklist.bounds.36.owed_amount'",
        ),
        ("[blacklist]\nterm_years = 0\n", "'blacklist.term_years'"),
    ],
)
def test_a_wrong_value_is_refused_naming_the_key(tmp_path, text, said):
    with pytest.raises(ConfigError, match=said):
        _load(tmp_path, text)
