-- Each project at the worst level of its periods (red, amber, green, then pending, then unmonitored),
-- counted by level.
with worst as (
    select project_id, min(list_position(['red', 'amber', 'green', 'pending', 'unmonitored'], level)) as rank
    from project_periods
    group by project_id
)

select ['red', 'amber', 'green', 'pending', 'unmonitored'][rank] as level, count(*) as projects
from worst
group by rank
order by rank
