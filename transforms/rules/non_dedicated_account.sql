-- code:        NON_DEDICATED_ACCOUNT
-- severity:    amber
-- finding:     payments of the project that did not come from its dedicated wage account
-- compares:    int_judged_payments.payer_account with the project's wage_account; one flag per
--              project, period and paying account
-- thresholds:  grace_days (judged periods only)
-- legal basis: 保障农民工工资支付条例 (2020) art. 26: the general contractor opens a dedicated wage
--              account used only to pay the project's workers; art. 31: wages are paid through it
select
    project_id,
    period,
    null as worker_key,
    null as worker_name,
    null as id_number_masked,
    null as team,
    null as expected_amount,
    sum(amount) as paid_amount,
    null as shortfall_amount,
    {
        'payments_count': count(*),
        'payer_account_last4': last4(payer_account),
        'wage_account_last4': last4(wage_account)
    } as facts,
    list(evidence_row('bank', source_file, row_number, bank_ref) order by source_file, row_number)
        as evidence,
    'account ' || last4(payer_account) as subject
from int_judged_payments
where payer_account <> wage_account
group by project_id, period, payer_account, wage_account
