-- project_register: every usable project row as sent, current or replaced by a newer one, with its
-- region's name (regions).
select
    projects.file_seq,
    projects.source_file,
    projects.row_number,
    projects.project_id,
    projects.project_name,
    projects.region_code,
    regions.region_name,
    projects.pay_day,
    last4(projects.wage_account) as wage_account_last4,
    current.source_file is not null as is_current
from stg_projects as projects
anti join int_blocked_rows using (file_seq, row_number)
left join regions on projects.region_code = regions.region_code
left join int_projects as current
    on projects.source_file = current.source_file and projects.row_number = current.row_number
