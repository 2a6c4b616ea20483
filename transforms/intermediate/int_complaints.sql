-- Every usable complaint row, matched to the data (docs/contract.md section 3.6):
--   current:  a newer row of a complaint_id replaces the older (upsert), among the rows received by
--             the as-of date: a complaint received later is not checked yet;
--   project:  the complaint's project_id when it names a registered project (a project_id naming none
--             makes the complaint's project unknown, as for a payment); without one, the registered
--             project whose project_name is the complaint's, when exactly one project bears it;
--   roster:   the claimed months in which the worker's ID is on the project's current roster
--             (int_roster_months): the ID decides, not the name, which complaints often spell otherwise.
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
),

claims as (
    select file_seq, row_number, matched_project_id as project_id, id_number, unnest(periods) as period
    from matched
),

on_roster as (
    select claims.file_seq, claims.row_number, list_sort(list(claims.period)) as periods_on_roster
    from claims
    inner join int_roster_months as roster
        on claims.project_id = roster.project_id
        and claims.id_number = roster.id_number
        and claims.period = roster.period
    group by claims.file_seq, claims.row_number
)

select
    matched.* exclude (project_id, project_name, matched_project_id),
    matched.matched_project_id as project_id,
    coalesce(projects.project_name, matched.project_name) as project_name,
    worker_key(matched.id_number) as worker_key,
    coalesce(on_roster.periods_on_roster, []) as periods_on_roster
from matched
left join int_projects as projects on matched.matched_project_id = projects.project_id
left join on_roster on matched.file_seq = on_roster.file_seq and matched.row_number = on_roster.row_number
