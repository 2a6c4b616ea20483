"""The run's headline figures, kept by Prefect as a table artifact beside the markdown summary."""

from __future__ import annotations

from wagewatch.reports.headline import headline_table
from wagewatch.vocabulary import LEVELS
from wagewatch.warehouse.db import query


def test_headline_figures_are_the_warehouses(sample_run):
    table = headline_table(sample_run.settings.warehouse, sample_run.settings.as_of)
    figures = {row["figure"]: row["value"] for row in table}
    by_level = dict(sample_run.query(query("wagewatch.reports", "project_levels")))
    for level in LEVELS:
        assert figures[f"projects {level}"] == str(by_level.get(level, 0))
    (owed,) = sample_run.query("select sum(owed_amount) from project_arrears")[0]
    assert figures["owed to workers now (yuan)"] == f"{owed:,.2f}"
    (shortfall,) = sample_run.query("select sum(shortfall_amount) from project_periods")[0]
    assert figures["shortfalls of judged months, added up (yuan)"] == f"{shortfall:,.2f}"
    severities = dict(sample_run.query("select severity, count(*) from flags group by severity"))
    assert figures["open flags: red"] == str(severities.get("red", 0))
    assert figures["open flags: amber"] == str(severities.get("amber", 0))
    assert figures["flags new as of the run"] == str(len(sample_run.query("select * from flags")))


def test_the_flow_keeps_the_summary_and_the_headline_as_artifacts(sample_run, monkeypatch):
    from wagewatch.flows import nightly

    made = {}
    monkeypatch.setattr(nightly, "create_markdown_artifact", lambda markdown, **kw: made.update(markdown=kw))
    monkeypatch.setattr(nightly, "create_table_artifact", lambda table, **kw: made.update(table=(table, kw)))
    nightly.publish_artifacts(sample_run.result)
    table, options = made["table"]
    assert options["key"] == "nightly-headline"
    assert table == headline_table(sample_run.settings.warehouse, sample_run.settings.as_of)
    assert made["markdown"]["key"] == "nightly-summary"
