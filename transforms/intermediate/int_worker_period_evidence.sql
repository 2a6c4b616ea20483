-- The input rows behind each worker-month: its roster stint, its attendance row, and every bank row
-- attributed to it (failed, superseded and late ones too: they are evidence as well), in that order,
-- the bank rows by file and line.
-- A worker-month has at most one stint (int_worker_periods.stint_id) and one current attendance row
-- (int_current_attendance is one row per project, worker and month), so only the bank rows are
-- gathered into a list: sorting the whole evidence of every worker-month is what made this slow.
with bank as (
    select
        project_id,
        worker_id_number as id_number,
        period,
        -- one kind: sorted as structs, by source_file, then row_number
        list_sort(list(evidence_row('bank', source_file, row_number, bank_ref))) as evidence
    from int_payments
    where worker_id_number is not null
    group by project_id, worker_id_number, period
),

gathered as (
    select
        periods.project_id,
        periods.id_number,
        periods.period,
        list_concat(
            case when stints.stint_id is not null
                then [evidence_row('roster', stints.source_file, stints.row_number, null)] end,
            case when attendance.project_id is not null
                then [evidence_row('attendance', attendance.source_file, attendance.row_number, null)] end,
            bank.evidence
        ) as evidence
    from int_worker_periods as periods
    left join int_roster_stints as stints on periods.stint_id = stints.stint_id
    left join int_current_attendance as attendance
        on periods.project_id = attendance.project_id
        and periods.id_number = attendance.id_number
        and periods.period = attendance.period
    left join bank
        on periods.project_id = bank.project_id
        and periods.id_number = bank.id_number
        and periods.period = bank.period
)

select
    project_id,
    id_number,
    period,
    -- no input row at all: no evidence, as for a worker-month nothing was read for
    nullif(evidence, []) as evidence
from gathered
