-- arrears_by_region_month: what analysts ask most: per region and judged month, how many projects,
-- how many workers were missed, paid short or late, and the money expected and paid, with the
-- month's shortfalls and overpayments added up (project_periods: no worker offsets another).
select
    projects.region_code,
    projects.region_name,
    periods.period,
    count(*) as projects,
    count(*) filter (where periods.level = 'red') as projects_red,
    cast(sum(periods.workers_expected) as bigint) as workers_expected,
    cast(sum(periods.workers_missed) as bigint) as workers_missed,
    cast(sum(periods.workers_partial) as bigint) as workers_partial,
    cast(sum(periods.workers_late) as bigint) as workers_late,
    cast(sum(periods.expected_amount) as decimal(14, 2)) as expected_amount,
    cast(sum(periods.paid_amount) as decimal(14, 2)) as paid_amount,
    cast(sum(periods.shortfall_amount) as decimal(14, 2)) as shortfall_amount,
    cast(sum(periods.overpaid_amount) as decimal(14, 2)) as overpaid_amount
from project_periods as periods
inner join projects on periods.project_id = projects.project_id
where not list_contains(getvariable('unjudged'), periods.level)
group by projects.region_code, projects.region_name, periods.period
