-- every resolved flag of the history, the most recently resolved first, as it stood when last seen
select
    flag_id,
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
    detail,
    first_raised_on,
    last_seen_on,
    resolved_on
from flag_history
where resolved_on is not null
order by project_id, resolved_on desc, period nulls last, rule, worker_name nulls first, flag_id
