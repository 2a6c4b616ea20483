"""The bodies of the report pages' big tables, written by plain string building: the project page's
(months, actions, new and resolved flags, flags by worker with their evidence, the ledger) and the
rules table it shares with the index.

At 3,333 projects with findings the pages hold about 35,000 flags, 145,000 evidence rows and 42,000
ledger rows: drawn through Jinja, one attribute lookup, filter call and Markup escape per cell, they
took most of the reports' time. Here every word of the language, every badge and every rule's row is
written once per run, and a page's rows are f-strings over its data. Text from site files is escaped
(html.escape) exactly once, where it enters a row; the template around them (project.html.j2) keeps
the page's layout.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from markupsafe import Markup

from wagewatch.reports.data import Project, Row, WorkerGroup
from wagewatch.reports.labels import Labels
from wagewatch.reports.markup import MISSING, money

FLAG_COLUMNS = 9  # the flags table's columns: a worker's heading and the evidence row span them all


def text(value: Any) -> str:
    """A value as page text, escaped; the dash for a missing one."""
    return MISSING if value is None or value == "" else escape(str(value))


def _amount(value: Any) -> str:
    return f'<td class="num">{money(value)}</td>'


def _badge(key: str, word: str) -> str:
    return f'<span class="badge level-{escape(key)}">{escape(word)}</span>'


class TableRows:
    """One language's table rows, for every page of a run; amounts are digits, separators and a point
    (money), with nothing to escape."""

    def __init__(self, labels: Labels, as_of: date) -> None:
        t = {key: escape(value) for key, value in labels.text.items()}
        self.t = t
        self.labels = labels
        self.as_of = as_of
        self.level = {key: _badge(key, word) for key, word in labels.level.items()}
        self.severity = {key: _badge(key, word) for key, word in labels.severity.items()}
        self._rule_cells: dict[str, str] = {}
        self._rule_rows: dict[str, str] = {}
        self.new_badge = f' <span class="badge new">{t["new_badge"]}</span>'
        self.this_run = f' <span class="badge new">{t["this_run"]}</span>'

    def level_badge(self, level: str) -> str:
        return self.level.get(level) or _badge(level, level)

    def severity_badge(self, severity: str) -> str:
        return self.severity.get(severity) or _badge(severity, severity)

    def rule_cell(self, code: str) -> str:
        """A rule's name over its code, as every table writes it."""
        cell = self._rule_cells.get(code)
        if cell is None:
            cell = f"{escape(self.labels.rule_name(code))}<br><code>{escape(code)}</code>"
            self._rule_cells[code] = cell
        return cell

    def _period(self, period: str | None) -> str:
        return escape(period) if period else self.t["roster_period"]

    def months(self, periods: list[Row]) -> Markup:
        return Markup(
            "".join(
                f'<tr class="month" data-period="{escape(row["period"])}"><td>{escape(row["period"])}</td>'
                f"<td>{text(row['due_date'])}</td><td>{self.level_badge(row['level'])}</td>"
                f'<td class="num">{row["workers_expected"]}</td><td class="num">{row["workers_missed"]}</td>'
                f'<td class="num">{row["workers_partial"]}</td><td class="num">{row["workers_late"]}</td>'
                f"{_amount(row['expected_amount'])}{_amount(row['paid_amount'])}"
                f"{_amount(row['shortfall_amount'])}{_amount(row['overpaid_amount'])}</tr>\n"
                for row in periods
            )
        )

    def actions(self, project: Project) -> Markup:
        rows = []
        for code, severity, count in project.findings:
            rule = self.labels.rules.get(code)
            article = escape(rule.article) if rule else MISSING
            rows.append(
                f'<tr class="action" data-rule="{escape(code)}"><td>{self.rule_cell(code)}</td>'
                f'<td>{self.severity_badge(severity)}</td><td class="num">{count}</td>'
                f"<td>{escape(self.labels.rule_action(code))}</td><td>{article}</td></tr>\n"
            )
        return Markup("".join(rows))

    def new_flags(self, flags: list[Row]) -> Markup:
        return Markup(
            "".join(
                f'<tr class="new-flag" data-flag-id="{escape(flag["flag_id"])}">'
                f'<td><a href="#flag-{escape(flag["flag_id"])}">{text(flag["worker_name"])}</a></td>'
                f"<td>{text(flag['id_number_masked'])}</td><td>{self._period(flag['period'])}</td>"
                f"<td>{self.rule_cell(flag['rule'])}</td><td>{self.severity_badge(flag['severity'])}</td>"
                f"{_amount(flag['shortfall_amount'])}</tr>\n"
                for flag in flags
            )
        )

    def resolved(self, rows: list[Row]) -> Markup:
        return Markup(
            "".join(
                f'<tr class="resolved-flag" data-flag-id="{escape(flag["flag_id"])}">'
                f"<td>{text(flag['worker_name'])}</td><td>{text(flag['id_number_masked'])}</td>"
                f"<td>{self._period(flag['period'])}</td><td>{self.rule_cell(flag['rule'])}</td>"
                f"<td>{self.severity_badge(flag['severity'])}</td>"
                f"{_amount(flag['shortfall_amount'])}"
                f"<td>{flag['first_raised_on']}</td><td>{flag['last_seen_on']}</td>"
                f"<td>{flag['resolved_on']}{self.this_run if flag['resolved_on'] == self.as_of else ''}</td>"
                "</tr>\n"
                for flag in rows
            )
        )

    def _days_late(self, flag: Row) -> str:
        if flag["days_late"] is None:
            return MISSING
        paid = flag["paid_in_full_on"]
        when = f"{self.t['paid_in_full_on']} {paid}" if paid else self.t["still_unpaid"]
        return f"{flag['days_late']} <br><small>{when}</small>"

    def _worker(self, group: WorkerGroup) -> str:
        t = self.t
        if not group.worker_key:
            heading = t["project_level_group"]
            return f'<tr class="worker" data-worker-key=""><th colspan="{FLAG_COLUMNS}">{heading}</th></tr>\n'
        return (
            f'<tr class="worker" data-worker-key="{escape(group.worker_key)}"><th colspan="{FLAG_COLUMNS}">'
            f'<span class="name">{text(group.worker_name)}</span> · '
            f'{t["id_masked"]} <span class="id">{text(group.id_number_masked)}</span> · '
            f'{t["team"]} <span class="team">{text(group.team)}</span> · '
            f'{t["trade"]} <span class="trade">{text(group.trade)}</span> · '
            f'{t["owed_now"]} <span class="owed">{money(group.owed_amount)}</span></th></tr>\n'
        )

    def _flag(self, flag: Row) -> str:
        flag_id = escape(flag["flag_id"])
        rule = escape(flag["rule"])
        row = (
            f'<tr class="flag" id="flag-{flag_id}" data-flag-id="{flag_id}">'
            f"<td>{self._period(flag['period'])}</td>"
            f'<td><a href="#rule-{rule}">{self.rule_cell(flag["rule"])}</a></td>'
            f"<td>{self.severity_badge(flag['severity'])}</td>"
            f"{_amount(flag['expected_amount'])}{_amount(flag['paid_amount'])}"
            f"{_amount(flag['shortfall_amount'])}"
            f'<td class="num">{self._days_late(flag)}</td>'
            f'<td class="finding-text">{text(flag["finding"])}</td>'
            f'<td class="date">{text(flag["first_raised_on"])}{self.new_badge if flag["is_new"] else ""}</td>'
            "</tr>\n"
        )
        items = flag["evidence_items"]
        if not items:
            return row
        listed = "".join(f"<li>{escape(item)}</li>" for item in items)
        return (
            f'{row}<tr class="evidence" data-flag-id="{flag_id}"><td colspan="{FLAG_COLUMNS}">'
            f"{self.t['evidence']}:\n<ul>{listed}</ul></td></tr>\n"
        )

    def flags(self, groups: list[WorkerGroup]) -> Markup:
        """Each worker's group as a <tbody>: its heading, then each flag with its evidence rows."""
        return Markup(
            "".join(
                f'<tbody class="worker-group">\n{self._worker(group)}'
                f"{''.join(map(self._flag, group.flags))}</tbody>\n"
                for group in groups
            )
        )

    def _rule_row(self, code: str) -> str:
        rule = self.labels.rules[code]
        return (
            f'<tr id="rule-{escape(code)}"><td>{escape(rule.name)}<br><code>{escape(code)}</code></td>'
            f"<td>{self.severity_badge(rule.severity)}</td><td>{escape(rule.explanation)}</td>"
            f"<td>{escape(rule.legal_basis)}</td><td>{escape(rule.action)}</td>"
            f"<td>{escape(rule.article)}</td></tr>\n"
        )

    def rules(self, codes: set[str] | None = None) -> Markup:
        """The rules on the page in plain words, each row written once per run whatever the pages."""
        shown = sorted(code for code in self.labels.rules if codes is None or code in codes)
        for code in shown:
            if code not in self._rule_rows:
                self._rule_rows[code] = self._rule_row(code)
        return Markup("".join(self._rule_rows[code] for code in shown))

    def ledger(self, rows: list[Row]) -> Markup:
        return Markup(
            "".join(
                f'<tr class="ledger-row"><td>{text(row["worker_name"])}</td>'
                f"<td>{text(row['id_number_masked'])}</td><td>{text(row['team'])}</td>"
                f"<td>{escape(row['period'])}</td><td>{text(row['due_date'])}</td>"
                f"{_amount(row['expected_amount'])}{_amount(row['paid_amount'])}"
                f"{_amount(row['net_shortfall_amount'])}{_amount(row['net_owed_amount'])}</tr>\n"
                for row in rows
            )
        )
