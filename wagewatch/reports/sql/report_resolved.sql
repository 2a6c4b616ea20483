-- every resolved flag of the history, the most recently resolved first, as it stood when last seen; its
-- finding in the report's language (a flag last seen before findings kept their values: its detail)
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
    coalesce(
        case when facts is not null then report_finding(rule, period, worker_name, expected_amount, paid_amount,
            shortfall_amount, facts) end,
        detail
    ) as finding,
    first_raised_on,
    last_seen_on,
    resolved_on
from flag_history
where resolved_on is not null
order by project_id, resolved_on desc, period nulls last, rule, worker_name nulls first, flag_id
