-- project_periods: one row per project and period, with its level (docs/contract.md section 3):
-- red when it has a red flag, amber when an amber one, green when judged with neither, pending
-- when not yet due, unmonitored before the project's monitoring start (never judged, due or not).
-- shortfall_amount and overpaid_amount add the month's worker-months, judged periods only (money not
-- yet due, or owed before monitoring began, is not): one worker overpaid never offsets another's shortfall.
with spine as (
    select project_id, period from worker_periods
    union
    select project_id, period from flags where period is not null
),

workers as (
    select
        project_id,
        period,
        count(*) filter (where is_expected_to_be_paid) as workers_expected,
        count(*) filter (where status = 'paid_in_full') as workers_paid_in_full,
        count(*) filter (where status = 'missed') as workers_missed,
        count(*) filter (where status = 'partial') as workers_partial,
        count(*) filter (where status = 'late') as workers_late,
        sum(expected_amount) as expected_amount,
        sum(paid_amount) as paid_amount,
        sum(shortfall_amount) filter (where is_judged) as shortfall_amount,
        sum(overpaid_amount) filter (where is_judged) as overpaid_amount
    from worker_periods
    group by project_id, period
),

severities as (
    select
        project_id,
        period,
        bool_or(severity = 'red') as has_red,
        bool_or(severity = 'amber') as has_amber
    from flags
    where period is not null
    group by project_id, period
),

dated as (
    select
        spine.project_id,
        spine.period,
        due_date(spine.period, projects.pay_day) as due_date,
        period_state(spine.period, projects.pay_day, projects.monitored_from) as period_state
    from spine
    inner join int_projects as projects on spine.project_id = projects.project_id
)

select
    dated.project_id,
    projects.project_name,
    dated.period,
    dated.due_date,
    case
        when dated.period_state <> 'judged' then dated.period_state
        when severities.has_red then 'red'
        when severities.has_amber then 'amber'
        else 'green'
    end as level,
    coalesce(workers.workers_expected, 0)::integer as workers_expected,
    coalesce(workers.workers_paid_in_full, 0)::integer as workers_paid_in_full,
    coalesce(workers.workers_missed, 0)::integer as workers_missed,
    coalesce(workers.workers_partial, 0)::integer as workers_partial,
    coalesce(workers.workers_late, 0)::integer as workers_late,
    coalesce(workers.expected_amount, 0)::decimal(14, 2) as expected_amount,
    coalesce(workers.paid_amount, 0)::decimal(14, 2) as paid_amount,
    coalesce(workers.shortfall_amount, 0)::decimal(14, 2) as shortfall_amount,
    coalesce(workers.overpaid_amount, 0)::decimal(14, 2) as overpaid_amount
from dated
inner join int_projects as projects on dated.project_id = projects.project_id
left join workers on dated.project_id = workers.project_id and dated.period = workers.period
left join severities on dated.project_id = severities.project_id and dated.period = severities.period
