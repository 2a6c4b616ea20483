-- Why rows of each file were quarantined or flagged suspicious, most frequent first, for the summary.
select source_file, 'quarantined' as outcome, reason, count(*) as rows
from quarantine
group by source_file, reason
union all
select source_file, 'warning', reason, count(*)
from intake_warnings
group by source_file, reason
order by source_file, outcome, rows desc, reason
