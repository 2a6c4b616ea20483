-- roster_stints: every usable roster row, current or replaced by a newer roster of its project.
-- Workers are known by worker_key; the ID is masked and the card shown by its last 4 digits.
select
    file_seq,
    source_file,
    row_number,
    stint_id,
    project_id,
    worker_key,
    worker_name,
    mask_id(id_number) as id_number_masked,
    team,
    subcontractor,
    trade,
    last4(bank_account) as bank_account_last4,
    bank_name,
    wage_type,
    wage_rate_amount,
    entry_date,
    exit_date,
    has_labor_contract,
    is_current
from int_roster_stints
where is_registered_project
