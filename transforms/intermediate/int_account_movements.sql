-- Every usable statement row, attributed (docs/contract.md section 3.3, "wage account statements"):
--   project:   the one project whose register gives the row's account as its wage_account (an
--              account shared by two projects attributes to neither; such rows are quarantined);
--   once:      statements overlap (a month sent twice, a quarter over a month), so the same movement
--              (same account and bank_ref, or without a bank_ref the same day, direction, amounts and
--              balance) counts once: the row ingested last stands;
--   in order:  a statement lists its days oldest first or newest first; `position` orders the rows of
--              one day as the bank booked them, so the day's last row holds its closing balance;
--   whose:     a counterparty account that is a card on the project's current roster is a worker's;
--   batch:     a debit is a payroll batch (wages paid as one lump, 代发工资) when its amount equals,
--              exactly, the total of a batch of the project's counted transfers from this account
--              booked on the same day (int_payroll_batches: the day's, or one bank file's), and its
--              counterparty is not the payee of one of that day's transfers (that is a transfer
--              booked on its own, judged by its card).
with movements as (
    select *
    from stg_accounts
    anti join int_blocked_rows using (file_seq, row_number)
),

cards as (
    select distinct project_id, bank_account from int_current_stints
),

batches as (
    select distinct project_id, payer_account, paid_date, batch_amount from int_payroll_batches
),

payees as (
    select distinct project_id, payer_account, paid_date, payee_account
    from int_payments
    where is_counted and payee_account is not null
),

file_order as (
    -- a file whose first row is dated after its last lists newest first
    select file_seq, arg_min(booked_date, row_number) > arg_max(booked_date, row_number) as is_newest_first
    from movements
    group by file_seq
),

attributed as (
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
)

select
    attributed.* exclude (row_in_day),
    row_number() over (
        partition by attributed.account order by attributed.booked_date, attributed.file_seq, attributed.row_in_day
    ) as position,
    cards.bank_account is not null as is_roster_card,
    attributed.direction = 'debit' and batches.project_id is not null and payees.project_id is null
        as is_payroll_batch,
    -- what the statement rules read: a movement of a known project, not superseded, booked by the as-of date
    attributed.project_id is not null and not attributed.is_superseded
        and attributed.booked_date <= getvariable('as_of') as is_counted
from attributed
left join cards
    on attributed.project_id = cards.project_id and attributed.counterparty_account = cards.bank_account
left join batches
    on attributed.project_id = batches.project_id
    and attributed.account = batches.payer_account
    and attributed.booked_date = batches.paid_date
    and attributed.debit_amount = batches.batch_amount
left join payees
    on attributed.project_id = payees.project_id
    and attributed.account = payees.payer_account
    and attributed.booked_date = payees.paid_date
    and attributed.counterparty_account = payees.payee_account
