-- blacklist_candidates: contractors whose arrears meet the listing conditions of [blacklist] (docs/contract.md
-- section 4.3), for an inspector's decision; wagewatch lists no one. One row per contractor (by credit
-- code, else by name), under the bound of its projects' region:
--   a candidate now: owed_amount and workers_owed at least the region's bounds, and on or after
--   candidate_since_date (the oldest unpaid wage min_days_overdue old, and still unpaid
--   rectification_days after the first flag), with the projects, the open flags behind it, and the
--   projects it started on or after that day;
--   a candidate that has since paid in full: owing nothing now, the arrears it owed the day before its
--   last late payment (paid_in_full_date) met the conditions; early removal may be asked from
--   early_removal_months after that payment.
-- owed_amount, workers_owed, oldest_due_date and days_overdue are as of judged_on: the as-of date, or the
-- day before paid_in_full_date. term_end_date ends the term_years a listing on candidate_since_date
-- would last.
-- partitions: across; a contractor's projects under one bound may lie in many partitions
with owed_now as (
    select
        contractors.contractor_key,
        contractors.region_prefix,
        cast(sum(arrears.owed_amount) as decimal(14, 2)) as owed_amount,
        min(arrears.oldest_due_date) as oldest_due_date,
        list(contractors.project_id order by contractors.project_id) filter (where arrears.owed_amount > 0)
            as project_ids
    from int_contractor_projects as contractors
    inner join project_arrears as arrears on contractors.project_id = arrears.project_id
    group by all
),

workers_now as (
    select contractors.contractor_key, contractors.region_prefix, count(distinct workers.worker_key) as workers_owed
    from int_contractor_projects as contractors
    inner join worker_arrears as workers on contractors.project_id = workers.project_id
    where workers.owed_amount > 0
    group by all
),

cleared as (
    -- owing nothing now: the day of the last payment that paid a month after it was judged
    select owed_now.contractor_key, owed_now.region_prefix, max(payments.paid_date) as paid_in_full_date
    from owed_now
    inner join int_contractor_projects as contractors using (contractor_key, region_prefix)
    inner join int_judged_payments as payments on contractors.project_id = payments.project_id
    where owed_now.owed_amount = 0
        and payments.worker_id_number is not null
        and payments.paid_date > payments.due_date + getvariable('grace_days')
    group by all
),

months_before as (
    -- each ledger month judged the day before that payment, with what was paid for it by then
    select
        cleared.contractor_key,
        cleared.region_prefix,
        ledger.worker_key,
        ledger.project_id,
        ledger.period,
        ledger.due_date,
        ledger.expected_amount,
        coalesce(sum(payments.amount) filter (where payments.paid_date < cleared.paid_in_full_date), 0)
            as paid_amount
    from cleared
    inner join int_contractor_projects as contractors using (contractor_key, region_prefix)
    inner join worker_ledger as ledger
        on contractors.project_id = ledger.project_id
        and ledger.due_date + getvariable('grace_days') < cleared.paid_in_full_date - 1
    left join int_judged_payments as payments
        on ledger.project_id = payments.project_id
        and ledger.worker_key = worker_key(payments.worker_id_number)
        and ledger.period = payments.period
    group by all
),

ledger_before as (
    -- the oldest unpaid wage then, as section 4.2 ages it (int_worker_ageing): what months were
    -- overpaid pays the oldest short months first
    select
        *,
        sum(greatest(expected_amount - paid_amount, 0)) over (
            partition by contractor_key, region_prefix, project_id, worker_key
            order by period rows between unbounded preceding and current row
        ) as short_so_far,
        sum(greatest(paid_amount - expected_amount, 0)) over (
            partition by contractor_key, region_prefix, project_id, worker_key
        ) as overpaid_in_all
    from months_before
),

workers_before as (
    select
        contractor_key,
        region_prefix,
        project_id,
        worker_key,
        greatest(sum(expected_amount - paid_amount), 0) as owed_amount,
        arg_min(due_date, period) filter (where short_so_far > overpaid_in_all) as oldest_due_date
    from ledger_before
    group by all
),

