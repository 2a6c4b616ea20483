"""Ingest what is new in the inbox: each file once by content, its rows loaded as read into raw tables.

Files are never edited, moved or deleted. A file whose SHA-256 was seen before is skipped; one
that cannot be read is recorded as rejected with the reason, and the run goes on with the rest.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from wagewatch.intake.columns import KINDS, Kind, kinds
from wagewatch.intake.parallel import read_all, read_on
from wagewatch.intake.readers import BUILT_IN, Formats, Profile, ReadResult, Rejected
from wagewatch.settings import Config, Settings
from wagewatch.warehouse.db import query
from wagewatch.warehouse.store import transaction

LOADED, REJECTED, DUPLICATE = "loaded", "rejected", "duplicate"


@dataclass(frozen=True)
class FileOutcome:
    source_file: str
    kind: str | None
    status: str
    reason: str | None = None
    rows: int = 0


def create_raw_tables(con: duckdb.DuckDBPyConnection, all_kinds: dict[str, Kind]) -> None:
    """The private store's raw layer: rows exactly as read, every column text."""
    for kind in all_kinds.values():
        columns = ", ".join(f"{name} varchar" for name in kind.names)
        con.execute(
            f"create table if not exists raw_{kind.name} "
            f"(file_seq integer, source_file varchar, row_number bigint, {columns})"
        )
    con.execute(query(__package__, "intake_tables"))


