-- code:        EXCESSIVE_PAYMENT
-- severity:    amber
-- finding:     one worker received more than excessive_monthly_amount for one period, or more than
--              excessive_yearly_amount for the months of one year (wages of others pooled on one
--              worker, or money routed through the payroll)
-- compares:    worker_periods.paid_amount, judged periods; the yearly form sums a worker's judged
--              months of a calendar year on the project and carries the month the sum first passed
--              the bound
-- thresholds:  excessive_monthly_amount (default 50,000), excessive_yearly_amount (default 300,000;
--              both strictly above), grace_days
-- legal basis: monitoring practice: the wage account pays wages only (保障农民工工资支付条例 (2020)
--              art. 26); an amount far above any wage is a sign of misuse
with judged as (
    select
        *,
        left(period, 4) as year,
        sum(paid_amount) over (
            partition by project_id, worker_key, left(period, 4) order by period
        ) as paid_to_date_amount
    from worker_periods
    where is_judged
),

years as (
    select
        project_id,
        worker_key,
        year,
        sum(paid_amount) as paid_amount,
        -- the month the year's payments first went above the bound: the flag's period, fixed once passed
        min(period) filter (where paid_to_date_amount > getvariable('excessive_yearly_amount')) as period,
        flatten(list(evidence order by period)) as evidence
    from judged
    group by project_id, worker_key, year
    having max(paid_to_date_amount) > getvariable('excessive_yearly_amount')
)

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
from judged
where paid_amount > getvariable('excessive_monthly_amount')

union all

select
    years.project_id,
    years.period,
    years.worker_key,
    month.worker_name,
    month.id_number_masked,
    month.team,
    null as expected_amount,
    years.paid_amount,
    null as shortfall_amount,
    {'limit_amount': getvariable('excessive_yearly_amount'), 'paid_year': years.year, 'form': 'yearly'} as facts,
    years.evidence,
    years.year as subject
from years
inner join judged as month
    on years.project_id = month.project_id
    and years.worker_key = month.worker_key
    and years.period = month.period
