"""Configuration (docs/contract.md section 6): defaults for everything, and every wrong key or value
refused when the file is loaded, in one message naming the file, the key and the reason."""

import os
import stat
from datetime import date
from decimal import Decimal

import pytest

from wagewatch import pipeline
from wagewatch.settings import Config, ConfigError, Settings, explain
from wagewatch.warehouse import db
from wagewatch.warehouse.store import open_store


def _load(tmp_path, text: str) -> Config:
    path = tmp_path / "wagewatch.toml"
    path.write_text(text, encoding="utf-8")
    return Config.load(path)


def test_defaults_hold_every_threshold_of_the_contract():
    rules = Config.load().rules
    assert rules.model_dump() == {
        "partial_tolerance": Decimal("0.01"),
        "grace_days": 0,
        "excessive_monthly_amount": 50000,
        "min_age": 16,
        "max_age_male": 60,
        "max_age_female": 50,
        "funding_days_before_pay_day": 0,
        "funding_window_months": 12,
        "funding_missed_consecutive": 2,
        "funding_missed_in_window": 3,
        "bank_fee_max_amount": 50,
        "judge_from": None,
        "exit_settlement_days": None,
        "excessive_yearly_amount": 300000,
    }
    assert Config.load().minimum_wage["2021-04-01"]["36"] == 1610


def test_thresholds_are_decimals_never_floats(tmp_path):
    config = _load(tmp_path, "[rules]\npartial_tolerance = 0.1\nexcessive_monthly_amount = 49999.99\n")
    assert config.rules.partial_tolerance == Decimal("0.1")
    assert config.rules.excessive_monthly_amount == Decimal("49999.99")


