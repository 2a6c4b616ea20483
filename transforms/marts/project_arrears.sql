-- project_arrears: per project, its arrears as of the run and how many workers they concern.
-- arrears_amount = expected - paid over judged months (it reconciles with the ledger exactly);
-- it is owed_to_workers_amount (what workers are still owed) less overpaid_amount (paid ahead).
select
    projects.project_id,
    projects.project_name,
    cast(coalesce(sum(arrears.expected_amount), 0) as decimal(14, 2)) as expected_amount,
    cast(coalesce(sum(arrears.paid_amount), 0) as decimal(14, 2)) as paid_amount,
    cast(coalesce(sum(arrears.owed_amount), 0) as decimal(14, 2)) as arrears_amount,
    cast(coalesce(sum(greatest(arrears.owed_amount, 0)), 0) as decimal(14, 2)) as owed_to_workers_amount,
    cast(coalesce(sum(greatest(-arrears.owed_amount, 0)), 0) as decimal(14, 2)) as overpaid_amount,
    count(arrears.worker_key) filter (where arrears.owed_amount > 0) as workers_owed
from int_projects as projects
left join worker_arrears as arrears on projects.project_id = arrears.project_id
group by projects.project_id, projects.project_name
