-- repeat_offenders: projects red in two or more judged months, with the months and the rules that
-- made them red: the cases an inspector takes up first.
select
    periods.project_id,
    projects.project_name,
    projects.contractor_name,
    count(distinct periods.period) as red_months,
    min(periods.period) as first_red_period,
    max(periods.period) as last_red_period,
    string_agg(distinct flags.rule, ', ' order by flags.rule) as red_rules
from project_periods as periods
inner join projects on periods.project_id = projects.project_id
inner join flags
    on periods.project_id = flags.project_id and periods.period = flags.period and flags.severity = 'red'
where periods.level = 'red'
group by periods.project_id, projects.project_name, projects.contractor_name
having count(distinct periods.period) >= 2