WRONG = [
    ("[rules]\npartial_tolerence = 0.02\n", "unknown configuration key 'rules.partial_tolerence'"),
    ("[rule]\nmin_age = 18\n", "unknown configuration key 'rule'"),
    ('[rules]\npartial_tolerance = "1%"\n', "'rules.partial_tolerance' must be a number, got '1%'"),
    ("[rules]\npartial_tolerance = -5\n", "'rules.partial_tolerance' should be greater than or equal to 0"),
    ("[rules]\npartial_tolerance = 0.5\n", "'rules.partial_tolerance' should be less than 0.5"),
    ("[rules]\ngrace_days = -1\n", "'rules.grace_days' should be greater than or equal to 0"),
    ("[rules]\ngrace_days = 1.5\n", "'rules.grace_days' should be a valid integer"),
    ("[rules]\nexcessive_monthly_amount = 0\n", "'rules.excessive_monthly_amount' should be greater than 0"),
    ("[rules]\nmin_age = true\n", "'rules.min_age' should be a valid integer, got True"),
    ("[rules]\nmax_age_female = 16\n", "'rules.max_age_female' must be above min_age, got 16"),
    ("[rules]\nfunding_days_before_pay_day = -1\n", "'rules.funding_days_before_pay_day' should be greater"),
    ("[rules]\nfunding_days_before_pay_day = 28\n", "'rules.funding_days_before_pay_day' should be less"),
    (
        "[rules]\nfunding_window_months = 1\n",
        "'rules.funding_window_months' should be greater than or equal to 2",
    ),
    ("[rules]\nfunding_missed_consecutive = 1\n", "'rules.funding_missed_consecutive' should be greater"),
    (
        "[rules]\nfunding_window_months = 3\nfunding_missed_in_window = 4\n",
        "'rules.funding_missed_in_window' must not be above funding_window_months, got 4",
    ),
    (
        "[rules]\nbank_fee_max_amount = -0.01\n",
        "'rules.bank_fee_max_amount' should be greater than or equal to 0",
    ),
    ('[rules]\nbank_fee_max_amount = "50"\n', "'rules.bank_fee_max_amount' must be a number"),
    ('[rules]\njudge_from = "2026-13"\n', "'rules.judge_from' must be a month written \"YYYY-MM\""),
    ('[rules]\njudge_from = "202608"\n', "'rules.judge_from' must be a month written \"YYYY-MM\""),
    ('[schedule]\ncron = "every night"\n', "'schedule.cron' is not a cron schedule"),
    ('[schedule]\ncron = "0 25 * * *"\n', "'schedule.cron' is not a cron schedule"),
    ('[schedule]\ntimezone = "Mars/Olympus"\n', "'schedule.timezone' is not an IANA time zone"),
    ("[publish]\nkeep_snapshots = -1\n", "'publish.keep_snapshots' should be greater than or equal to 0"),
    ("[report]\nkeep_days = 0\n", "'report.keep_days' should be greater than or equal to 1"),
    ('[report]\nlanguage = "fr"\n', "'report.language' should be 'zh' or 'en', got 'fr'"),
    ("[report]\nlanguage = 1\n", "'report.language' should be 'zh' or 'en', got 1"),
    ('[aliases.banks]\n"户名" = "payee_name"\n', "unknown kind [aliases.banks]"),
    (
        '[aliases.accounts]\n"户名" = "payee_name"\n',
        "[aliases.accounts] '户名' maps to unknown column 'payee_name'",
    ),
    ('[aliases.bank]\n"收方户名" = "payee"\n', "[aliases.bank] '收方户名' maps to unknown column 'payee'"),
    ('[minimum_wage]\n"Jiangxi" = 1610\n', "'minimum_wage.Jiangxi' is not a region-code prefix"),
    ('[minimum_wage]\n"3608021" = 1610\n', "'minimum_wage.3608021' is not a region-code prefix"),
    ('[minimum_wage]\n"36" = 0\n', "'minimum_wage.36' should be greater than 0"),
    ('[minimum_wage]\n"36" = "1610"\n', "'minimum_wage.36' must be a number"),
    ("minimum_wage = 3\n", "'minimum_wage' should be a valid dictionary"),
    ('[minimum_wage."2021-02-30"]\n"36" = 1610\n', "'minimum_wage.2021-02-30' is not a real date"),
    (
        '[minimum_wage."2021-04-01"]\n"Jiangxi" = 1610\n',
        "'minimum_wage.2021-04-01' 'Jiangxi' is not a region",
    ),
    ('[minimum_wage."2021-04-01"]\n"36" = 0\n', "'minimum_wage.2021-04-01' '36' should be greater than 0"),
    ('[minimum_wage]\n"2021-04-01" = 1610\n', "'minimum_wage' '2021-04-01' holds an amount"),
    ('[minimum_wage.36]\n"360802" = 1730\n', "'minimum_wage' '36' holds a table"),
    (
        "[rules]\nexit_settlement_days = -1\n",
        "'rules.exit_settlement_days' should be greater than or equal to 0",
    ),
    ("[rules]\nexcessive_yearly_amount = 0\n", "'rules.excessive_yearly_amount' should be greater than 0"),
    ("[rules\n", "cannot read configuration"),
    (
        '[engine]\nmemory_limit = "lots"\n',
        "'engine.memory_limit' must be an amount of memory such as \"4GB\"",
    ),
    ("[engine]\nmemory_limit = 4\n", "'engine.memory_limit' must be an amount of memory"),
    ('[engine]\nmemory_limit = "0GB"\n', "'engine.memory_limit' must be an amount of memory"),
    ('[engine]\nmemory_limit = "120%"\n', "'engine.memory_limit' must be an amount of memory"),
    ("[engine]\nthreads = 0\n", "'engine.threads' should be greater than or equal to 1"),
    ('[engine]\nthreads = "2"\n', "'engine.threads' should be a valid integer"),
    (
        '[engine]\ntemp_directory = "/tmp/spill"\n',
        "'engine.temp_directory' must be a folder inside the private",
    ),
    (
        '[engine]\ntemp_directory = "../spill"\n',
        "'engine.temp_directory' must be a folder inside the private",
    ),
    ('[engine]\ntemp_directory = ""\n', "'engine.temp_directory' must be a folder name"),
    ('[engine]\ntemp_dir = "spill"\n', "unknown configuration key 'engine.temp_dir'"),
    (
        '[engine]\ndask_address = "10.0.0.5"\n',
        "'engine.dask_address' must be a Dask scheduler's address",
    ),
    ('[engine]\npartition_level = "county"\n', "'engine.partition_level' should be 'province' or 'city'"),
]


@pytest.mark.parametrize(("text", "message"), WRONG)
def test_a_wrong_key_or_value_is_refused_naming_file_key_and_reason(tmp_path, text, message):
    with pytest.raises(ConfigError) as refused:
        _load(tmp_path, text)
    assert message in str(refused.value)
    assert str(tmp_path / "wagewatch.toml") in str(refused.value)
    assert "\n" not in str(refused.value)


def test_every_problem_of_a_file_is_named_at_once(tmp_path):
    with pytest.raises(ConfigError) as refused:
        _load(tmp_path, "[rules]\ngrace_days = -1\nmin_age = 0\n")
    assert "'rules.grace_days'" in str(refused.value) and "'rules.min_age'" in str(refused.value)


def test_judge_from_is_unset_by_default_and_a_month_when_given(tmp_path):
    assert Config.load().rules.judge_from is None
    assert _load(tmp_path, '[rules]\njudge_from = "2026-09"\n').rules.judge_from == "2026-09"
    path = tmp_path / "wagewatch.toml"
    assert ("rules.judge_from", "2026-09", str(path)) in explain(path)


def test_a_users_minimum_wage_table_replaces_the_default_one(tmp_path):
    assert _load(tmp_path, '[minimum_wage]\n"11" = 2420\n').minimum_wage == {"11": 2420}


