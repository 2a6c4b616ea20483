-- Every usable roster stint, and whether it stands: a roster file is a full snapshot of each project
-- it contains, so only the stints of the last file naming a project are current for that project.
with latest_file as (
    select project_id, max(file_seq) as file_seq
    from stg_rosters
    where project_id is not null
    group by project_id
)

select
    rosters.*,
    rosters.file_seq || ':' || rosters.row_number as stint_id,
    worker_key(rosters.id_number) as worker_key,
    latest_file.file_seq is not null as is_current,
    projects.project_id is not null as is_registered_project
from stg_rosters as rosters
anti join int_blocked_rows using (file_seq, row_number)
left join latest_file
    on rosters.project_id = latest_file.project_id and rosters.file_seq = latest_file.file_seq
left join int_projects as projects on rosters.project_id = projects.project_id
