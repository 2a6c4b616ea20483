-- Bank payroll result rows as sent: one transfer attempt per row, cleaned and typed.
-- status is NULL only when the file has no status column: such a file states completed transfers.
-- amount_unit is the file's bank profile's unit (docs/bank-profiles.md): a fen amount is converted here.
-- Which rows are unusable is said by the intake suite expectations/stg_bank.json.
with source as (
    select * from raw_bank
),

renamed as (
    select
        -- ids
        file_seq,
        source_file,
        row_number,
        clean(project_id) as project_id,
        account_text(payer_account) as payer_account,
        account_text(payee_account) as payee_account,
        id_text(payee_id_number) as payee_id_number,
        clean(bank_ref) as bank_ref,
        -- names and text
        clean(payee_name) as payee_name,
        clean(memo) as memo,
        clean(failure_reason) as failure_reason,
        coalesce(clean(status), '') as status,
        -- flags
        status is null
            or list_contains(getvariable('success_statuses'), lower(clean(status))) is true as is_success,
        -- dates
        parse_date(paid_at) as paid_date,
        parse_period(period) as period,
        memo_period(memo) as memo_period,
        -- amounts
        case when amount_unit = 'fen' then parse_fen(amount) else parse_amount(amount) end as amount,
        -- as read, for the intake checks (expectations/stg_bank.json)
        clean(paid_at) as paid_at_text,
        clean(period) as period_text,
        clean(amount) as amount_text
    from source
)

select * from renamed
