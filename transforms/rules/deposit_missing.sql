-- code:        DEPOSIT_MISSING
-- severity:    amber
-- finding:     a project in progress has no wage guarantee deposit in force, for itself or its
--              general contractor, deposit_due_days after its start date (a project flag, no period)
-- compares:    int_project_deposits: the deposits in force on the as-of date (the project's own, and
--              its contractor's by contractor_credit_code) with none, once the as-of date is past
--              start_date + deposit_due_days; contract amounts below deposit_exempt_below are exempt,
--              and a region with no deposit_rate is not judged
-- thresholds:  [deposits] deposit_due_days, deposit_exempt_below, deposit_rate (the regions judged)
-- legal basis: 保障农民工工资支付条例 (2020) art. 32: the general contractor deposits a wage guarantee;
--              工程建设领域农民工工资保证金规定 (人社部发〔2021〕65号)
select
    project_id,
    null as period,
    null as worker_key,
    null as worker_name,
    null as id_number_masked,
    null as team,
    required_amount as expected_amount,
    0 as paid_amount,
    required_amount as shortfall_amount,
    {
        'start_date': start_date,
        'due_date': deposit_due_date,
        'contract_amount': contract_amount,
        'deposit_percent': deposit_rate * 100,
        'region_code': region_code
    } as facts,
    [evidence_row('project', source_file, row_number, null)] as evidence,
    null as subject
from int_project_deposits
where deposit_status = 'missing'
