-- Wage account statement rows as sent (专户流水, 对账单): one movement on a project's dedicated wage
-- account per row, or a balance line (期初余额, 期末余额) that moves no money. A movement is a credit
-- (money in) or a debit (money out): by its debit and credit columns (exactly one above zero), else by
-- one amount and its direction (收/支, 借/贷), else by that amount's sign.
-- Which rows are unusable is said by the intake suite expectations/stg_accounts.json.
with source as (
    select * from raw_accounts
),

renamed as (
    select
        -- ids
        file_seq,
        source_file,
        row_number,
        account_text(account) as account,
        account_text(counterparty_account) as counterparty_account,
        clean(bank_ref) as bank_ref,
        -- names and text
        clean(counterparty_name) as counterparty_name,
        clean(memo) as memo,
        -- dates
        parse_date(booked_at) as booked_date,
        -- amounts: a debit or credit column written negative is still that column's money
        abs(parse_amount(debit_amount)) as debit_value,
        abs(parse_amount(credit_amount)) as credit_value,
        parse_amount(amount) as signed_value,
        parse_direction(direction) as direction_word,
        parse_amount(balance_amount) as account_balance_amount,
        -- as read, for the intake checks (expectations/stg_accounts.json)
        clean(booked_at) as booked_at_text,
        clean(debit_amount) as debit_text,
        clean(credit_amount) as credit_text,
        clean(amount) as amount_text,
        clean(direction) as direction_text,
        clean(balance_amount) as balance_text
    from source
),

directed as (
    select
        *,
        case
            when debit_value > 0 and coalesce(credit_value, 0) = 0 then 'debit'
            when credit_value > 0 and coalesce(debit_value, 0) = 0 then 'credit'
            when coalesce(debit_value, 0) = 0 and coalesce(credit_value, 0) = 0 and signed_value <> 0
                then case
                    when direction_text is not null then direction_word
                    when signed_value > 0 then 'credit'
                    else 'debit'
                end
            -- no money moved: a balance line
            when coalesce(debit_value, 0) = 0 and coalesce(credit_value, 0) = 0
                and coalesce(signed_value, 0) = 0 then 'balance'
        end as direction
    from renamed
)

select
    * exclude (debit_value, credit_value, signed_value, direction_word),
    -- amounts
    cast(case when direction = 'credit' then coalesce(nullif(credit_value, 0), abs(signed_value)) else 0 end
        as decimal(14, 2)) as credit_amount,
    cast(case when direction = 'debit' then coalesce(nullif(debit_value, 0), abs(signed_value)) else 0 end
        as decimal(14, 2)) as debit_amount,
    -- both a debit and a credit on one row: which one moved cannot be told
    debit_value > 0 and credit_value > 0 as is_two_way,
    -- an amount cell that is not a number
    (debit_text is not null and debit_value is null)
        or (credit_text is not null and credit_value is null)
        or (amount_text is not null and signed_value is null) as has_bad_amount,
    direction_text is not null and direction_word is null as has_bad_direction
from directed
