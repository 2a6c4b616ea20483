-- project_arrears: per project, what its workers are owed as of the run (the ledger) and how many.
-- owed_amount adds what each worker is still owed (a worker's overpaid month offsets their own short
-- months, never another worker's); paid_ahead_amount adds what workers were paid beyond everything
-- due; net_owed_amount = owed_amount - paid_ahead_amount = expected - paid over the ledger's months.
-- oldest_due_date is that of the oldest unpaid wage of any of its workers, with the days since and
-- their escalation stage: how long the project has owed.
select
    projects.project_id,
    projects.project_name,
    cast(coalesce(sum(arrears.expected_amount), 0) as decimal(14, 2)) as expected_amount,
    cast(coalesce(sum(arrears.paid_amount), 0) as decimal(14, 2)) as paid_amount,
    cast(coalesce(sum(arrears.owed_amount), 0) as decimal(14, 2)) as owed_amount,
    cast(coalesce(sum(arrears.paid_ahead_amount), 0) as decimal(14, 2)) as paid_ahead_amount,
    cast(coalesce(sum(arrears.net_owed_amount), 0) as decimal(14, 2)) as net_owed_amount,
    count(arrears.worker_key) filter (where arrears.owed_amount > 0) as workers_owed,
    min(arrears.oldest_due_date) as oldest_due_date,
    days_overdue(min(arrears.oldest_due_date)) as days_overdue,
    arrears_stage(days_overdue(min(arrears.oldest_due_date))) as stage
from int_projects as projects
left join worker_arrears as arrears on projects.project_id = arrears.project_id
group by projects.project_id, projects.project_name
