-- The roster in force: the current stints (of the last roster file naming their project) of
-- registered projects. What every model of who is on a project reads.
select *
from int_roster_stints
where is_current and is_registered_project
