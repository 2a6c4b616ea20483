-- account_movements: every usable statement row of a project's wage account (docs/contract.md
-- section 4), accounts shown by their last 4 digits, free text with long digit runs masked.
select
    file_seq,
    source_file,
    row_number,
    project_id,
    last4(account) as wage_account_last4,
    booked_date,
    direction,
    credit_amount,
    debit_amount,
    account_balance_amount,
    last4(counterparty_account) as counterparty_account_last4,
    counterparty_name,
    is_roster_card,
    is_payroll_batch,
    mask_digits(memo) as memo,
    bank_ref,
    is_superseded
from int_account_movements
where project_id is not null
