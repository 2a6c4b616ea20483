-- Each project at the worst level of its periods (red, amber, green, then pending, then unmonitored),
-- counted by level.
with worst as (
    select project_id, min(list_position(getvariable('level_order'), level)) as rank
    from project_periods
    group by project_id
)

select getvariable('level_order')[rank] as level, count(*) as projects
from worst
group by rank
order by rank
