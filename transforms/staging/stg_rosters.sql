-- Real-name roster rows as sent: one stint of one worker on one project per row, cleaned and typed.
-- An ID of the wrong shape is kept (a roster rule flags it); only an ID that Excel turned into a
-- number is unusable, because its lost digits must never be guessed.
with source as (
    select * from raw_rosters
),

renamed as (
    select
        -- ids
        file_seq,
        source_file,
        row_number,
        clean(project_id) as project_id,
        id_text(id_number) as id_number,
        account_text(bank_account) as bank_account,
        -- names
        clean(worker_name) as worker_name,
        clean(team) as team,
        clean(subcontractor) as subcontractor,
        clean(trade) as trade,
        clean(bank_name) as bank_name,
        -- terms
        case
            when lower(clean(wage_type)) in ('monthly', 'month', '月薪', '月', '按月', '包月') then 'monthly'
            when lower(clean(wage_type)) in ('daily', 'day', '日薪', '日', '按日', '计日', '点工') then 'daily'
        end as wage_type,
        parse_yes_no(contract_signed) as has_labor_contract,
        -- amounts
        parse_amount(wage_rate) as wage_rate_amount,
        -- dates
        parse_date(entry_date) as entry_date,
        parse_date(exit_date) as exit_date,
        -- as read, for the reasons below
        clean(wage_type) as wage_type_text,
        clean(wage_rate) as wage_rate_text,
        clean(entry_date) as entry_date_text,
        clean(exit_date) as exit_date_text
    from source
)

select
    * exclude (wage_type_text, wage_rate_text, entry_date_text, exit_date_text),
    nullif(concat_ws('; ',
        case when project_id is null then 'project_id is missing' end,
        case when worker_name is null then 'worker_name is missing' end,
        case when id_number is null then 'id_number is missing'
            when is_mangled_number(id_number) then 'id_number was stored as a number and lost digits' end,
        case when bank_account is null then 'bank_account is missing'
            when is_mangled_number(bank_account) then 'bank_account was stored as a number and lost digits' end,
        case when wage_type_text is null then 'wage_type is missing'
            when wage_type is null then 'wage_type is neither monthly (月薪) nor daily (日薪)' end,
        case when wage_rate_text is null then 'wage_rate is missing'
            when wage_rate_amount is null then 'wage_rate is not an amount'
            when wage_rate_amount < 0 then 'wage_rate is negative' end,
        case when entry_date_text is null then 'entry_date is missing'
            when entry_date is null then 'entry_date is not a date' end,
        case when exit_date_text is not null and exit_date is null then 'exit_date is not a date'
            when exit_date < entry_date then 'exit_date is before entry_date' end
    ), '') as quarantine_reason
from renamed
