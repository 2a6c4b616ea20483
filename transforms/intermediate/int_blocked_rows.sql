-- Rows an intake suite's critical expectation found: the intermediate models leave them out, by
-- `anti join int_blocked_rows using (file_seq, row_number)`. A file_seq is one file of one kind, so
-- file_seq and row_number name one input row of any kind.
select distinct kind, file_seq, row_number
from intake_issues
where severity = 'critical'
