-- worker_arrears: per project and worker, what is owed as of the run: the last line of the ledger.
-- net_owed_amount is expected - paid over the worker's ledger months (negative: paid ahead); it is
-- owed_amount (what the worker is still owed, not below zero) less paid_ahead_amount (paid beyond
-- everything due so far, not below zero): one of the two is zero. A worker still owed has the due date
-- of their oldest unpaid wage, the days since and its stage (int_worker_ageing).
with totals as (
    select
        project_id,
        worker_key,
        arg_max(worker_name, period) as worker_name,
        arg_max(id_number_masked, period) as id_number_masked,
        arg_max(team, period) as team,
        count(*) as months_judged,
        count(*) filter (where net_shortfall_amount > 0) as months_short,
        min(period) filter (where net_shortfall_amount > 0) as first_short_period,
        cast(sum(expected_amount) as decimal(14, 2)) as expected_amount,
        cast(sum(paid_amount) as decimal(14, 2)) as paid_amount,
        cast(sum(net_shortfall_amount) as decimal(14, 2)) as net_owed_amount
    from worker_ledger
    group by project_id, worker_key
)

select
    totals.*,
    cast(greatest(totals.net_owed_amount, 0) as decimal(14, 2)) as owed_amount,
    cast(greatest(-totals.net_owed_amount, 0) as decimal(14, 2)) as paid_ahead_amount,
    ageing.oldest_due_date,
    days_overdue(ageing.oldest_due_date) as days_overdue,
    arrears_stage(days_overdue(ageing.oldest_due_date)) as stage
from totals
left join int_worker_ageing as ageing
    on totals.project_id = ageing.project_id and totals.worker_key = ageing.worker_key
