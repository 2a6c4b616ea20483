-- every flag, by project, then period (roster flags, which have none, last), rule and worker name
select
    project_id,
    period,
    rule,
    severity,
    worker_name,
    id_number_masked,
    team,
    expected_amount,
    paid_amount,
    shortfall_amount,
    detail
from flags
order by project_id, period nulls last, rule, worker_name nulls first
