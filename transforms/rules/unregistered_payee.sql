-- code:        UNREGISTERED_PAYEE
-- severity:    amber
-- finding:     a successful payment from the project that belongs to no worker on its roster
--              (a payee ID on no roster of the project, or no ID and no unique account or name)
-- compares:    int_judged_payments with no worker attributed; one flag per payment
-- thresholds:  grace_days (judged periods only)
-- legal basis: 保障农民工工资支付条例 (2020) art. 28: only workers with a labour contract and a
--              real-name registration may work on the site, so only they are paid from its payroll
select
    project_id,
    period,
    case when payee_id_number is not null then worker_key(payee_id_number) end as worker_key,
    payee_name as worker_name,
    mask_id(payee_id_number) as id_number_masked,
    null as team,
    null as expected_amount,
    amount as paid_amount,
    null as shortfall_amount,
    {'paid_date': paid_date, 'card_last4': last4(payee_account)} as facts,
    [evidence_row('bank', source_file, row_number, bank_ref)] as evidence,
    source_file || ':' || row_number as subject
from int_judged_payments
where worker_id_number is null
