-- the projects that have at least one flag, each with what an inspector needs to find it
with flagged as (
    select distinct project_id from flags
)

select
    flagged.project_id,
    projects.project_name,
    projects.region_code,
    projects.contractor_name,
    projects.sector,
    projects.pay_day,
    projects.wage_account_last4
from flagged
left join projects on projects.project_id = flagged.project_id
order by flagged.project_id
