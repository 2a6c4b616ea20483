select level, count(*) as project_periods from project_periods group by level order by level
