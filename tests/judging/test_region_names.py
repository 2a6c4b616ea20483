"""Every mart that carries a region code carries its name (the regions mart)."""

from datetime import date

from tests.helpers.inbox_builder import Inbox


def test_the_marts_carry_region_names_and_an_unlisted_code_is_its_own_name(judge, inbox: Inbox):
    inbox.project("P1", region="360802", wage_account="6222000000000001")
    inbox.project("P2", region="369999", wage_account="6222000000000002")
    store = judge(inbox, date(2026, 10, 20), "projects", "project_register", "regions")
    assert sorted(store.query("select project_id, region_name from projects")) == [
        ("P1", "江西省吉安市吉州区"),
        ("P2", "369999"),
    ]
    assert store.query("select region_name, is_listed from regions where region_code = '369999'") == [
        ("369999", False)
    ]
    assert store.query("select count(*) from project_register where region_name is null") == [(0,)]
