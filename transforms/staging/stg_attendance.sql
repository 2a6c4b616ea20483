-- Monthly attendance rows as sent: days one worker worked on one project in one month.
with source as (
    select * from raw_attendance
),

renamed as (
    select
        -- ids
        file_seq,
        source_file,
        row_number,
        clean(project_id) as project_id,
        id_text(id_number) as id_number,
        -- dates
        parse_period(period) as period,
        -- numbers
        try_cast(clean(days_worked) as decimal(6, 2)) as days_worked,
        -- as read, for the reasons below
        clean(period) as period_text,
        clean(days_worked) as days_worked_text
    from source
)

select
    * exclude (period_text, days_worked_text),
    nullif(concat_ws('; ',
        case when project_id is null then 'project_id is missing' end,
        case when id_number is null then 'id_number is missing'
            when is_mangled_number(id_number) then 'id_number was stored as a number and lost digits' end,
        case when period_text is null then 'period is missing'
            when period is null then 'period is not a month (YYYY-MM)' end,
        case when days_worked_text is null then 'days_worked is missing'
            when days_worked is null then 'days_worked is not a number'
            when days_worked < 0 then 'days_worked is negative' end
    ), '') as quarantine_reason
from renamed
