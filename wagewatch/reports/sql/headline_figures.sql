-- the run's headline figures, for the Prefect table artifact: what is owed, open flags by severity,
-- flags new and resolved as of the run ($as_of), rows quarantined
select
    (select coalesce(sum(owed_to_workers_amount), 0) from project_arrears)::decimal(14, 2)
        as owed_to_workers_amount,
    (select coalesce(sum(arrears_amount), 0) from project_periods
        where not list_contains(getvariable('unjudged'), level))::decimal(14, 2)
        as arrears_judged_periods_amount,
    (select count(*) from flags where severity = 'red') as red_flags,
    (select count(*) from flags where severity = 'amber') as amber_flags,
    (select count(*) from flag_history where first_raised_on = $as_of and resolved_on is null) as new_flags,
    (select count(*) from flag_history where resolved_on = $as_of) as resolved_flags,
    (select count(*) from quarantine) as rows_quarantined
