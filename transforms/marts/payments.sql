-- payments: every usable bank row, with the project, period and worker it was attributed to and
-- whether it counts (successful, not superseded by a later report of the same transfer).
select
    payments.file_seq,
    payments.source_file,
    payments.row_number,
    payments.project_id,
    payments.period,
    payments.period_source,
    stints.worker_key,
    payments.match_method,
    last4(payments.payer_account) as payer_account_last4,
    payments.payee_name,
    last4(payments.payee_account) as payee_account_last4,
    mask_id(payments.payee_id_number) as payee_id_number_masked,
    payments.amount,
    payments.paid_date,
    payments.status,
    payments.is_success,
    mask_digits(payments.failure_reason) as failure_reason,
    mask_digits(payments.memo) as memo,
    payments.bank_ref,
    payments.is_superseded,
    payments.is_counted
from int_payments as payments
left join (
    select distinct project_id, id_number, worker_key from int_roster_stints where is_current
) as stints
    on payments.project_id = stints.project_id and payments.worker_id_number = stints.id_number
where payments.project_id is not null
