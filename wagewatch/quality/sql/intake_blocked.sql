-- Rows an intake suite's critical expectation found: the intermediate models leave them out.
create or replace table intake_blocked as
select distinct kind, file_seq, row_number
from intake_issues
where severity = 'critical'
