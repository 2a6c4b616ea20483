-- Every usable complaint row, matched to its project (docs/contract.md section 3.6):
--   current:  a newer row of a complaint_id replaces the older (upsert), among the rows received by
--             the as-of date: a complaint received later is not checked yet;
--   project:  the complaint's project_id when it names a registered project (a project_id naming none
--             makes the complaint's project unknown, as for a payment); without one, the registered
--             project whose project_name is the complaint's, when exactly one project bears it;
-- partitions: before; a project name names a project only when no project of any region bears it
--              too, and a complaint's newest row stands wherever its older rows said it was
with complaints as (
    select
        *,
        received_date <= getvariable('as_of')
            and row_number() over (
                partition by complaint_id, received_date <= getvariable('as_of')
                order by file_seq desc, row_number desc
            ) = 1 as is_current
    from stg_complaints
    anti join int_blocked_rows using (file_seq, row_number)
),

names as (
    -- a project name borne by exactly one registered project names it
    select project_name, any_value(project_id) as project_id
    from int_projects
    where project_name is not null
    group by project_name
    having count(*) = 1
),

matched as (
    select
        complaints.*,
        coalesce(complaints.project_id, complaints.project_name) as named_project,
        case
            when complaints.project_id is not null then by_id.project_id
            else names.project_id
        end as matched_project_id
    from complaints
    left join int_projects as by_id on complaints.project_id = by_id.project_id
    left join names on complaints.project_id is null and complaints.project_name = names.project_name
)

select
    matched.* exclude (project_id, project_name, matched_project_id),
    matched.matched_project_id as project_id,
    coalesce(projects.project_name, matched.project_name) as project_name
from matched
left join int_projects as projects on matched.matched_project_id = projects.project_id
