-- Each registered project by its general contractor (by credit code, else by name; a project naming
-- neither belongs to no contractor) and the blacklist bounds of its region ([blacklist] bounds, the
-- longest region-code prefix; a region with no prefix there is not judged). A contractor's arrears are
-- added up over its projects under one bound (region_prefix): a province's amounts for its sites.
select
    projects.project_id,
    projects.start_date,
    coalesce(projects.contractor_credit_code, projects.contractor_name) as contractor_key,
    projects.contractor_credit_code,
    projects.contractor_name,
    arg_max(bounds.region_prefix, length(bounds.region_prefix)) as region_prefix,
    arg_max(bounds.owed_amount, length(bounds.region_prefix)) as bound_owed_amount,
    arg_max(bounds.workers_owed, length(bounds.region_prefix)) as bound_workers_owed
from int_projects as projects
inner join config_blacklist_bounds as bounds on starts_with(projects.region_code, bounds.region_prefix)
where coalesce(projects.contractor_credit_code, projects.contractor_name) is not null
group by all
