-- intake_warnings: input rows an intake suite found suspicious but usable: kept, and recorded here
-- with the expectation's name and reason (a paid_at after the as-of date, an unknown status...).
select
    issues.file_seq,
    log.source_file,
    issues.row_number,
    issues.suite,
    issues.expectation,
    issues.reason
from intake_issues as issues
inner join ingest_log as log on issues.file_seq = log.file_seq
where issues.severity = 'warning'
