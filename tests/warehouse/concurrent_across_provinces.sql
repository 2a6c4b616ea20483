-- IDs and months that CONCURRENT_PROJECTS flags on projects of two or more provinces
select worker_key, period
from flags
inner join projects using (project_id)
where rule = 'CONCURRENT_PROJECTS'
group by worker_key, period
having count(distinct left(region_code, 2)) > 1
