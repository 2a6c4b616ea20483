"""Flag history: when each flag was first raised, whether it is still open, when it was resolved.

The marts are rebuilt from the inbox on every run, so they cannot remember yesterday. The history is
kept in the private store as `flag_history`, one row per `flags.flag_id` (stable across runs), and is
copied into the published warehouse with the marts. Its dates are runs' as-of dates. History moves
forward only: a run for an as-of date earlier than the latest one recorded leaves it as it was, and a
rerun for the same as-of date replaces what earlier runs of that date recorded.
"""

from __future__ import annotations

import logging

import duckdb

from wagewatch.settings import Settings
from wagewatch.warehouse import runner
from wagewatch.warehouse.db import query
from wagewatch.warehouse.store import transaction

FLAG_HISTORY_TABLE = "flag_history"

logger = logging.getLogger(__name__)


def record_flag_history(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Record this run's flags: new ones raised, vanished ones resolved, in one transaction."""
    with transaction(con):
        con.execute(query(__package__, "flag_history_create"))
        # the finding's values, so that a resolved flag is written in the report's language too; a
        # history kept from before they were recorded gains the column (NULL for flags not seen since)
        facts_type = runner.load().flags.columns[runner.FACTS]
        con.execute(f"alter table flag_history add column if not exists facts {facts_type}")
        latest = con.execute(query(__package__, "flag_history_latest")).fetchone()[0]
        if latest is not None and settings.as_of < latest:
            logger.warning(
                "flag history already runs to %s; a run as of %s leaves it as it was", latest, settings.as_of
            )
        else:
            con.execute(query(__package__, "flag_history_merge"))
