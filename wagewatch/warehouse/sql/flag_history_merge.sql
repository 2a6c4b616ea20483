-- Record this run's flags in flag_history, as of getvariable('as_of'):
--   a flag seen now: inserted when new; otherwise last seen now, its figures refreshed, and reopened
--     if it had been resolved;
--   an open flag not seen now: resolved now; but one first raised on this same as-of date (by an
--     earlier run of the same night that a rerun corrects) never stood at the end of that date, and
--     is dropped.
-- A rerun with the same as-of date and the same flags changes nothing.
merge into flag_history as history
using (
    select * exclude (evidence)
    from flags
    qualify row_number() over (partition by flag_id order by rule, project_id) = 1
) as current
    on history.flag_id = current.flag_id
when matched then update set
    severity = current.severity,
    worker_name = current.worker_name,
    id_number_masked = current.id_number_masked,
    team = current.team,
    expected_amount = current.expected_amount,
    paid_amount = current.paid_amount,
    shortfall_amount = current.shortfall_amount,
    detail = current.detail,
    facts = current.facts,
    last_seen_on = getvariable('as_of'),
    resolved_on = null
when not matched by target then insert (
    flag_id, project_id, period, rule, severity, worker_key, worker_name, id_number_masked, team,
    expected_amount, paid_amount, shortfall_amount, detail, facts, first_raised_on, last_seen_on, resolved_on
) values (
    current.flag_id, current.project_id, current.period, current.rule, current.severity,
    current.worker_key, current.worker_name, current.id_number_masked, current.team,
    current.expected_amount, current.paid_amount, current.shortfall_amount, current.detail, current.facts,
    getvariable('as_of'), getvariable('as_of'), null
)
when not matched by source and history.resolved_on is null
    and history.first_raised_on = getvariable('as_of') then delete
when not matched by source and history.resolved_on is null then update set
    resolved_on = getvariable('as_of')
