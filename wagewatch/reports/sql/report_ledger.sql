-- the owed-wage ledger of every worker whose ledger moved (a month paid short or ahead), month by
-- month, with what the worker is owed now, net (negative: paid ahead); workers paid exactly as expected every month are left out
with moved as (
    select project_id, worker_key
    from worker_ledger
    group by project_id, worker_key
    having bool_or(net_shortfall_amount <> 0)
)

select
    ledger.project_id,
    ledger.worker_key,
    ledger.worker_name,
    ledger.id_number_masked,
    ledger.team,
    ledger.period,
    ledger.due_date,
    ledger.expected_amount,
    ledger.paid_amount,
    ledger.net_shortfall_amount,
    ledger.net_owed_amount,
    arrears.net_owed_amount as worker_net_owed_amount
from worker_ledger as ledger
semi join moved on ledger.project_id = moved.project_id and ledger.worker_key = moved.worker_key
left join worker_arrears as arrears
    on ledger.project_id = arrears.project_id and ledger.worker_key = arrears.worker_key
order by
    ledger.project_id, arrears.net_owed_amount desc, ledger.worker_name, ledger.worker_key, ledger.period
