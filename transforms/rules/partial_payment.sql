-- code:        PARTIAL_PAYMENT
-- severity:    red
-- finding:     a worker was paid something for period P, but less than expected beyond the tolerance
-- compares:    worker_periods.shortfall_amount (expected - paid) with expected_amount x tolerance
-- thresholds:  partial_tolerance (a shortfall strictly below it is forgiven), grace_days
-- legal basis: 保障农民工工资支付条例 (2020) art. 12: wages paid in full (足额) on the agreed pay day
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
    {'due_date': due_date} as facts,
    null as subject
from worker_periods
where status = 'partial'
