-- Each worker of each project's current roster, once: who they are and the cards they registered.
select
    project_id,
    id_number,
    worker_key(id_number) as worker_key,
    arg_max(worker_name, (entry_date, file_seq, row_number)) as worker_name,
    arg_max(team, (entry_date, file_seq, row_number)) as team,
    arg_max(stint_id, (entry_date, file_seq, row_number)) as stint_id,
    list(distinct bank_account order by bank_account) as bank_accounts
from int_current_stints
group by project_id, id_number
