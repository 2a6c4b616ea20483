-- The project register in force: a newer row for a project_id replaces the older one (upsert).
-- monitored_from is the first month judged: the later of [rules] judge_from and the register's
-- monitoring_start (greatest() skips NULLs; NULL when neither is set: every month is judged).
select
    projects.*,
    greatest(strftime(getvariable('judge_from'), '%Y-%m'), projects.monitoring_start) as monitored_from
from stg_projects as projects
anti join int_blocked_rows using (file_seq, row_number)
qualify row_number() over (partition by project_id order by file_seq desc, row_number desc) = 1
