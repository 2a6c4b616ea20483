-- The project register as sent: one row per input row, cleaned and typed, with the reason it cannot
-- be used (NULL when it can). Nothing is filtered here: quarantine and intermediate models choose.
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
        clean(contractor_credit_code) as contractor_credit_code,
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
        -- as read, for the reasons below
        clean(pay_day) as pay_day_text
    from source
)

select
    * exclude (pay_day_text),
    nullif(concat_ws('; ',
        case when project_id is null then 'project_id is missing' end,
        case when region_code is null then 'region_code is missing'
            when not regexp_full_match(region_code, '\d{6}') then 'region_code is not 6 digits' end,
        case when wage_account is null then 'wage_account is missing'
            when is_mangled_number(wage_account) then 'wage_account was stored as a number and lost digits' end,
        case when pay_day_text is null then 'pay_day is missing'
            when pay_day is null or pay_day not between 1 and 31 then 'pay_day is not a day of the month (1-31)' end
    ), '') as quarantine_reason
from renamed
