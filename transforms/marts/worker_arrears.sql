-- worker_arrears: per project and worker, what is still owed as of the run: the last line of the
-- ledger. A negative owed_amount is money paid ahead of what was due.
select
    project_id,
    worker_key,
    arg_max(worker_name, period) as worker_name,
    arg_max(id_number_masked, period) as id_number_masked,
    arg_max(team, period) as team,
    count(*) as months_judged,
    count(*) filter (where balance_amount > 0) as months_short,
    min(period) filter (where balance_amount > 0) as first_short_period,
    cast(sum(expected_amount) as decimal(14, 2)) as expected_amount,
    cast(sum(paid_amount) as decimal(14, 2)) as paid_amount,
    cast(sum(balance_amount) as decimal(14, 2)) as owed_amount
from worker_ledger
group by project_id, worker_key
