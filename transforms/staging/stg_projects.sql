-- The project register as sent: one row per input row, cleaned and typed. Nothing is filtered here:
-- the intake suite expectations/stg_projects.json says which rows are unusable.
with source as (
    select * from raw_projects
),

renamed as (
    select
        -- ids
        file_seq,
        source_file,
        row_number,
        clean(project_id) as project_id,
        clean(region_code) as region_code,
        -- upper-cased once here, as in stg_deposits: the two are compared (a contractor's deposit)
        upper(clean(contractor_credit_code)) as contractor_credit_code,
        account_text(wage_account) as wage_account,
        -- names
        clean(project_name) as project_name,
        clean(contractor_name) as contractor_name,
        clean(sector) as sector,
        -- numbers
        try_cast(regexp_replace(clean(pay_day), '\.0+$', '') as integer) as pay_day,
        -- dates
        parse_date(start_date) as start_date,
        parse_date(end_date) as end_date,
        -- periods: the first month monitored (YYYY-MM); months before it are not judged
        parse_period(monitoring_start) as monitoring_start,
        -- amounts: the contract's value (合同金额), which the wage deposit is a share of
        -- (not an amount, or negative: read as not given, with a warning)
        case when parse_amount_in(contract_amount, contract_amount_unit) >= 0
            then parse_amount_in(contract_amount, contract_amount_unit) end as contract_amount,
        -- as read, for the intake checks (expectations/stg_projects.json)
        clean(pay_day) as pay_day_text,
        clean(monitoring_start) as monitoring_start_text,
        clean(contract_amount) as contract_amount_text
    from source
)

select * from renamed
