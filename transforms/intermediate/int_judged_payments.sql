-- The payments every payment rule looks at: successful, counted once, made by the as-of date, for a
-- period of the project that is judged (a pending or unmonitored period gets no flag of any kind,
-- even when the payment itself is made in a judged month).
select
    payments.*,
    projects.wage_account,
    due_date(payments.period, projects.pay_day) as due_date
from int_payments as payments
inner join int_projects as projects on payments.project_id = projects.project_id
where payments.is_counted
    and payments.paid_date <= getvariable('as_of')
    and is_judged(payments.period, projects.pay_day, projects.monitored_from)
