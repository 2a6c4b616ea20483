-- The project register in force: a newer row for a project_id replaces the older one (upsert).
select * exclude (quarantine_reason)
from stg_projects
where quarantine_reason is null
qualify row_number() over (partition by project_id order by file_seq desc, row_number desc) = 1
