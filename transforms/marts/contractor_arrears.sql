-- contractor_arrears: general contractors ranked by what their projects still owe workers
-- (owed_amount, the ledger's: docs/contract.md section 4.1).
-- partitions: across; a contractor builds in many regions, and is ranked once, over all of them
with red_months as (
    select project_id, count(*) as red_months
    from project_periods
    where level = 'red'
    group by project_id
)

select
    coalesce(projects.contractor_name, '(not given)') as contractor_name,
    count(*) as projects,
    cast(sum(arrears.owed_amount) as decimal(14, 2)) as owed_amount,
    cast(sum(arrears.paid_ahead_amount) as decimal(14, 2)) as paid_ahead_amount,
    cast(sum(arrears.net_owed_amount) as decimal(14, 2)) as net_owed_amount,
    cast(sum(arrears.workers_owed) as bigint) as workers_owed,
    cast(coalesce(sum(red_months.red_months), 0) as bigint) as red_project_months,
    rank() over (order by sum(arrears.owed_amount) desc) as owed_rank
from projects
inner join project_arrears as arrears on projects.project_id = arrears.project_id
left join red_months on projects.project_id = red_months.project_id
group by coalesce(projects.contractor_name, '(not given)')
