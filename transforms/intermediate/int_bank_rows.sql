-- Every usable bank row, attributed to its project and period (docs/contract.md section 2, "which
-- payments count"), and whether a later report of the same transfer supersedes it:
--   project: by its project_id, else by its payer account being exactly one project's wage account;
--   period:  by its period column, else a year-month in its memo, else the month before paid_at;
--   once:    a transfer reported twice (same payer account and bank_ref) counts once: the last report stands.
-- partitions: before: which project a row belongs to, and which report of a transfer stands, look at
--              every row (a wage account given by two projects, one transfer reported for two)
with bank as (
    select
        *,
        bank_ref is not null and row_number() over (
            partition by payer_account, bank_ref order by file_seq desc, row_number desc
        ) > 1 as is_superseded
    from stg_bank as bank
    anti join int_blocked_rows using (file_seq, row_number)
)

select
    bank.* exclude (project_id, period),
    bank.project_id as project_id_sent,
    bank.period as period_sent,
    coalesce(registered.project_id, wage_accounts.project_id) as project_id,
    coalesce(bank.period, bank.memo_period, strftime(bank.paid_date - interval 1 month, '%Y-%m'))
        as period,
    case
        when bank.period is not null then 'period'
        when bank.memo_period is not null then 'memo'
        else 'paid_at'
    end as period_source
from bank
left join int_projects as registered on bank.project_id = registered.project_id
left join int_wage_accounts as wage_accounts
    on bank.project_id is null and bank.payer_account = wage_accounts.wage_account
