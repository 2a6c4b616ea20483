-- Each registered project's partition: the first $digits digits of its region code, in the register
-- in force (int_projects), so every row of a project goes where the project goes.
create or replace temp table partition_map as
select project_id, left(region_code, $digits) as partition_key
from int_projects
