-- worker_periods: how each worker-month was paid, judged in this one place (docs/contract.md sections 2, 4).
-- Flags and reports read it; nothing recomputes it.
--   unmonitored   before the project's monitoring start ([rules] judge_from, the register's
--                 monitoring_start): never judged, due or not
--   pending       not yet due: as-of date not past the due date plus grace_days
--   not_expected  on the roster with nothing earned (no days worked), or paid while off the roster
--   missed        expected to be paid (expected above zero, or unknown) and paid nothing
--   partial       paid something, short by at least partial_tolerance of the expected amount
--   late          paid in full by the as-of date, but not in full by the due date
--   paid_in_full  in full (within the tolerance) by the due date
with periods as (
    select
        periods.*,
        periods.period_state = 'judged' as is_judged,
        periods.is_on_roster and coalesce(periods.expected_amount > 0, true) as is_expected_to_be_paid,
        -- greatest() skips NULLs: an unknown expected amount must leave the shortfall unknown
        case when periods.expected_amount is not null
            then cast(greatest(periods.expected_amount - periods.paid_amount, 0) as decimal(14, 2)) end
            as shortfall_amount,
        case when periods.expected_amount is not null
            then cast(greatest(periods.paid_amount - periods.expected_amount, 0) as decimal(14, 2)) end
            as overpaid_amount,
        case when periods.expected_amount is not null
            then greatest(periods.expected_amount - periods.paid_by_due_amount, 0) end
            as shortfall_by_due_amount
    from int_worker_periods as periods
),

statused as (
    select
        *,
        case
            when not is_judged then period_state
            when not is_expected_to_be_paid then 'not_expected'
            when paid_amount = 0 then 'missed'
            when shortfall_amount > 0
                and shortfall_amount >= expected_amount * getvariable('partial_tolerance') then 'partial'
            when paid_by_due_amount = 0
                or (shortfall_by_due_amount > 0
                    and shortfall_by_due_amount >= expected_amount * getvariable('partial_tolerance'))
                then 'late'
            else 'paid_in_full'
        end as status
    from periods
)

select
    -- ids
    statused.project_id,
    stints.worker_key,
    statused.period,
    statused.stint_id,
    -- who
    stints.worker_name,
    mask_id(statused.id_number) as id_number_masked,
    stints.team,
    stints.subcontractor,
    stints.trade,
    -- terms
    statused.wage_type,
    statused.wage_rate_amount,
    -- dates
    statused.due_date,
    statused.is_judged,
    -- days
    statused.is_on_roster,
    cast(statused.days_on_roster as integer) as days_on_roster,
    statused.has_attendance,
    statused.days_worked,
    -- amounts
    statused.is_expected_to_be_paid,
    statused.expected_amount,
    statused.paid_by_due_amount,
    statused.paid_amount,
    statused.shortfall_amount,
    statused.overpaid_amount,
    statused.payments_count,
    statused.status,
    -- the input rows behind the month: roster stint, attendance row, bank rows
    evidence.evidence
from statused
left join int_roster_stints as stints on statused.stint_id = stints.stint_id
left join int_worker_period_evidence as evidence
    on statused.project_id = evidence.project_id
    and statused.id_number = evidence.id_number
    and statused.period = evidence.period
