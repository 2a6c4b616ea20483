-- Each registered project's wage deposit as of the run (docs/contract.md section 3.3): the rate of its
-- region (the longest prefix of [deposits] deposit_rate), what its contract requires, what is in force
-- for it (its own deposits and its contractor's, each counted in full), and its one deposit_status:
--   not_judged       its region has no deposit rate
--   not_in_progress  no start date, started after the as-of date, or completed (end_date) by then
--   exempt           contract_amount below [deposits] deposit_exempt_below
--   in_force         deposits in force reach the required amount (any deposit, when it is unknown)
--   not_due          not yet deposit_due_days past its start date
--   missing          past that, and no deposit in force: DEPOSIT_MISSING
--   short            past that, and the deposits in force are below the required amount: DEPOSIT_SHORT
-- partitions: before; a contractor's deposit (no project_id) counts for its projects in every region
with rates as (
    select
        projects.project_id,
        arg_max(rates.deposit_rate, length(rates.region_prefix)) as deposit_rate
    from int_projects as projects
    inner join config_deposit_rate as rates on starts_with(projects.region_code, rates.region_prefix)
    group by projects.project_id
),

in_force as (
    select
        projects.project_id,
        deposits.source_file,
        deposits.row_number,
        deposits.deposit_amount
    from int_projects as projects
    inner join int_deposits as deposits
        on deposits.project_id = projects.project_id
        or (deposits.project_id is null and deposits.contractor_credit_code = projects.contractor_credit_code)
    where deposits.is_in_force and deposits.is_registered_project
),

held as (
    select
        project_id,
        cast(sum(deposit_amount) as decimal(14, 2)) as in_force_amount,
        count(*) as deposits_count,
        list(evidence_row('deposit', source_file, row_number, null) order by source_file, row_number)
            as evidence
    from in_force
    group by project_id
),

judged as (
    select
        projects.project_id,
        projects.project_name,
        projects.region_code,
        projects.contract_amount,
        rates.deposit_rate,
        -- exact in decimals, rounded half up to the fen
        cast(round(projects.contract_amount * rates.deposit_rate, 2) as decimal(14, 2)) as required_amount,
        coalesce(held.in_force_amount, 0) as in_force_amount,
        coalesce(held.deposits_count, 0) as deposits_count,
        projects.start_date,
        projects.end_date,
        cast(projects.start_date + getvariable('deposit_due_days') as date) as deposit_due_date,
        projects.source_file,
        projects.row_number,
        held.evidence
    from int_projects as projects
    left join rates on projects.project_id = rates.project_id
    left join held on projects.project_id = held.project_id
)

select
    *,
    case
        when deposit_rate is null then 'not_judged'
        when start_date is null or start_date > getvariable('as_of')
            or end_date <= getvariable('as_of') then 'not_in_progress'
        when contract_amount < getvariable('deposit_exempt_below') then 'exempt'
        when in_force_amount > 0 and (required_amount is null or in_force_amount >= required_amount) then 'in_force'
        when getvariable('as_of') <= deposit_due_date then 'not_due'
        when in_force_amount = 0 then 'missing'
        else 'short'
    end as deposit_status
from judged
