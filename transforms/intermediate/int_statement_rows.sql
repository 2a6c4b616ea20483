-- Every usable statement row, attributed (docs/contract.md section 3.3, "wage account statements"):
--   project:   the one project whose register gives the row's account as its wage_account (an
--              account shared by two projects attributes to neither; such rows are quarantined);
--   once:      statements overlap (a month sent twice, a quarter over a month), so the same movement
--              (same account and bank_ref, or without a bank_ref the same day, direction, amounts and
--              balance) counts once: the row ingested last stands;
--   in order:  a statement lists its days oldest first or newest first; `row_in_day` orders the rows
--              of one day as the bank booked them, so the day's last row holds its closing balance.
-- partitions: before; whose account a row is, and which way its file lists its days, look at every
--              row (a wage account given by two projects, a file holding the rows of several accounts)
with movements as (
    select *
    from stg_accounts
    anti join int_blocked_rows using (file_seq, row_number)
),

file_order as (
    -- a file whose first row is dated after its last lists newest first
    select file_seq, arg_min(booked_date, row_number) > arg_max(booked_date, row_number) as is_newest_first
    from movements
    group by file_seq
)

select
    movements.*,
    wage_accounts.project_id,
    row_number() over (
        partition by movements.account, coalesce(movements.bank_ref, concat_ws('|',
            movements.booked_date, movements.direction, movements.credit_amount, movements.debit_amount,
            movements.account_balance_amount))
        order by movements.file_seq desc, movements.row_number desc
    ) > 1 as is_superseded,
    case when file_order.is_newest_first then -movements.row_number else movements.row_number end
        as row_in_day
from movements
inner join file_order on movements.file_seq = file_order.file_seq
left join int_wage_accounts as wage_accounts on movements.account = wage_accounts.wage_account
