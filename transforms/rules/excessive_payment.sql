-- code:        EXCESSIVE_PAYMENT
-- severity:    amber
-- finding:     one worker received more than excessive_monthly_amount for one period (wages of
--              others pooled on one worker, or money routed through the payroll)
-- compares:    worker_periods.paid_amount, judged periods
-- thresholds:  excessive_monthly_amount (default 50,000; strictly above), grace_days
-- legal basis: monitoring practice: the wage account pays wages only (保障农民工工资支付条例 (2020)
--              art. 26); an amount far above any wage is a sign of misuse
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
    {'limit_amount': getvariable('excessive_monthly_amount')} as facts,
    evidence,
    null as subject
from worker_periods
where is_judged and paid_amount > getvariable('excessive_monthly_amount')
