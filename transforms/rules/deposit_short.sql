-- code:        DEPOSIT_SHORT
-- severity:    amber
-- finding:     a wage guarantee deposit is in force, but the deposits in force (the project's own and
--              its contractor's) are below deposit_rate x the contract amount (a project flag, no period)
-- compares:    int_project_deposits: in_force_amount with required_amount (deposit_rate of the
--              region's longest prefix x contract_amount, rounded half up to the fen), strictly below,
--              once the as-of date is past start_date + deposit_due_days; without a contract_amount
--              the required amount is unknown and nothing is short
-- thresholds:  [deposits] deposit_rate, deposit_due_days, deposit_exempt_below
-- legal basis: 保障农民工工资支付条例 (2020) art. 32; 工程建设领域农民工工资保证金规定
--              (人社部发〔2021〕65号): a share of the contract amount set by the region, 1 % to 3 %
select
    project_id,
    null as period,
    null as worker_key,
    null as worker_name,
    null as id_number_masked,
    null as team,
    required_amount as expected_amount,
    in_force_amount as paid_amount,
    required_amount - in_force_amount as shortfall_amount,
    {
        'start_date': start_date,
        'due_date': deposit_due_date,
        'contract_amount': contract_amount,
        'deposit_percent': deposit_rate * 100,
        'region_code': region_code,
        'deposits_count': deposits_count
    } as facts,
    list_concat([evidence_row('project', source_file, row_number, null)], evidence) as evidence,
    null as subject
from int_project_deposits
where deposit_status = 'short'
