-- Monthly attendance rows as sent: days one worker worked on one project in one month.
-- Which rows are unusable is said by the intake suite expectations/stg_attendance.json.
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
        -- as read, for the intake checks (expectations/stg_attendance.json)
        clean(period) as period_text,
        clean(days_worked) as days_worked_text
    from source
)

select * from renamed
