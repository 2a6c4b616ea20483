-- code:        UNREGISTERED_WORKER
-- severity:    red
-- finding:     attendance on a project for an ID that is not on its roster in that period (a ghost
--              worker, or a real one working unregistered); 0-day rows are no work and never count
-- compares:    current int_attendance rows with days_worked > 0 against int_roster_months
-- thresholds:  grace_days (judged periods only)
-- legal basis: 保障农民工工资支付条例 (2020) art. 28; 建筑工人实名制管理办法 (2019): no one works on
--              the site without real-name registration
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
    {'days_worked': attendance.days_worked} as facts,
    [evidence_row('attendance', attendance.source_file, attendance.row_number, null)] as evidence,
    null as subject
from int_attendance as attendance
inner join int_projects as projects on attendance.project_id = projects.project_id
left join int_roster_months as roster
    on attendance.project_id = roster.project_id
    and attendance.id_number = roster.id_number
    and attendance.period = roster.period
left join int_workers as workers
    on attendance.project_id = workers.project_id and attendance.id_number = workers.id_number
where attendance.is_current
    and attendance.days_worked > 0
    and roster.period is null
    and is_judged(attendance.period, projects.pay_day, projects.monitored_from)
