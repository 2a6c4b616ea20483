-- Wage guarantee deposit rows as sent (工资保证金): one deposit of a project (project_id), or of a
-- general contractor for all its projects (contractor_credit_code), in cash, as a bank guarantee or
-- as an insurance, from the day it was made until the day it was released (or expired).
-- Which rows are unusable is said by the intake suite expectations/stg_deposits.json.
with source as (
    select * from raw_deposits
),

renamed as (
    select
        -- ids
        file_seq,
        source_file,
        row_number,
        clean(project_id) as project_id,
        upper(clean(contractor_credit_code)) as contractor_credit_code,
        -- words: the form of the deposit (现金, 保函, 保险); NULL when blank or not known
        case
            when lower(clean(form)) in ('现金', '现金存储', 'cash') then 'cash'
            when lower(clean(form)) in ('保函', '银行保函', '工程担保', '担保', 'guarantee') then 'guarantee'
            when lower(clean(form)) in ('保险', '保证保险', '工程保证保险', 'insurance') then 'insurance'
        end as form,
        -- dates
        parse_date(deposited_on) as deposited_date,
        parse_date(released_on) as released_date,
        -- amounts
        parse_amount_in(deposit_amount, deposit_amount_unit) as deposit_amount,
        -- as read, for the intake checks (expectations/stg_deposits.json)
        clean(form) as form_text,
        clean(deposited_on) as deposited_on_text,
        clean(released_on) as released_on_text,
        clean(deposit_amount) as deposit_amount_text
    from source
)

select * from renamed
