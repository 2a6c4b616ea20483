-- account_balances: one row per project's wage account and day, from the first day its statements
-- show to the last: what came in and went out that day, and the balance at its end (the day's last
-- movement's balance, carried over days without one). Outside those days wagewatch knows nothing of
-- the account: the statement rules judge only days in this table.
with counted as (
    select * from int_account_movements where is_counted
),

spans as (
    select project_id, any_value(account) as account, min(booked_date) as first_date,
        max(booked_date) as last_date
    from counted
    group by project_id
),

days as (
    select project_id, account, cast(unnest(generate_series(first_date, last_date, interval 1 day)) as date)
        as balance_date
    from spans
),

daily as (
    select
        project_id,
        booked_date,
        sum(credit_amount) as credit_amount,
        sum(debit_amount) as debit_amount,
        count(*) filter (where direction <> 'balance') as movements_count,
        arg_max({'balance': account_balance_amount, 'source_file': source_file, 'row_number': row_number,
            'bank_ref': bank_ref}, position) as closing
    from counted
    group by project_id, booked_date
),

carried as (
    select
        days.project_id,
        days.account,
        days.balance_date,
        daily.credit_amount,
        daily.debit_amount,
        daily.movements_count,
        -- the balance at the end of the day, and the statement row it was read from
        last_value(daily.closing ignore nulls) over (partition by days.project_id order by days.balance_date)
            as closing
    from days
    left join daily on days.project_id = daily.project_id and days.balance_date = daily.booked_date
)

select
    project_id,
    last4(account) as wage_account_last4,
    balance_date,
    coalesce(credit_amount, 0)::decimal(14, 2) as credit_amount,
    coalesce(debit_amount, 0)::decimal(14, 2) as debit_amount,
    coalesce(movements_count, 0)::integer as movements_count,
    closing.balance::decimal(14, 2) as account_balance_amount,
    closing.source_file as source_file,
    closing.row_number as row_number,
    closing.bank_ref as bank_ref
from carried
