-- every flag with what an inspector reads beside it: the worker's trade, what the worker is still
-- owed on the project, how many days the wages are late, and when the flag was first raised.
-- Days late: for a month paid in full but late, from the due date to the last counted payment for it
-- (the day it was paid in full); for a month still missed or short, and for a payroll that never
-- ran, from the due date to the as-of date ($as_of), still counting. The finding is written in the
-- report's language (report_finding, made by wagewatch.warehouse.findings on this connection).
with last_paid as (
    select project_id, worker_key, period, max(paid_date) as last_paid_on
    from payments
    where is_counted and paid_date <= $as_of and worker_key is not null
    group by project_id, worker_key, period
),

trades as (
    select project_id, worker_key, arg_max(trade, entry_date) as trade
    from roster_stints
    where is_current
    group by project_id, worker_key
)

select
    flags.flag_id,
    flags.project_id,
    flags.period,
    flags.rule,
    flags.severity,
    flags.worker_key,
    flags.worker_name,
    flags.id_number_masked,
    flags.team,
    trades.trade,
    flags.expected_amount,
    flags.paid_amount,
    flags.shortfall_amount,
    report_finding(flags.rule, flags.period, flags.worker_name, flags.expected_amount, flags.paid_amount,
        flags.shortfall_amount, flags.facts) as finding,
    case when months.status = 'late' then last_paid.last_paid_on end as paid_in_full_on,
    case
        when flags.rule = 'LATE_PAYMENT' and months.status = 'late'
            then last_paid.last_paid_on - months.due_date
        when flags.rule in ('MISSED_PAYMENT', 'PARTIAL_PAYMENT') and months.status in ('missed', 'partial')
            then $as_of - months.due_date
        when flags.rule = 'NO_PAYROLL' then $as_of - project_months.due_date
    end as days_late,
    history.first_raised_on,
    coalesce(history.first_raised_on = $as_of, false) as is_new,
    arrears.owed_amount as worker_owed_amount
from flags
left join worker_periods as months
    on flags.project_id = months.project_id
    and flags.worker_key = months.worker_key
    and flags.period = months.period
left join project_periods as project_months
    on flags.project_id = project_months.project_id and flags.period = project_months.period
left join last_paid
    on flags.project_id = last_paid.project_id
    and flags.worker_key = last_paid.worker_key
    and flags.period = last_paid.period
left join trades on flags.project_id = trades.project_id and flags.worker_key = trades.worker_key
left join worker_arrears as arrears
    on flags.project_id = arrears.project_id and flags.worker_key = arrears.worker_key
left join flag_history as history on flags.flag_id = history.flag_id
order by flags.project_id, flags.period nulls last, flags.rule, flags.worker_name nulls first, flags.flag_id
