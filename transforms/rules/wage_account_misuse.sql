-- code:        WAGE_ACCOUNT_MISUSE
-- severity:    amber
-- finding:     money left the wage account for something other than wages: a debit to a counterparty
--              account that is no card on the project's roster, and not a bank fee (a memo naming a
--              fee, 手续费 or the like) of at most bank_fee_max_amount, and not a payroll batch (one
--              lump debit, to the bank's clearing account, of exactly the total of the project's
--              counted bank transfers from the account that day, or of one bank file's that day);
--              one flag per debit, for the period before the month it was booked in (as for a payment
--              without a period)
-- compares:    int_account_movements: counted debits, their counterparty account with the cards of
--              the project's current roster, their amount with the day's payroll batches
--              (int_payroll_batches); judged periods
-- thresholds:  bank_fee_max_amount, grace_days
-- legal basis: 保障农民工工资支付条例 (2020) art. 26: the dedicated wage account is used only to pay
--              the project's workers' wages (专款专用)
with debits as (
    select
        movements.*,
        strftime(movements.booked_date - interval 1 month, '%Y-%m') as period,
        projects.pay_day,
        projects.monitored_from
    from int_account_movements as movements
    inner join int_projects as projects on movements.project_id = projects.project_id
    where movements.is_counted
        and movements.direction = 'debit'
        and not movements.is_roster_card
        and not movements.is_payroll_batch
        and not (is_bank_fee_memo(movements.memo)
            and movements.debit_amount <= getvariable('bank_fee_max_amount'))
)

select
    project_id,
    period,
    null as worker_key,
    null as worker_name,
    null as id_number_masked,
    null as team,
    null as expected_amount,
    debit_amount as paid_amount,
    null as shortfall_amount,
    {'booked_date': booked_date, 'counterparty_name': counterparty_name,
        'counterparty_last4': last4(counterparty_account), 'memo_masked': mask_digits(memo)} as facts,
    [evidence_row('account', source_file, row_number, bank_ref)] as evidence,
    source_file || ':' || row_number as subject
from debits
where is_judged(period, pay_day, monitored_from)
