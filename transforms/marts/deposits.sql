-- deposits: every usable wage guarantee deposit row (工资保证金) of the inbox, current or replaced by a
-- newer row of the same deposit, and whether it is in force on the as-of date (made by then, not yet
-- released). A deposit names its project, or only its contractor's credit code: it then counts for
-- every project of that contractor (project_deposits).
select
    file_seq,
    source_file,
    row_number,
    project_id,
    contractor_credit_code,
    form,
    deposit_amount,
    deposited_date,
    released_date,
    is_current,
    is_in_force
from int_deposits
where is_registered_project
