-- The run history (operations.RUN_FIELDS, read as text from its JSON lines) as a typed table.
create table publish.runs as
select
    run_id,
    cast(as_of as date) as as_of,
    cast(started_at as timestamp) as started_at,
    cast(ended_at as timestamp) as ended_at,
    status,
    cast(error as varchar) as error,
    cast(files_ingested as integer) as files_ingested,
    cast(files_rejected as integer) as files_rejected,
    cast(rows_loaded as bigint) as rows_loaded,
    cast(rows_quarantined as bigint) as rows_quarantined,
    cast(flags_red as integer) as flags_red,
    cast(flags_amber as integer) as flags_amber
from runs_now
