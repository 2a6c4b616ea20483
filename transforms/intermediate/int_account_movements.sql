-- Every usable statement row, attributed (docs/contract.md section 3.3, "wage account statements"):
--   project, once, in order: int_statement_rows (its project, whether superseded, its order in its day);
--   position:  the row's place in its account's statement, day by day, as the bank booked them;
--   whose:     a counterparty account that is a card on the project's current roster is a worker's;
--   batch:     a debit is a payroll batch (wages paid as one lump, 代发工资) when its amount equals,
--              exactly, the total of a batch of the project's counted transfers from this account
--              booked on the same day (int_payroll_batches: the day's, or one bank file's), and its
--              counterparty is not the payee of one of that day's transfers (that is a transfer
--              booked on its own, judged by its card).
with cards as (
    select distinct project_id, bank_account from int_current_stints
),

batches as (
    select distinct project_id, payer_account, paid_date, batch_amount from int_payroll_batches
),

payees as (
    select distinct project_id, payer_account, paid_date, payee_account
    from int_payments
    where is_counted and payee_account is not null
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
from int_statement_rows as attributed
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
