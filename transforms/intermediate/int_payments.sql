-- Every usable bank row, attributed (docs/contract.md section 2, "which payments count"):
--   project: by its project_id, else by its payer account being exactly one project's wage account;
--   period:  by its period column, else a year-month in its memo, else the month before paid_at;
--   worker:  by payee ID alone when there is one, else by an account registered to exactly one
--            worker of the project, else by a name borne by exactly one worker of the project.
-- A transfer reported twice (same payer account and bank_ref) counts once: the last report stands.
with bank as (
    select
        *,
        bank_ref is not null and row_number() over (
            partition by payer_account, bank_ref order by file_seq desc, row_number desc
        ) > 1 as is_superseded
    from stg_bank as bank
    anti join int_blocked_rows using (file_seq, row_number)
),

workers as (
    select project_id, id_number, bank_account, worker_name
    from int_roster_stints
    where is_current
),

by_id as (
    select distinct project_id, id_number from workers
),

by_account as (
    select project_id, bank_account, any_value(id_number) as id_number
    from workers
    group by project_id, bank_account
    having count(distinct id_number) = 1
),

by_name as (
    select project_id, worker_name, any_value(id_number) as id_number
    from workers
    group by project_id, worker_name
    having count(distinct id_number) = 1
),

attributed as (
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
)

select
    attributed.*,
    coalesce(by_id.id_number, by_account.id_number, by_name.id_number) as worker_id_number,
    case
        when by_id.id_number is not null then 'id'
        when by_account.id_number is not null then 'account'
        when by_name.id_number is not null then 'name'
    end as match_method,
    attributed.is_success and not attributed.is_superseded and attributed.project_id is not null as is_counted
from attributed
left join by_id
    on attributed.payee_id_number is not null
    and attributed.project_id = by_id.project_id
    and attributed.payee_id_number = by_id.id_number
left join by_account
    on attributed.payee_id_number is null
    and attributed.project_id = by_account.project_id
    and attributed.payee_account = by_account.bank_account
left join by_name
    on attributed.payee_id_number is null
    and by_account.id_number is null
    and attributed.project_id = by_name.project_id
    and attributed.payee_name = by_name.worker_name
