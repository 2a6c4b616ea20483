-- Every usable bank row (int_bank_rows: its project, period and whether it is superseded), matched
-- to a worker of its project's current roster (docs/contract.md section 2, "which payments count"):
-- by payee ID alone when there is one, else by an account registered to exactly one worker of the
-- project, else by a name borne by exactly one worker of the project.
with workers as (
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
from int_bank_rows as attributed
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
