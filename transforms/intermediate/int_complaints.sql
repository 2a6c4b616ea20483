-- Every usable complaint row (int_complaint_rows: current or not, and its project), with the claimed
-- months in which the worker's ID is on the project's current roster (int_roster_months): the ID
-- decides, not the name, which complaints often spell otherwise (docs/contract.md section 3.6).
with claims as (
    select file_seq, row_number, project_id, id_number, unnest(periods) as period
    from int_complaint_rows
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
    complaints.*,
    worker_key(complaints.id_number) as worker_key,
    coalesce(on_roster.periods_on_roster, []) as periods_on_roster
from int_complaint_rows as complaints
left join on_roster on complaints.file_seq = on_roster.file_seq and complaints.row_number = on_roster.row_number
