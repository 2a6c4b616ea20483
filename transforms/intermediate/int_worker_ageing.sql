-- How long each worker still owed has been owed (docs/contract.md section 4.2): the oldest unpaid wage
-- of the ledger. A payment stays with the month it is for; what months were overpaid (paid beyond what
-- they expected) pays the oldest short months first, so the oldest unpaid month is the first whose
-- shortfalls, added up from the first month, exceed everything overpaid. A worker owed nothing has no row.
with ledger as (
    select
        project_id,
        worker_key,
        period,
        due_date,
        sum(greatest(net_shortfall_amount, 0)) over (
            partition by project_id, worker_key order by period rows between unbounded preceding and current row
        ) as short_so_far,
        sum(greatest(-net_shortfall_amount, 0)) over (partition by project_id, worker_key) as overpaid_in_all
    from worker_ledger
)

select
    project_id,
    worker_key,
    arg_min(due_date, period) as oldest_due_date
from ledger
where short_so_far > overpaid_in_all
group by project_id, worker_key
