-- Every usable wage deposit row, whether it stands, and whether it is in force on the as-of date.
-- A newer row for the same deposit (the same project or contractor, form and deposit day) replaces the
-- older one, as a resend that adds the day it was released. A deposit is the project's when it names
-- a project_id, else its contractor's: it then counts for every project whose register gives that
-- contractor_credit_code. A row naming a project_id the register lacks is quarantined (project_registered).
with ranked as (
    select
        deposits.*,
        projects.project_id is not null or deposits.project_id is null as is_registered_project,
        row_number() over (
            partition by coalesce(deposits.project_id, ''),
                case when deposits.project_id is null then deposits.contractor_credit_code end,
                coalesce(deposits.form, ''), deposits.deposited_date
            order by deposits.file_seq desc, deposits.row_number desc
        ) = 1 as is_current
    from stg_deposits as deposits
    anti join int_blocked_rows using (file_seq, row_number)
    left join int_projects as projects on deposits.project_id = projects.project_id
)

select
    *,
    -- in force from the day it was made until the day it was released, that day excluded
    is_current
        and deposited_date <= getvariable('as_of')
        and (released_date is null or released_date > getvariable('as_of')) as is_in_force
from ranked
