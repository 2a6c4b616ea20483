-- inbox files rejected whole, with the reason, for the data-quality summary
select source_file, reason, reason_zh
from ingested_files
where status = 'rejected'
order by source_file
