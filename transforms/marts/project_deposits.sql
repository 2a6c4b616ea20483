-- project_deposits: each registered project's wage deposit as of the run (docs/contract.md section 3.3):
-- the rate of its region, what its contract requires, what is in force for it (its own deposits and
-- its contractor's) and its deposit_status, which DEPOSIT_MISSING (missing) and DEPOSIT_SHORT (short)
-- flag; the index and the workbook show it.
select
    project_id,
    project_name,
    region_code,
    contract_amount,
    deposit_rate,
    required_amount,
    in_force_amount,
    cast(deposits_count as integer) as deposits_count,
    start_date,
    deposit_due_date,
    deposit_status
from int_project_deposits
