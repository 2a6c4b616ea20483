-- code:        LATE_PAYMENT
-- severity:    amber
-- finding:     a worker was paid in full for period P by the as-of date, but not in full by the due date
-- compares:    worker_periods.paid_by_due_amount and paid_amount with expected_amount
-- thresholds:  partial_tolerance ("in full" is within it), grace_days
-- legal basis: 保障农民工工资支付条例 (2020) art. 12: wages paid in full on the agreed pay day
select
    project_id,
    period,
    worker_key,
    worker_name,
    id_number_masked,
    team,
    expected_amount,
    paid_amount,
    shortfall_amount,
    evidence,
    {'due_date': due_date, 'paid_by_due_amount': paid_by_due_amount} as facts,
    null as subject
from worker_periods
where status = 'late'
