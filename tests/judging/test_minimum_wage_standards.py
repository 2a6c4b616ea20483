"""BELOW_MINIMUM_WAGE against the standard in force (docs/contract.md section 3.3): a stint is held to
every minimum wage in force on a day from its entry to its exit, or to the as-of date while on site.

The shipped table's Jizhou district (360802) figures: 1,430 from 2015-10-01 (tier 2 of four), 1,580
from 2018-01-01, 1,730 from 2021-04-01; nothing before 2015-10-01.
"""

from datetime import date
from decimal import Decimal

from wagewatch.settings import Config

BELOW = (
    "select worker_name, expected_amount, shortfall_amount, facts.effective_date, detail"
    " from flags where rule = 'BELOW_MINIMUM_WAGE'"
)


def _at_1700(inbox, entry: str = "2021-01-01", exit_: str = ""):
    """张三 at 1,700 a month: above Jizhou's 1,580 of 2018, below its 1,730 of 2021."""
    return inbox.project().worker("张三", rate="1700", entry=entry, exit=exit_)


def test_a_stint_spanning_a_new_standard_is_held_to_it(inbox, judge):
    assert judge(_at_1700(inbox), date(2021, 6, 1)).query(BELOW) == [
        (
            "张三",
            Decimal("1730.00"),
            Decimal("30.00"),
            date(2021, 4, 1),
            "agreed pay for a full month ¥1,700.00 (monthly rate ¥1,700.00) is below the minimum wage of "
            "¥1,730.00 in force in region 360802 from 2021-04-01",
        )
    ]


def test_a_stint_that_ended_before_the_new_standard_is_not_held_to_it(inbox, judge):
    assert judge(_at_1700(inbox, exit_="2021-03-31"), date(2021, 6, 1)).query(BELOW) == []


def test_one_day_under_the_new_standard_is_enough(inbox, judge):
    result = judge(_at_1700(inbox, exit_="2021-04-01"), date(2021, 6, 1))
    assert [row[:4] for row in result.query(BELOW)] == [
        ("张三", Decimal("1730.00"), Decimal("30.00"), date(2021, 4, 1))
    ]


def test_a_standard_not_yet_in_force_on_the_as_of_date_is_not_applied(inbox, judge):
    assert judge(_at_1700(inbox), date(2021, 3, 31)).query(BELOW) == []


def test_a_stint_entered_under_a_new_standard_is_held_to_it_from_entry(inbox, judge):
    result = judge(inbox.project().worker("张三", rate="1500", entry="2018-03-01"), date(2018, 6, 1))
    assert [row[1:4] for row in result.query(BELOW)] == [
        (Decimal("1580.00"), Decimal("80.00"), date(2018, 1, 1))
    ]


def test_the_standard_it_falls_furthest_below_stands_for_a_long_stint(inbox, judge):
    inbox.project().worker("张三", rate="1400", entry="2016-01-01")  # below 1,430, 1,580 and 1,730
    result = judge(inbox, date(2021, 6, 1))
    assert [row[1:4] for row in result.query(BELOW)] == [
        (Decimal("1730.00"), Decimal("330.00"), date(2021, 4, 1))
    ]


def test_before_the_regions_first_notice_there_is_no_standard_to_judge_by(inbox, judge):
    inbox.project().worker("张三", rate="1000", entry="2015-01-01", exit="2015-09-30")
    assert judge(inbox, date(2015, 12, 1)).query(BELOW) == []


def test_the_first_notice_applies_from_its_effective_date(inbox, judge):
    inbox.project().worker("张三", rate="1000", entry="2015-01-01", exit="2015-10-01")
    result = judge(inbox, date(2015, 12, 1))
    assert [row[1:4] for row in result.query(BELOW)] == [
        (Decimal("1430.00"), Decimal("430.00"), date(2015, 10, 1))
    ]


def test_a_later_notice_replaces_a_longer_prefix_of_an_earlier_one(inbox, judge):
    # 2015 named Qingyuan (360803) tier 3 at 1,340; 2018 names it no more: Jiangxi's tier 3, 1,470
    inbox.project(region="360803").worker("张三", rate="1400", entry="2019-01-01", exit="2019-12-31")
    result = judge(inbox, date(2020, 3, 1))
    assert [row[1:4] for row in result.query(BELOW)] == [
        (Decimal("1470.00"), Decimal("70.00"), date(2018, 1, 1))
    ]


def test_a_table_without_dates_is_one_standard_in_force_throughout(inbox, judge, tmp_path):
    path = tmp_path / "wagewatch.toml"
    path.write_text('[minimum_wage]\n"36" = 1610\n', encoding="utf-8")
    inbox.project().worker("张三", rate="1600", entry="2012-01-01", exit="2012-12-31")
    result = judge(inbox, date(2013, 3, 1), config=Config.load(path))
    assert result.query(BELOW) == [
        (
            "张三",
            Decimal("1610.00"),
            Decimal("10.00"),
            None,
            "agreed pay for a full month ¥1,600.00 (monthly rate ¥1,600.00) is below the minimum wage of "
            "¥1,610.00 in region 360802",
        )
    ]


def test_a_dated_notice_replaces_an_undated_figure_from_its_date(inbox, judge, tmp_path):
    path = tmp_path / "wagewatch.toml"
    path.write_text(
        '[minimum_wage]\n"36" = 1500\n\n[minimum_wage."2021-04-01"]\n"36" = 1610\n', encoding="utf-8"
    )
    inbox.project().worker("张三", rate="1550", entry="2020-01-01", exit="2021-03-31")  # 1,500 only
    inbox.worker("李四", rate="1550", entry="2020-01-01", exit="2021-04-30")
    found = judge(inbox, date(2021, 6, 1), config=Config.load(path)).query(BELOW)
    assert [row[:4] for row in found] == [("李四", Decimal("1610.00"), Decimal("60.00"), date(2021, 4, 1))]


def test_the_dated_finding_reads_in_chinese(inbox, judge):
    result = judge(_at_1700(inbox), date(2021, 6, 1))
    assert result.query(
        "select finding_text_zh(rule, period, worker_name, expected_amount, paid_amount, shortfall_amount,"
        " facts) from flags where rule = 'BELOW_MINIMUM_WAGE'"
    ) == [
        (
            "约定的整月工资¥1,700.00（月薪¥1,700.00）低于所在地区（360802）自2021年4月1日起执行的最低工资标准¥1,730.00",
        )
    ]
