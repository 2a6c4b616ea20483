-- Loaded files whose data rows are not each found once in a published row table or the quarantine.
with placed as (
    select file_seq, count(*) as rows_placed
    from (
        select file_seq from project_register
        union all select file_seq from roster_stints
        union all select file_seq from attendance_records
        union all select file_seq from payments
        union all select file_seq from account_movements
        union all select file_seq from complaints
        union all select file_seq from deposits
        union all select file_seq from quarantine
    )
    group by file_seq
)

select log.source_file, log.rows, coalesce(placed.rows_placed, 0) as rows_placed
from ingest_log as log
left join placed on log.file_seq = placed.file_seq
where log.status = 'loaded' and log.rows <> coalesce(placed.rows_placed, 0)
order by log.source_file
