-- Each judged project-period with workers expected to be paid whose funding window the project's
-- wage account statements cover, and whether labour costs were funded in it (docs/contract.md
-- section 3.3, LABOR_COST_NOT_FUNDED). P's funding window runs from the first of P+1 to P's due date
-- less funding_days_before_pay_day, never before the first of P+1. A credit funds P when it reaches
-- the account in the window and does not come from a card on the project's roster (a worker's
-- refund, a bounced transfer coming back, is not funding). A period whose window the statements do
-- not cover (they begin after its first day or end before its last) is not judged for funding.
with expected as (
    select
        project_id,
        period,
        any_value(due_date) as due_date,
        count(*) as workers_expected,
        sum(expected_amount) as expected_amount
    from worker_periods
    where is_judged and is_expected_to_be_paid
    group by project_id, period
),

windows as (
    select
        *,
        cast(period_start(period) + interval 1 month as date) as window_start_date,
        greatest(due_date - getvariable('funding_days_before_pay_day'),
            cast(period_start(period) + interval 1 month as date)) as window_end_date
    from expected
),

spans as (
    select project_id, min(balance_date) as first_date, max(balance_date) as last_date
    from account_balances
    group by project_id
),

covered as (
    select windows.*
    from windows
    inner join spans
        on windows.project_id = spans.project_id
        and spans.first_date <= windows.window_start_date
        and spans.last_date >= windows.window_end_date
),

in_window as (
    -- every counted movement booked in a covered window, funding or not
    select
        covered.project_id,
        covered.period,
        movements.direction = 'credit' and not movements.is_roster_card as is_funding,
        movements.credit_amount,
        evidence_row('account', movements.source_file, movements.row_number, movements.bank_ref) as evidence,
        movements.position
    from covered
    inner join int_account_movements as movements
        on covered.project_id = movements.project_id
        and movements.is_counted
        and movements.booked_date between covered.window_start_date and covered.window_end_date
),

closing as (
    -- the statement row that gives the balance at the window's end: it shows the statement reaches it
    select covered.project_id, covered.period,
        evidence_row('account', balances.source_file, balances.row_number, balances.bank_ref) as evidence
    from covered
    inner join account_balances as balances
        on covered.project_id = balances.project_id and balances.balance_date = covered.window_end_date
),

found as (
    select
        project_id,
        period,
        coalesce(sum(credit_amount) filter (where is_funding), 0) as funded_amount,
        list(evidence order by position) as evidence
    from in_window
    group by project_id, period
)

select
    covered.*,
    coalesce(found.funded_amount, 0)::decimal(14, 2) as funded_amount,
    coalesce(found.funded_amount, 0) > 0 as is_funded,
    -- the window's movements, else the row that shows the statement covers it
    case when len(found.evidence) > 0 then found.evidence else [closing.evidence] end as evidence
from covered
left join found on covered.project_id = found.project_id and covered.period = found.period
left join closing on covered.project_id = closing.project_id and covered.period = closing.period
