-- worker_arrears: per project and worker, what is still owed as of the run: the last line of the
-- ledger. A negative owed_amount is money paid ahead of what was due.
select
    project_id,
    worker_key,
    any_value(worker_name) as worker_name,
    any_value(id_number_masked) as id_number_masked,
    any_value(team) as team,
    count(*) as months_judged,
    count(*) filter (where balance_amount > 0) as months_short,
    min(period) filter (where balance_amount > 0) as first_short_period,
    sum(expected_amount) as expected_amount,
    sum(paid_amount) as paid_amount,
    sum(balance_amount) as owed_amount
from worker_ledger
group by project_id, worker_key
