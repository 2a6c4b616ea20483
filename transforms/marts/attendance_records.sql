-- attendance_records: every usable attendance row; is_current marks the one that stands for its
-- project, worker and month (a newer row replaces an older one).
select
    file_seq,
    source_file,
    row_number,
    project_id,
    worker_key,
    mask_id(id_number) as id_number_masked,
    period,
    days_worked,
    is_current
from int_attendance
where is_registered_project