owed_before as (
    select
        contractor_key,
        region_prefix,
        cast(sum(owed_amount) as decimal(14, 2)) as owed_amount,
        count(distinct worker_key) filter (where owed_amount > 0) as workers_owed,
        min(oldest_due_date) filter (where owed_amount > 0) as oldest_due_date,
        list(distinct project_id order by project_id) filter (where owed_amount > 0) as project_ids
    from workers_before
    group by all
),

states as (
    select
        owed_now.contractor_key, owed_now.region_prefix, owed_now.owed_amount,
        coalesce(workers_now.workers_owed, 0) as workers_owed, owed_now.oldest_due_date,
        owed_now.project_ids, null::date as paid_in_full_date, getvariable('as_of') as judged_on
    from owed_now
    left join workers_now using (contractor_key, region_prefix)
    where owed_now.owed_amount > 0
    union all
    select
        owed_before.contractor_key, owed_before.region_prefix, owed_before.owed_amount,
        owed_before.workers_owed, owed_before.oldest_due_date, owed_before.project_ids,
        cleared.paid_in_full_date, cast(cleared.paid_in_full_date - 1 as date)
    from owed_before
    inner join cleared using (contractor_key, region_prefix)
),

contractors as (
    select
        contractor_key,
        min(contractor_credit_code) as contractor_credit_code,
        min(contractor_name) as contractor_name
    from int_contractor_projects
    group by contractor_key
),

bounds as (
    select distinct contractor_key, region_prefix, bound_owed_amount, bound_workers_owed
    from int_contractor_projects
),

candidates as (
    select
        states.*,
        contractors.contractor_credit_code,
        contractors.contractor_name,
        bounds.bound_owed_amount,
        bounds.bound_workers_owed,
        blacklist_since(states.oldest_due_date) as candidate_since_date
    from states
    inner join bounds using (contractor_key, region_prefix)
    inner join contractors using (contractor_key)
    where states.owed_amount >= bounds.bound_owed_amount
        and states.workers_owed >= bounds.bound_workers_owed
        and states.judged_on >= blacklist_since(states.oldest_due_date)
    qualify row_number() over (
        partition by states.contractor_key
        order by states.paid_in_full_date nulls first, states.owed_amount desc, states.region_prefix
    ) = 1
),

open_flags as (
    select contractors.contractor_key, contractors.region_prefix, list(flags.flag_id order by flags.flag_id) as flag_ids
    from int_contractor_projects as contractors
    inner join flags on contractors.project_id = flags.project_id
    where flags.rule in ('MISSED_PAYMENT', 'PARTIAL_PAYMENT', 'NO_PAYROLL')
    group by all
),

new_projects as (
    select
        candidates.contractor_key,
        list(contractors.project_id order by contractors.project_id) as new_project_ids
    from candidates
    inner join int_contractor_projects as contractors using (contractor_key)
    where contractors.start_date >= candidates.candidate_since_date
    group by all
)

select
    candidates.contractor_credit_code,
    candidates.contractor_name,
    candidates.region_prefix,
    candidates.judged_on,
    candidates.bound_owed_amount,
    cast(candidates.bound_workers_owed as integer) as bound_workers_owed,
    candidates.owed_amount,
    cast(candidates.workers_owed as integer) as workers_owed,
    candidates.oldest_due_date,
    cast(date_diff('day', candidates.oldest_due_date, candidates.judged_on) as integer) as days_overdue,
    cast(candidates.oldest_due_date + getvariable('grace_days') + 1 as date) as first_flagged_date,
    cast(candidates.oldest_due_date + getvariable('grace_days') + 1 + getvariable('blacklist_rectification_days')
        as date) as rectification_due_date,
    candidates.candidate_since_date,
    cast(candidates.candidate_since_date + to_years(getvariable('blacklist_term_years')) as date) as term_end_date,
    candidates.paid_in_full_date is not null as is_paid_in_full,
    candidates.paid_in_full_date,
    cast(candidates.paid_in_full_date + to_months(getvariable('blacklist_early_removal_months')) as date)
        as early_removal_date,
    candidates.project_ids,
    coalesce(open_flags.flag_ids, []) as flag_ids,
    coalesce(new_projects.new_project_ids, []) as new_project_ids
from candidates
left join open_flags using (contractor_key, region_prefix)
left join new_projects using (contractor_key)
