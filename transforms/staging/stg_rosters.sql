-- Real-name roster rows as sent: one stint of one worker on one project per row, cleaned and typed.
-- Which rows are unusable is said by the intake suite expectations/stg_rosters.json.
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
        -- as read, for the intake checks (expectations/stg_rosters.json)
        clean(wage_type) as wage_type_text,
        clean(wage_rate) as wage_rate_text,
        clean(entry_date) as entry_date_text,
        clean(exit_date) as exit_date_text,
        clean(contract_signed) as contract_signed_text
    from source
)

select * from renamed