def _inbox_files(inbox: Path) -> list[tuple[str | None, Path]]:
    """Every visible file under the inbox with its kind (its top folder), kinds in contract order."""
    files = [
        p
        for p in inbox.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(inbox).parts)
    ]
    rank = {kind: i for i, kind in enumerate(KINDS)}

    def kind_of(path: Path) -> str | None:
        parts = path.relative_to(inbox).parts
        return parts[0] if len(parts) > 1 and parts[0] in KINDS else None

    return sorted(
        ((kind_of(p), p) for p in files),
        key=lambda item: (rank.get(item[0], len(KINDS)), item[1].relative_to(inbox).as_posix()),
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def bank_formats(config: Config) -> Formats:
    """The bank reader's configuration: configured profiles first (they win a tie), then the built-ins."""
    configured = tuple(
        Profile(
            name,
            format=profile.format,
            aliases=dict(profile.aliases),
            amount_unit=profile.amount_unit,
            payer_account=profile.payer_account,
            encoding=profile.encoding,
            spans={column: (span[0], span[1]) for column, span in profile.spans.items()},
            file_name=profile.file_name,
        )
        for name, profile in config.bank_profiles.items()
    )
    return Formats(
        profiles=configured + BUILT_IN,
        payer_by_file=tuple(config.bank.payer_by_file.items()),
        success_statuses=frozenset(status.casefold() for status in config.bank.success_statuses),
    )


class _Batch:
    """Rows waiting to go into the raw tables: one insert per table for many files, not one per file
    (an insert costs milliseconds, and an inbox can hold thousands of small roster files)."""

    FLUSH_ROWS = 1_000_000

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.raw: dict[str, list[pa.Table]] = defaultdict(list)
        self.bad: list[dict] = []
        self.log: list[dict] = []
        self.rows = 0

    def add(
        self,
        seq: int,
        source: str,
        kind: str | None,
        sha: str,
        status: str,
        reason: tuple[str, str] | None = None,  # English, Chinese
        result: ReadResult | None = None,
    ) -> None:
        self.log.append(
            {
                "file_seq": seq,
                "source_file": source,
                "kind": kind,
                "sha256": sha,
                "rows_read": result.rows_read if result else 0,
                "rows_non_data": result.rows_non_data if result else 0,
                "rows": result.table.num_rows + len(result.bad_rows) if result else 0,
                "status": status,
                "reason": reason[0] if reason else None,
                "reason_zh": reason[1] if reason else None,
                "encoding": result.encoding if result else None,
                "delimiter": result.delimiter if result else None,
                "unterminated_row_number": result.unterminated_row if result else None,
                "profile": result.profile if result else None,
                "payer_source": result.payer_source if result else None,
                "ingested_at": datetime.now(),
            }
        )
        if result is not None:
            rows = result.table.num_rows
            self.raw[kind].append(
                result.table.append_column(
                    "file_seq", pa.array(np.full(rows, seq, dtype=np.int32))
                ).append_column("source_file", pa.array([source] * rows, pa.string()))
            )
            self.bad += [
                {
                    "file_seq": seq,
                    "source_file": source,
                    "row_number": bad.row_number,
                    "text": bad.text,
                    "reason": bad.reason,
                }
                for bad in result.bad_rows
            ]
            self.rows += rows
        if self.rows >= self.FLUSH_ROWS:
            self.flush()

    def _insert(self, table_name: str, rows: pa.Table) -> None:
        self.con.register("incoming", rows)
        try:
            self.con.execute(f"insert into {table_name} by name select * from incoming")
        finally:
            self.con.unregister("incoming")

    def flush(self) -> None:
        for kind, tables in self.raw.items():
            self._insert(f"raw_{kind}", pa.concat_tables(tables, promote_options="default"))
        if self.bad:
            self._insert("raw_bad_rows", pa.Table.from_pylist(self.bad))
        if self.log:
            self._insert("ingest_log", pa.Table.from_pylist(self.log))
        self.raw.clear()
        self.bad, self.log, self.rows = [], [], 0


def ingest(
    con: duckdb.DuckDBPyConnection,
    inbox: Path,
    aliases: dict | None = None,
    formats: Formats | None = None,
    workers: int | None = None,
    fan_out: Callable[[Callable, list], list] | None = None,
) -> list[FileOutcome]:
    """Load every new file of the inbox into the raw tables; return what became of each new file. With
    fan_out (a cluster's), the files are read where it runs them; they are loaded here all the same."""
    all_kinds = kinds(aliases)
    formats = formats or bank_formats(Config.load())
    create_raw_tables(con, all_kinds)
    seen = {row[0] for row in con.execute("select sha256 || '/' || source_file from ingest_log").fetchall()}
    first_name = dict(
        con.execute(
            "select sha256, arg_min(source_file, file_seq) from ingest_log group by sha256"
        ).fetchall()
    )
    seq = con.execute("select coalesce(max(file_seq), 0) from ingest_log").fetchall()[0][0]
    batch = _Batch(con)
    outcomes = []
    to_read: list[tuple[int, str, str | None, str, Path]] = []
    for kind_name, path in _inbox_files(inbox):
        source = path.relative_to(inbox).as_posix()
        sha = _sha256(path)
        if f"{sha}/{source}" in seen:
            continue
        seq += 1
        seen.add(f"{sha}/{source}")
        if sha in first_name:
            reason = (
                f"same content as {first_name[sha]}, already ingested",
                f"与已载入的 {first_name[sha]} 内容相同",
            )
            batch.add(seq, source, kind_name, sha, DUPLICATE, reason)
            outcomes.append(FileOutcome(source, kind_name, DUPLICATE, reason[0]))
            continue
        first_name[sha] = source
        to_read.append((seq, source, kind_name, sha, path))
    jobs = [(path, kind_name) for _, _, kind_name, _, path in to_read]
    read = (
        read_on(fan_out, jobs, all_kinds, formats) if fan_out else read_all(jobs, all_kinds, formats, workers)
    )
    for (seq, source, kind_name, sha, _), result in zip(to_read, read, strict=True):
        if isinstance(result, Rejected):
            batch.add(seq, source, kind_name, sha, REJECTED, (str(result), result.reason_zh))
            outcomes.append(FileOutcome(source, kind_name, REJECTED, str(result)))
            continue
        batch.add(seq, source, kind_name, sha, LOADED, result=result)
        outcomes.append(FileOutcome(source, kind_name, LOADED, None, result.table.num_rows))
    batch.flush()
    return outcomes


def ingest_inbox(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    fan_out: Callable[[Callable, list], list] | None = None,
) -> list[FileOutcome]:
    """The night's first step: what is new in the inbox, loaded in one transaction; on a cluster, its
    files read by the cluster's workers (fan_out)."""
    with transaction(con):
        config = settings.config
        formats = bank_formats(config)
        return ingest(con, settings.inbox, config.aliases, formats, config.engine.threads, fan_out)
