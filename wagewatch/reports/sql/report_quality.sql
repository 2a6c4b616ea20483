-- the data-quality summary of the run: files by what became of them, data rows, rows quarantined
select
    count(*) as files,
    count(*) filter (where status = 'loaded') as files_loaded,
    count(*) filter (where status = 'rejected') as files_rejected,
    count(*) filter (where status = 'duplicate') as files_duplicate,
    coalesce(sum(rows), 0) as rows,
    (select count(*) from quarantine) as rows_quarantined
from ingested_files
