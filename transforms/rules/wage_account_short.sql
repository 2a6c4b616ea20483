-- code:        WAGE_ACCOUNT_SHORT
-- severity:    amber
-- finding:     at the end of the day before P's due date, the wage account's balance was below the
--              wages still to be paid for P: each worker's expected amount less what was paid to them
--              for P before the due date, not below zero, summed
-- compares:    account_balances on the day before the due date with worker_periods' known expected
--              amounts and int_payments counted before the due date; judged periods whose day the
--              statements cover
-- thresholds:  grace_days
-- legal basis: 保障农民工工资支付条例 (2020) art. 24, 29: labour costs funded into the wage account in
--              time for the wages; art. 31: wages are paid through that account
with paid_before_due as (
    select
        payments.project_id,
        payments.worker_id_number as id_number,
        payments.period,
        sum(payments.amount) as amount
    from int_payments as payments
    inner join int_projects as projects on payments.project_id = projects.project_id
    where payments.is_counted and payments.paid_date < due_date(payments.period, projects.pay_day)
    group by all
),

to_pay as (
    select
        periods.project_id,
        periods.period,
        any_value(periods.due_date) as due_date,
        sum(greatest(periods.expected_amount - coalesce(paid.amount, 0), 0)) as remaining_amount
    from int_worker_periods as periods
    left join paid_before_due as paid
        on periods.project_id = paid.project_id
        and periods.id_number = paid.id_number
        and periods.period = paid.period
    where periods.period_state = 'judged' and periods.is_on_roster and periods.expected_amount > 0
    group by periods.project_id, periods.period
)

select
    to_pay.project_id,
    to_pay.period,
    null as worker_key,
    null as worker_name,
    null as id_number_masked,
    null as team,
    to_pay.remaining_amount as expected_amount,
    null as paid_amount,
    to_pay.remaining_amount - balances.account_balance_amount as shortfall_amount,
    {'balance_date': balances.balance_date, 'balance_amount': balances.account_balance_amount,
        'to_pay_amount': to_pay.remaining_amount} as facts,
    [evidence_row('account', balances.source_file, balances.row_number, balances.bank_ref)] as evidence,
    null as subject
from to_pay
inner join account_balances as balances
    on to_pay.project_id = balances.project_id and balances.balance_date = to_pay.due_date - 1
where to_pay.remaining_amount > 0 and balances.account_balance_amount < to_pay.remaining_amount
