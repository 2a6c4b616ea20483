-- The input rows behind each worker-month: its roster stint, its attendance row, and every bank row
-- attributed to it (failed, superseded and late ones too: they are evidence as well).
with roster as (
    select
        periods.project_id,
        periods.id_number,
        periods.period,
        evidence_row('roster', stints.source_file, stints.row_number, null) as evidence
    from int_worker_periods as periods
    inner join int_roster_stints as stints on periods.stint_id = stints.stint_id
),

attendance as (
    select
        project_id,
        id_number,
        period,
        evidence_row('attendance', source_file, row_number, null) as evidence
    from int_current_attendance
),

bank as (
    select
        project_id,
        worker_id_number as id_number,
        period,
        evidence_row('bank', source_file, row_number, bank_ref) as evidence
    from int_payments
    where worker_id_number is not null
),

all_rows as (
    select * from roster
    union all
    select * from attendance
    union all
    select * from bank
)

select
    project_id,
    id_number,
    period,
    list(evidence order by list_position(['roster', 'attendance', 'bank'], evidence.kind),
        evidence.source_file, evidence.row_number) as evidence
from all_rows
group by project_id, id_number, period
