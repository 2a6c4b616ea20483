-- the input rows behind every flag, one row per flag: `evidence_items`, each row in words as the
-- project page lists it (what kind of row, its file, row number and bank reference, then what the
-- published tables hold of it: a bank row's payee, card (last 4), amount, date and status; a roster
-- row's worker, card, wage and entry date; an attendance row's month and days; a statement row's
-- counterparty, its account (last 4), the money it moved, its day and its memo), and `evidence_refs`,
-- each row by its kind, file, row and reference alone, as the workbook cell lists them. Both in the
-- report's language: $words holds the words (templates/labels.toml), $kinds and $wage_types the words
-- of the coded values. IDs are masked, accounts shown by last 4 only; amounts as findings write them
-- (finding_money, from the decimal's own digits).
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
),

-- a file name sent twice with new content: the row of the file ingested last
latest as (
    select * exclude (file_seq)
    from detailed
    qualify row_number() over (partition by flag_id, position order by file_seq desc nulls last) = 1
),

written as (
    select
        flag_id,
        position,
        coalesce($kinds[kind], kind) as kind_word,
        replace($words['row'], '{n}', row_number::varchar) as row_word,
        $words['bank_ref'] || ' ' || nullif(bank_ref, '') as bank_ref_word,
        *
    from latest
)

select
    flag_id,
    list(
        concat_ws(
            ' · ',
            kind_word,
            nullif(source_file, ''),
            row_word,
            bank_ref_word,
            nullif(person, ''),
            nullif(id_number_masked, ''),
            $words['card'] || ' ' || nullif(account_last4, ''),
            $words['payer'] || ' ' || nullif(payer_account_last4, ''),
            nullif(period, ''),
            finding_money(amount),
            paid_date::varchar,
            nullif(status, ''),
            $words['days_worked'] || ' ' || days_worked::varchar,
            concat_ws(' ', $words['wage'], coalesce($wage_types[wage_type], wage_type))
                || ' ' || finding_money(wage_rate_amount),
            $words['entered'] || ' ' || entry_date::varchar,
            $words['left'] || ' ' || exit_date::varchar
        )
        order by position
    ) as evidence_items,
    list(concat_ws(' ', kind_word, source_file, row_word, bank_ref_word) order by position) as evidence_refs
from written
group by flag_id
