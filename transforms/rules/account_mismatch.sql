-- code:        ACCOUNT_MISMATCH
-- severity:    amber
-- finding:     a payment that belongs to the worker landed in an account other than the worker's
--              registered card (often a team leader's or a labour boss's card)
-- compares:    int_judged_payments.payee_account with the cards the worker registered on the
--              project's roster; one flag per worker and period, summing the payments concerned
-- thresholds:  grace_days (judged periods only)
-- legal basis: 保障农民工工资支付条例 (2020) art. 11: wages paid to the worker in person; art. 31:
--              paid through the wage account straight into the worker's own bank account
select
    payments.project_id,
    payments.period,
    workers.worker_key,
    workers.worker_name,
    mask_id(workers.id_number) as id_number_masked,
    workers.team,
    null as expected_amount,
    sum(payments.amount) as paid_amount,
    null as shortfall_amount,
    {
        'paid_into_last4': list_sort(list(distinct last4(payments.payee_account))),
        'registered_last4': list_transform(workers.bank_accounts, lambda account: last4(account))
    } as facts,
    list(evidence_row('bank', payments.source_file, payments.row_number, payments.bank_ref)
        order by payments.source_file, payments.row_number) as evidence,
    null as subject
from int_judged_payments as payments
inner join int_workers as workers
    on payments.project_id = workers.project_id and payments.worker_id_number = workers.id_number
where not list_contains(workers.bank_accounts, payments.payee_account)
group by payments.project_id, payments.period, workers.worker_key, workers.worker_name, workers.id_number,
    workers.team, workers.bank_accounts
