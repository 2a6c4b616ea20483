-- code:        SHARED_ACCOUNT
-- severity:    red
-- finding:     one bank account is registered for two or more workers of the project (a roster
--              flag, no period), or received in P the wages of two or more of its workers, its own
--              holder included (a period flag): cards held by a labour boss. Every worker involved
--              is flagged.
-- compares:    current roster stints grouped by bank_account; int_judged_payments matched to workers,
--              grouped by period and payee_account
-- thresholds:  grace_days (period flags: judged periods only)
-- legal basis: 保障农民工工资支付条例 (2020) art. 11 and art. 31: wages paid into the worker's own
--              bank account; 建筑工人实名制管理办法 (2019): the wage card registered is the worker's own
with registered_accounts as (
    -- the accounts shared, found first: their evidence is gathered for those few only
    select project_id, bank_account
    from int_current_stints
    group by project_id, bank_account
    having count(distinct id_number) >= 2
),

registered_shared as (
    select
        stints.project_id,
        stints.bank_account,
        count(distinct stints.id_number) as workers,
        list(evidence_row('roster', stints.source_file, stints.row_number, null)
            order by stints.source_file, stints.row_number) as evidence
    from int_current_stints as stints
    semi join registered_accounts as shared
        on stints.project_id = shared.project_id and stints.bank_account = shared.bank_account
    group by stints.project_id, stints.bank_account
),

roster_flags as (
    select
        shared.project_id,
        null as period,
        workers.worker_key,
        workers.worker_name,
        workers.id_number,
        workers.team,
        null::decimal(14, 2) as paid_amount,
        {'card_last4': last4(shared.bank_account), 'workers_count': shared.workers} as facts,
        shared.evidence,
        'card ' || last4(shared.bank_account) as subject
    from registered_shared as shared
    inner join int_workers as workers
        on shared.project_id = workers.project_id and list_contains(workers.bank_accounts, shared.bank_account)
),

paid_accounts as (
    select project_id, period, payee_account
    from int_judged_payments
    where worker_id_number is not null
    group by project_id, period, payee_account
    having count(distinct worker_id_number) >= 2
),

paid_shared as (
    select
        payments.project_id,
        payments.period,
        payments.payee_account,
        count(distinct payments.worker_id_number) as workers,
        list(evidence_row('bank', payments.source_file, payments.row_number, payments.bank_ref)
            order by payments.source_file, payments.row_number) as evidence
    from int_judged_payments as payments
    semi join paid_accounts as shared
        on payments.project_id = shared.project_id
        and payments.period = shared.period
        and payments.payee_account = shared.payee_account
    where payments.worker_id_number is not null
    group by payments.project_id, payments.period, payments.payee_account
),

period_flags as (
    select
        shared.project_id,
        shared.period,
        workers.worker_key,
        workers.worker_name,
        workers.id_number,
        workers.team,
        sum(payments.amount) as paid_amount,
        {'card_last4': last4(shared.payee_account), 'workers_count': shared.workers} as facts,
        shared.evidence,
        'card ' || last4(shared.payee_account) as subject
    from paid_shared as shared
    inner join int_judged_payments as payments
        on shared.project_id = payments.project_id
        and shared.period = payments.period
        and shared.payee_account = payments.payee_account
    inner join int_workers as workers
        on payments.project_id = workers.project_id and payments.worker_id_number = workers.id_number
    group by all
),

found as (
    select * from roster_flags
    union all
    select * from period_flags
)

select
    project_id,
    period,
    worker_key,
    worker_name,
    mask_id(id_number) as id_number_masked,
    team,
    null as expected_amount,
    paid_amount,
    null as shortfall_amount,
    facts,
    evidence,
    subject
from found
