-- The attendance that stands: the current row of each project, worker and month, of registered projects.
select *
from int_attendance
where is_current and is_registered_project
