-- the input rows behind every flag, in the flag's order, each with what the published tables hold of
-- it: a bank row's payee, card (last 4), amount, date and status; a roster row's worker, card, wage
-- and entry date; an attendance row's month and days; a statement row's counterparty, its account (last
-- 4), the money it moved, its day and its memo. IDs are masked, accounts shown by last 4 only.
with items as (
    select
        flag_id,
        unnest(range(1, len(evidence) + 1)) as position,
        unnest(evidence) as item
    from flags
),

detailed as (
    select
        items.flag_id,
        items.position,
        items.item.kind as kind,
        items.item.source_file as source_file,
        items.item.row_number as row_number,
        items.item.bank_ref as bank_ref,
        coalesce(payments.payee_name, stints.worker_name, movements.counterparty_name) as person,
        coalesce(payments.payee_id_number_masked, stints.id_number_masked, attendance.id_number_masked)
            as id_number_masked,
        coalesce(payments.payee_account_last4, stints.bank_account_last4, movements.counterparty_account_last4)
            as account_last4,
        payments.payer_account_last4,
        coalesce(payments.amount, movements.credit_amount + movements.debit_amount) as amount,
        coalesce(payments.paid_date, movements.booked_date) as paid_date,
        coalesce(payments.status, movements.memo) as status,
        coalesce(payments.period, attendance.period) as period,
        attendance.days_worked,
        stints.wage_type,
        stints.wage_rate_amount,
        stints.entry_date,
        stints.exit_date,
        coalesce(payments.file_seq, stints.file_seq, attendance.file_seq, movements.file_seq) as file_seq
    from items
    left join payments
        on items.item.kind = 'bank'
        and payments.source_file = items.item.source_file
        and payments.row_number = items.item.row_number
    left join roster_stints as stints
        on items.item.kind = 'roster'
        and stints.source_file = items.item.source_file
        and stints.row_number = items.item.row_number
    left join attendance_records as attendance
        on items.item.kind = 'attendance'
        and attendance.source_file = items.item.source_file
        and attendance.row_number = items.item.row_number
    left join account_movements as movements
        on items.item.kind = 'account'
        and movements.source_file = items.item.source_file
        and movements.row_number = items.item.row_number
)

select * exclude (file_seq)
from detailed
-- a file name sent twice with new content: the row of the file ingested last
qualify row_number() over (partition by flag_id, position order by file_seq desc nulls last) = 1
order by flag_id, position
