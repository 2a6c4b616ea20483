-- The red flags that owe workers the most, for the run summary.
select project_id, period, rule, coalesce(worker_name, '(project)') as who, shortfall_amount
from flags
where severity = 'red'
order by shortfall_amount desc nulls last, project_id, period, rule, who
limit ?
