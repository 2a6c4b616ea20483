-- code:        NO_PAYROLL
-- severity:    red
-- finding:     a project had workers expected to be paid in period P and made no successful payment
--              for P at all (a payroll that never ran: usually the wage account was not funded)
-- compares:    worker_periods expected to be paid, judged; int_payments counted for the project and P
-- thresholds:  grace_days
-- legal basis: 保障农民工工资支付条例 (2020) art. 31: the general contractor pays wages monthly through
--              the project's dedicated wage account; art. 12: at least monthly, in full
with expected as (
    select
        project_id,
        period,
        count(*) as workers_expected,
        sum(expected_amount) as expected_amount,
        any_value(due_date) as due_date
    from worker_periods
    where is_judged and is_expected_to_be_paid
    group by project_id, period
),

paid as (
    select distinct project_id, period
    from int_payments
    where is_counted and paid_date <= getvariable('as_of')
),

attempts as (
    -- the bank rows of the project for the period that did not count: refused batches, late ones
    select
        project_id,
        period,
        list(evidence_row('bank', source_file, row_number, bank_ref) order by source_file, row_number)
            as evidence
    from int_payments
    where project_id is not null
    group by project_id, period
)

select
    expected.project_id,
    expected.period,
    null as worker_key,
    null as worker_name,
    null as id_number_masked,
    null as team,
    expected.expected_amount,
    0::decimal(14, 2) as paid_amount,
    expected.expected_amount as shortfall_amount,
    {'workers_count': expected.workers_expected, 'due_date': expected.due_date} as facts,
    coalesce(attempts.evidence, []) as evidence,
    null as subject
from expected
left join attempts on expected.project_id = attempts.project_id and expected.period = attempts.period
anti join paid on expected.project_id = paid.project_id and expected.period = paid.period
