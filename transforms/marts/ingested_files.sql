-- ingested_files: every file the inbox ever held, once per content (SHA-256), with what became of
-- its rows: rows_read = rows_non_data (title, header, blank, total lines) + rows (data rows), and
-- rows = rows_loaded + rows_quarantined. A rejected file has a reason and no rows.
with quarantined as (
    select file_seq, count(*) as rows_quarantined
    from quarantine
    group by file_seq
)

select
    log.file_seq,
    log.source_file,
    log.kind,
    log.sha256,
    log.rows_read,
    log.rows_non_data,
    log.rows,
    log.rows - coalesce(quarantined.rows_quarantined, 0) as rows_loaded,
    coalesce(quarantined.rows_quarantined, 0) as rows_quarantined,
    log.status,
    log.reason,
    log.reason_zh,
    log.encoding,
    log.delimiter,
    log.profile,
    log.payer_source,
    log.ingested_at
from ingest_log as log
left join quarantined on log.file_seq = quarantined.file_seq
