-- Every usable attendance row, and whether it stands: a newer row for the same project, worker and
-- month replaces the older one (upsert by project_id, id_number, period).
select
    attendance.*,
    worker_key(attendance.id_number) as worker_key,
    row_number() over (
        partition by attendance.project_id, attendance.id_number, attendance.period
        order by attendance.file_seq desc, attendance.row_number desc
    ) = 1 as is_current,
    projects.project_id is not null as is_registered_project
from stg_attendance as attendance
anti join int_blocked_rows using (file_seq, row_number)
left join int_projects as projects on attendance.project_id = projects.project_id
