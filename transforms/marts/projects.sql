-- projects: the project register in force, the wage account shown by its last 4 digits only.
select
    project_id,
    project_name,
    region_code,
    contractor_name,
    contractor_credit_code,
    sector,
    pay_day,
    last4(wage_account) as wage_account_last4,
    start_date,
    end_date,
    monitoring_start,
    monitored_from,
    source_file,
    row_number
from int_projects
