-- code:        NO_LABOR_CONTRACT
-- severity:    amber
-- finding:     a roster stint without a signed labour contract (an explicit no: 否, no, N, 0; a blank
--              is not a no); a roster flag, no period
-- compares:    current roster stints' has_labor_contract
-- thresholds:  none
-- legal basis: 保障农民工工资支付条例 (2020) art. 28; 劳动合同法 art. 10: a written labour contract
select
    project_id,
    null as period,
    worker_key,
    worker_name,
    mask_id(id_number) as id_number_masked,
    team,
    null as expected_amount,
    null as paid_amount,
    null as shortfall_amount,
    {'entry_date': entry_date} as facts,
    [evidence_row('roster', source_file, row_number, null)] as evidence,
    stint_id as subject
from int_current_stints
where has_labor_contract = false
