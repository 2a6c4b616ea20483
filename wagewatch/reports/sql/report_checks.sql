-- every expectation the run checked (quality_checks), for the report's data-quality page
select suite, expectation, severity, reason, reason_zh, unexpected_rows, passed
from quality_checks
order by suite, expectation
