-- The project register in force: a newer row for a project_id replaces the older one (upsert).
select projects.*
from stg_projects as projects
anti join intake_blocked as blocked
    on blocked.kind = 'projects' and projects.file_seq = blocked.file_seq
    and projects.row_number = blocked.row_number
qualify row_number() over (partition by project_id order by file_seq desc, row_number desc) = 1
