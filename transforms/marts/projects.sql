-- projects: the project register in force, the wage account shown by its last 4 digits only, the
-- region by its code and its name (regions: a code GB/T 2260 does not list is its own name).
select
    projects.project_id,
    projects.project_name,
    projects.region_code,
    regions.region_name,
    projects.contractor_name,
    projects.contractor_credit_code,
    projects.sector,
    projects.pay_day,
    last4(projects.wage_account) as wage_account_last4,
    projects.start_date,
    projects.end_date,
    projects.monitoring_start,
    projects.monitored_from,
    projects.contract_amount,
    projects.source_file,
    projects.row_number
from int_projects as projects
left join regions on projects.region_code = regions.region_code
