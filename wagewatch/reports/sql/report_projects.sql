-- report_projects: every project of the register, worst first, for the index page and the workbook.
-- level is the worst level of its periods (docs/contract.md section 3: red, amber, green, then pending, then
-- unmonitored); owed_amount is what its workers are still owed as of the run (the ledger).
-- Flags first raised on the run's as-of date ($as_of) are new; flags resolved on it are resolved.
-- statements_first_date and statements_last_date: the days its wage account statements show (NULL:
-- no statements received, so the statement rules did not judge it). A project with a corroborated
-- complaint goes to the top (docs/contract.md section 7): a worker's complaint borne out by the data.
-- deposit_status and the deposit's figures come from project_deposits; oldest_due_date, days_overdue
-- and stage (the arrears' age) from project_arrears.
with levels as (
    select
        project_id,
        min(list_position(getvariable('level_order'), level)) as level_rank,
        count(*) filter (where level = 'red') as red_periods
    from project_periods
    group by project_id
),

flag_counts as (
    select
        project_id,
        count(*) as open_flags,
        count(*) filter (where severity = 'red') as red_flags,
        count(*) filter (where severity = 'amber') as amber_flags,
        count(distinct worker_key) as workers_flagged
    from flags
    group by project_id
),

history as (
    select
        project_id,
        count(*) filter (where first_raised_on = $as_of and resolved_on is null) as new_flags,
        count(*) filter (where resolved_on = $as_of) as resolved_flags
    from flag_history
    group by project_id
),

complaint_counts as (
    select
        project_id,
        count(*) filter (where is_open) as open_complaints,
        count(*) filter (where verdict = 'corroborated') as corroborated_complaints
    from complaints
    where is_current and project_id is not null
    group by project_id
),

statements as (
    select project_id, min(balance_date) as statements_first_date, max(balance_date) as statements_last_date
    from account_balances
    group by project_id
)

select
    projects.project_id,
    projects.project_name,
    projects.contractor_name,
    projects.region_code,
    projects.region_name,
    projects.sector,
    projects.pay_day,
    projects.wage_account_last4,
    coalesce(getvariable('level_order')[levels.level_rank], 'pending') as level,
    coalesce(levels.red_periods, 0) as red_periods,
    coalesce(flag_counts.open_flags, 0) as open_flags,
    coalesce(flag_counts.red_flags, 0) as red_flags,
    coalesce(flag_counts.amber_flags, 0) as amber_flags,
    coalesce(flag_counts.workers_flagged, 0) as workers_flagged,
    coalesce(history.new_flags, 0) as new_flags,
    coalesce(history.resolved_flags, 0) as resolved_flags,
    coalesce(arrears.owed_amount, 0)::decimal(14, 2) as owed_amount,
    coalesce(arrears.paid_ahead_amount, 0)::decimal(14, 2) as paid_ahead_amount,
    coalesce(arrears.workers_owed, 0) as workers_owed,
    statements.statements_first_date,
    statements.statements_last_date,
    coalesce(complaint_counts.open_complaints, 0) as open_complaints,
    coalesce(complaint_counts.corroborated_complaints, 0) as corroborated_complaints,
    projects.contract_amount,
    deposits.deposit_rate,
    deposits.required_amount,
    deposits.in_force_amount,
    deposits.deposit_due_date,
    deposits.deposit_status,
    arrears.oldest_due_date,
    arrears.days_overdue,
    arrears.stage
from projects
left join levels on projects.project_id = levels.project_id
left join flag_counts on projects.project_id = flag_counts.project_id
left join history on projects.project_id = history.project_id
left join project_arrears as arrears on projects.project_id = arrears.project_id
left join statements on projects.project_id = statements.project_id
left join complaint_counts on projects.project_id = complaint_counts.project_id
left join project_deposits as deposits on projects.project_id = deposits.project_id
order by
    coalesce(complaint_counts.corroborated_complaints, 0) > 0 desc,
    coalesce(levels.level_rank, 6),
    red_flags desc,
    owed_amount desc,
    projects.project_id
