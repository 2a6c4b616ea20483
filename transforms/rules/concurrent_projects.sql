-- code:        CONCURRENT_PROJECTS
-- severity:    red
-- finding:     one ID's days worked in P across projects add up to more than the days in P (borrowed
--              IDs, or attendance padded); every worker involved is flagged on every project involved
-- compares:    current int_attendance rows with days_worked > 0, summed by ID and period, with the
--              calendar days of the month
-- thresholds:  the days in the month (strictly above), grace_days (each project's own due date and
--              monitoring start)
-- legal basis: 建筑工人实名制管理办法 (2019): attendance is recorded truthfully, by real name
-- partitions:  across; it sums one ID's days over every project, in whatever region (a migrant worker
--              on two sites in two provinces), so on a cluster it runs once on every partition's rows
with attendance as (
    select attendance.*, projects.pay_day, projects.monitored_from
    from int_attendance as attendance
    inner join int_projects as projects on attendance.project_id = projects.project_id
    where attendance.is_current and attendance.days_worked > 0
),

-- the IDs and months over the days in the month, found first: the breakdown and the evidence are
-- gathered for those few only
overworked as (
    select id_number, period
    from attendance
    group by id_number, period
    having sum(days_worked) > day(period_end(period))
),

totals as (
    select
        attendance.id_number,
        attendance.period,
        sum(attendance.days_worked) as days_worked,
        count(distinct attendance.project_id) as projects,
        string_agg(attendance.project_id || ' ' || attendance.days_worked::varchar, ', '
            order by attendance.project_id) as breakdown,
        list(evidence_row('attendance', attendance.source_file, attendance.row_number, null)
            order by attendance.source_file, attendance.row_number) as evidence
    from attendance
    semi join overworked
        on attendance.id_number = overworked.id_number and attendance.period = overworked.period
    group by attendance.id_number, attendance.period
)

select
    attendance.project_id,
    attendance.period,
    attendance.worker_key,
    workers.worker_name,
    mask_id(attendance.id_number) as id_number_masked,
    workers.team,
    null as expected_amount,
    null as paid_amount,
    null as shortfall_amount,
    {
        'days_worked': totals.days_worked,
        'days_in_month': day(period_end(totals.period)),
        'projects_count': totals.projects,
        'days_by_project': totals.breakdown
    } as facts,
    totals.evidence,
    null as subject
from attendance
inner join totals on attendance.id_number = totals.id_number and attendance.period = totals.period
left join int_workers as workers
    on attendance.project_id = workers.project_id and attendance.id_number = workers.id_number
where is_judged(attendance.period, attendance.pay_day, attendance.monitored_from)
