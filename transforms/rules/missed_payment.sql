-- code:        MISSED_PAYMENT
-- severity:    red
-- finding:     a worker expected to be paid in period P was paid nothing by the as-of date
-- compares:    worker_periods.expected_amount (above zero, or unknown) with paid_amount, judged periods
-- thresholds:  grace_days (a period is judged after its due date plus grace_days)
-- legal basis: 保障农民工工资支付条例 (2020) art. 12: wages paid in full on the agreed pay day, at
--              least monthly; art. 11: paid to the worker in person, by bank transfer or cash
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
where status = 'missed'
