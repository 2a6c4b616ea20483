-- code:        LABOR_COST_NOT_FUNDED
-- severity:    red
-- finding:     workers were expected to be paid for period P, and no labour-cost funding reached the
--              project's wage account in P's funding window (from the first of P+1 to P's due date);
--              a refund from a card on the project's roster is not funding
-- compares:    int_funding_periods: judged project-periods with workers expected, whose window the
--              wage account's statements cover, with the credits booked in the window
-- thresholds:  funding_days_before_pay_day (the window ends this many days before the due date),
--              grace_days
-- legal basis: 保障农民工工资支付条例 (2020) art. 24: the construction unit funds labour costs
--              (人工费用) into the wage account on time and in full; art. 29: at least monthly, as the
--              contract agrees
select
    project_id,
    period,
    null as worker_key,
    null as worker_name,
    null as id_number_masked,
    null as team,
    expected_amount,
    null as paid_amount,
    null as shortfall_amount,
    {'workers_count': workers_expected, 'window_start_date': window_start_date,
        'window_end_date': window_end_date} as facts,
    evidence,
    null as subject
from int_funding_periods
where not is_funded
