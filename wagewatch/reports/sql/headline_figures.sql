-- the run's headline figures, for the Prefect table artifact: what workers are owed now (the ledger),
-- the judged months' shortfalls added up (no month's overpayment offsetting another's shortfall), open flags by severity,
-- flags new and resolved as of the run ($as_of), rows quarantined
select
    (select coalesce(sum(owed_amount), 0) from project_arrears)::decimal(14, 2) as owed_amount,
    (select coalesce(sum(shortfall_amount), 0) from project_periods)::decimal(14, 2) as shortfall_amount,
    (select count(*) from flags where severity = 'red') as red_flags,
    (select count(*) from flags where severity = 'amber') as amber_flags,
    (select count(*) from flag_history where first_raised_on = $as_of and resolved_on is null) as new_flags,
    (select count(*) from flag_history where resolved_on = $as_of) as resolved_flags,
    (select count(*) from quarantine) as rows_quarantined