def test_a_minimum_wage_table_dates_its_notices_and_may_mix_in_an_undated_amount(tmp_path):
    text = '[minimum_wage]\n"43" = 1700\n\n[minimum_wage."2021-04-01"]\n"36" = 1610\n"360802" = 1730\n'
    assert _load(tmp_path, text).minimum_wage_standards() == [
        ("43", None, 1700),
        ("36", date(2021, 4, 1), 1610),
        ("360802", date(2021, 4, 1), 1730),
    ]
    path = tmp_path / "wagewatch.toml"
    assert ("minimum_wage.2021-04-01.360802", 1730, str(path)) in explain(path)


def test_the_shipped_table_keeps_jiangxis_notices_since_2015():
    dates = {day for _, day, _ in Config.load().minimum_wage_standards()}
    assert dates == {date(2015, 10, 1), date(2018, 1, 1), date(2021, 4, 1)}


def test_exit_settlement_is_by_the_exit_months_due_date_unless_days_are_given(tmp_path):
    assert Config.load().rules.exit_settlement_days is None
    assert Config.load().rules.excessive_yearly_amount == 300000
    assert _load(tmp_path, "[rules]\nexit_settlement_days = 0\n").rules.exit_settlement_days == 0


def test_an_integer_where_a_decimal_is_expected_is_accepted(tmp_path):
    assert _load(tmp_path, "[rules]\npartial_tolerance = 0\n").rules.partial_tolerance == 0


def test_reports_are_in_chinese_unless_configured_in_english(tmp_path):
    assert Config.load().report.language == "zh"
    assert _load(tmp_path, '[report]\nlanguage = "en"\n').report.language == "en"


def test_the_configuration_is_frozen():
    with pytest.raises(ValueError, match="frozen"):
        Config.load().rules.grace_days = 3  # type: ignore[misc]


def test_the_engine_runs_with_duckdbs_defaults_and_spills_inside_the_private_folder(tmp_path):
    engine = Config.load().engine
    assert (engine.memory_limit, engine.threads, engine.temp_directory) == (None, None, "spill")
    settings = Settings(inbox=tmp_path, warehouse=tmp_path / "w.duckdb")
    assert settings.spill_dir == tmp_path / "w.private" / "spill"


def _store_settings(tmp_path, engine: str) -> Settings:
    path = tmp_path / "wagewatch.toml"
    path.write_text(f"[engine]\n{engine}", encoding="utf-8")
    return Settings(inbox=tmp_path, warehouse=tmp_path / "w.duckdb", config=Config.load(path))


SETTINGS_IN_FORCE = (
    "select current_setting('memory_limit'), current_setting('threads'), current_setting('temp_directory')"
)


def _engine_in_force(con) -> tuple:
    return con.execute(SETTINGS_IN_FORCE).fetchone()


def test_the_engine_settings_reach_every_connection_on_the_store(tmp_path):
    settings = _store_settings(
        tmp_path, 'memory_limit = "512MiB"\nthreads = 1\ntemp_directory = "tmp/spill"\n'
    )
    con = open_store(settings)
    try:
        in_force = (_engine_in_force(con), _engine_in_force(db.cursor(con, settings)))
    finally:
        con.close()
    assert in_force == (("512.0 MiB", 1, str(tmp_path / "w.private" / "tmp" / "spill")),) * 2
    assert stat.S_IMODE(settings.spill_dir.stat().st_mode) == 0o700


SPILL = "select s, count(*) from (select md5(i::varchar) as s from range(2000000) r(i)) group by s order by s"


def _spill(con) -> list[str]:
    """An aggregation larger than a 32 MiB limit: DuckDB spills it; the files it left, while open."""
    con.execute(SPILL).fetchmany(1)
    return os.listdir(con.execute("select current_setting('temp_directory')").fetchone()[0])


def test_a_store_spills_inside_the_private_folder_and_leaves_nothing_once_closed(tmp_path):
    settings = _store_settings(tmp_path, 'memory_limit = "32MiB"\nthreads = 1\n')
    con = open_store(settings)
    try:
        spilled = _spill(con)
    finally:
        con.close()
    assert spilled, "the query did not spill: raise its rows"
    assert list(settings.spill_dir.iterdir()) == []
    assert sorted(p.name for p in settings.private_dir.iterdir()) == ["spill", "store.duckdb"]


def test_a_run_that_fails_after_spilling_leaves_no_spill_files(tmp_path):
    settings = _store_settings(tmp_path, 'memory_limit = "32MiB"\nthreads = 1\n')

    def spill_then_fail(function, con, *args):
        assert _spill(con)
        raise RuntimeError("a step failed")

    with pytest.raises(RuntimeError, match="a step failed"):
        pipeline.run(settings, step=spill_then_fail)
    assert list(settings.spill_dir.iterdir()) == []


def test_spill_files_a_killed_run_left_are_removed_when_the_store_next_opens(tmp_path):
    settings = _store_settings(tmp_path, "")
    settings.spill_dir.mkdir(parents=True)
    (settings.spill_dir / "duckdb_temp_storage-0.tmp").write_bytes(b"clear rows")
    open_store(settings).close()
    assert list(settings.spill_dir.iterdir()) == []
