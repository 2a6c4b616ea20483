-- Wage complaint rows as sent (投诉举报): one complaint of one worker about one project per row, for
-- the months it claims. `periods` lists months (2026-08, 2026年9月, 202610), separated by commas, 、,
-- semicolons or spaces, and ranges of months written with ~, 至 or 到 (2026-08~2026-10).
-- Which rows are unusable is said by the intake suite expectations/stg_complaints.json.
with source as (
    select * from raw_complaints
),

renamed as (
    select
        -- ids
        file_seq,
        source_file,
        row_number,
        clean(complaint_id) as complaint_id,
        clean(project_id) as project_id,
        id_text(id_number) as id_number,
        -- names and terms
        clean(project_name) as project_name,
        clean(worker_name) as worker_name,
        case
            when clean(channel) in ('12333', '12333热线', '12333电话', '热线') then '12333'
            when clean(channel) in ('网站', '网络', '网上', '网上投诉', '网站投诉', 'website') then 'website'
            when clean(channel) in ('告示牌', '维权告示牌', '维权信息告示牌', 'notice_board') then 'notice_board'
            when clean(channel) in ('来访', '来信来访', '信访', '现场', 'visit') then 'visit'
        end as channel,
        -- dates
        parse_date(received_on) as received_date,
        -- amounts
        parse_amount_in(claimed_amount, claimed_amount_unit) as claimed_amount,
        -- each item of the list of months: one month, or a range of them
        list_transform(
            regexp_split_to_array(coalesce(clean(periods), ''), '[,、;\s]+'),
            lambda item: regexp_split_to_array(item, '\s*(?:~|至|到)\s*')
        ) as period_items,
        -- as read, for the intake checks (expectations/stg_complaints.json)
        clean(received_on) as received_on_text,
        clean(channel) as channel_text,
        clean(periods) as periods_text,
        clean(claimed_amount) as claimed_amount_text
    from source
),

months as (
    select
        *,
        -- a month as its number since year 0, so that a range is a series of numbers
        list_transform(period_items, lambda bounds: list_transform(bounds, lambda p:
            cast(left(parse_period(p), 4) as integer) * 12 + cast(right(parse_period(p), 2) as integer) - 1
        )) as item_months
    from renamed
)

select
    * exclude (period_items, item_months),
    -- the months claimed, in order, each once; NULL when an item is not a month or a range of months
    case when periods_text is not null and list_bool_and(list_transform(item_months, lambda bounds:
        len(bounds) in (1, 2) and list_bool_and(list_transform(bounds, lambda m: m is not null))
        and bounds[1] <= bounds[-1]))
    then list_sort(list_distinct(flatten(list_transform(item_months, lambda bounds:
        list_transform(range(bounds[1], bounds[-1] + 1), lambda m: printf('%04d-%02d', m // 12, m % 12 + 1))
    )))) end as periods
from months
