-- code:        COMPLAINT_UNREGISTERED_WORKER
-- severity:    red
-- finding:     a worker complained of unpaid wages on a registered project whose current roster does
--              not have the worker's ID in any month claimed: if the complaint is true, the worker
--              worked unregistered; one flag per complaint, no period (like a roster flag)
-- compares:    current int_complaints of a matched project with their claimed months on the roster
--              (int_roster_months), by ID
-- thresholds:  none
-- legal basis: 保障农民工工资支付条例 (2020) art. 28: the general contractor registers every worker by
--              real name; 建筑工人实名制管理办法 (2019): no one works on the site unregistered
select
    project_id,
    null as period,
    worker_key,
    worker_name,
    mask_id(id_number) as id_number_masked,
    null as team,
    null as expected_amount,
    null as paid_amount,
    null as shortfall_amount,
    {'complaint_id': complaint_id, 'received_date': received_date, 'claimed_periods': periods} as facts,
    [evidence_row('complaint', source_file, row_number, null)] as evidence,
    complaint_id as subject
from int_complaints
where is_current and project_id is not null and len(periods_on_roster) = 0
