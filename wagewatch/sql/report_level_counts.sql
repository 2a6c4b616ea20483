-- the inspector report's summary: how many project-periods stand at each level
select
    level,
    count(*) as project_periods
from project_periods
group by level
