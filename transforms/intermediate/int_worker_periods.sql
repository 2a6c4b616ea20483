-- One row per project x worker x period: on the roster, or paid for it. Here a worker-month gets its
-- due date, its days worked, its expected amount and what was paid for it (docs/contract.md section 2).
-- Money is worked in whole fen and rounded half-up, so no float ever touches an amount.
with projects as (
    select project_id, pay_day, monitored_from from int_projects
),

payments as (
    select project_id, worker_id_number as id_number, period, paid_date, amount
    from int_payments
    where is_counted and worker_id_number is not null and paid_date <= getvariable('as_of')
),

-- what was paid for each worker-month, by its due date and in all, summed once per worker-month
paid as (
    select
        payments.project_id,
        payments.id_number,
        payments.period,
        sum(payments.amount) filter (where payments.paid_date <= due_date(payments.period, projects.pay_day))
            as paid_by_due_amount,
        sum(payments.amount) as paid_amount,
        count(payments.amount) as payments_count
    from payments
    inner join projects on payments.project_id = projects.project_id
    group by payments.project_id, payments.id_number, payments.period
),

spine as (
    select project_id, id_number, period from int_roster_months
    union
    select project_id, id_number, period from payments
    where period <= strftime(getvariable('as_of'), '%Y-%m')
),

attendance as (
    select project_id, id_number, period, days_worked
    from int_current_attendance
),

attendance_months as (
    select distinct project_id, period from attendance
),

judged as (
    select
        spine.project_id,
        spine.id_number,
        spine.period,
        -- off the roster that month (paid all the same): the worker's latest stint on the project
        coalesce(roster.stint_id, workers.stint_id) as stint_id,
        roster.period is not null as is_on_roster,
        roster.wage_type,
        roster.wage_rate_amount,
        coalesce(roster.days_on_roster, 0) as days_on_roster,
        attendance_months.period is not null as has_attendance,
        case when attendance_months.period is not null then coalesce(attendance.days_worked, 0) end
            as days_worked,
        due_date(spine.period, projects.pay_day) as due_date,
        period_state(spine.period, projects.pay_day, projects.monitored_from) as period_state
    from spine
    inner join projects on spine.project_id = projects.project_id
    left join int_roster_months as roster
        on spine.project_id = roster.project_id
        and spine.id_number = roster.id_number
        and spine.period = roster.period
    left join int_workers as workers
        on spine.project_id = workers.project_id and spine.id_number = workers.id_number
    left join attendance_months
        on spine.project_id = attendance_months.project_id and spine.period = attendance_months.period
    left join attendance
        on spine.project_id = attendance.project_id
        and spine.id_number = attendance.id_number
        and spine.period = attendance.period
),

expected as (
    select
        *,
        case
            when not is_on_roster then 0
            -- monthly wage with attendance: rate x min(days, 21.75) / 21.75
            when wage_type = 'monthly' and has_attendance then div_half_up(
                fen(wage_rate_amount) * fen(least(days_worked, getvariable('paid_days_per_month'))),
                fen(getvariable('paid_days_per_month')))
            -- daily wage with attendance: rate x days
            when wage_type = 'daily' and has_attendance then
                div_half_up(fen(wage_rate_amount) * fen(days_worked), 100)
            -- monthly wage, no attendance for the project this month: calendar days on the roster
            when wage_type = 'monthly' then
                div_half_up(fen(wage_rate_amount) * days_on_roster, day(period_end(period)))
            -- daily wage, no attendance: unknown; only "paid nothing at all" can be judged
        end as expected_fen
    from judged
)

select
    expected.* exclude (expected_fen),
    yuan(expected_fen) as expected_amount,
    cast(coalesce(paid.paid_by_due_amount, 0) as decimal(14, 2)) as paid_by_due_amount,
    cast(coalesce(paid.paid_amount, 0) as decimal(14, 2)) as paid_amount,
    coalesce(paid.payments_count, 0) as payments_count
from expected
left join paid
    on expected.project_id = paid.project_id
    and expected.id_number = paid.id_number
    and expected.period = paid.period
