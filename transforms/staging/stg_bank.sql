-- Bank payroll result rows as sent: one transfer attempt per row, cleaned and typed.
-- status is NULL only when the file has no status column: such a file states completed transfers.
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
        parse_amount(amount) as amount,
        -- as read, for the reasons below
        clean(paid_at) as paid_at_text,
        clean(period) as period_text,
        clean(amount) as amount_text
    from source
)

select
    * exclude (paid_at_text, period_text, amount_text),
    nullif(concat_ws('; ',
        case when payer_account is null then 'payer_account is missing'
            when is_mangled_number(payer_account) then 'payer_account was stored as a number and lost digits' end,
        case when payee_name is null then 'payee_name is missing' end,
        case when payee_account is null then 'payee_account is missing'
            when is_mangled_number(payee_account) then 'payee_account was stored as a number and lost digits' end,
        case when is_mangled_number(payee_id_number)
            then 'payee_id_number was stored as a number and lost digits' end,
        case when amount_text is null then 'amount is missing'
            when amount is null then 'amount is not a number'
            when amount <= 0 then 'amount is not above zero' end,
        case when is_scientific(bank_ref) then 'bank_ref was stored as a number and lost digits' end,
        case when paid_at_text is null then 'paid_at is missing'
            when paid_date is null then 'paid_at is not a date' end,
        case when period_text is not null and period is null then 'period is not a month (YYYY-MM)' end
    ), '') as quarantine_reason
from renamed
