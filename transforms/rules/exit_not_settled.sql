-- code:        EXIT_NOT_SETTLED
-- severity:    red
-- finding:     a worker whose stint ended (exit_date) is still owed for the months of that stint once
--              its settlement deadline has passed (a stint flag: it carries no period)
-- compares:    current stints with an exit_date; worker_periods of the worker on the project for the
--              monitored months from the entry month to the exit month, pending ones included: what
--              was expected against what was paid by the as-of date, net (a month overpaid offsets a
--              short one, as in the ledger)
-- thresholds:  exit_settlement_days (absent: the exit month's due date), partial_tolerance, grace_days
-- legal basis: 工资支付暂行规定 (1994) art. 9: wages are paid in full, in one go, when the labour
--              relationship ends; 保障农民工工资支付条例 (2020) art. 12: in full on the agreed day
with left_site as (
    select
        stints.*,
        strftime(stints.entry_date, '%Y-%m') as entry_period,
        strftime(stints.exit_date, '%Y-%m') as exit_period,
        coalesce(
            stints.exit_date + getvariable('exit_settlement_days'),
            due_date(strftime(stints.exit_date, '%Y-%m'), projects.pay_day)
        ) as settle_by_date
    from int_current_stints as stints
    inner join int_projects as projects on stints.project_id = projects.project_id
    where stints.exit_date is not null
),

months as (
    select
        left_site.stint_id,
        periods.period,
        periods.expected_amount,
        periods.paid_amount,
        periods.evidence,
        -- a month not paid in full as of now, as the statuses read it (section 2.6)
        case
            when periods.expected_amount is null then periods.is_expected_to_be_paid and periods.paid_amount = 0
            else periods.shortfall_amount > 0
                and periods.shortfall_amount >= periods.expected_amount * getvariable('partial_tolerance')
        end as is_short
    from left_site
    inner join worker_periods as periods
        on left_site.project_id = periods.project_id
        and left_site.worker_key = periods.worker_key
        and periods.period between left_site.entry_period and left_site.exit_period
    where getvariable('as_of') > left_site.settle_by_date + getvariable('grace_days')
        and periods.status <> 'unmonitored'
),

settlement as (
    select
        stint_id,
        sum(expected_amount) as expected_amount,
        -- what months of unknown expected amount were paid settles nothing known
        coalesce(sum(paid_amount) filter (where expected_amount is not null), 0) as paid_amount,
        bool_or(is_short and expected_amount is null) as has_unpaid_unknown,
        list(period order by period) filter (where is_short) as owed_periods,
        flatten(list(evidence order by period) filter (where is_short)) as month_evidence
    from months
    group by stint_id
),

owed as (
    select
        *,
        -- greatest() skips NULLs: nothing known expected leaves what is owed unknown
        case when expected_amount is not null then greatest(expected_amount - paid_amount, 0) end as owed_amount
    from settlement
)

select
    left_site.project_id,
    null as period,
    left_site.worker_key,
    left_site.worker_name,
    mask_id(left_site.id_number) as id_number_masked,
    left_site.team,
    owed.expected_amount,
    owed.paid_amount,
    -- paid in full on the known months, the flag rests on unknown amounts alone: NULL, not 0
    case when owed.owed_amount > 0 then owed.owed_amount end as shortfall_amount,
    {
        'entry_date': left_site.entry_date,
        'exit_date': left_site.exit_date,
        'due_date': left_site.settle_by_date,
        'owed_periods': owed.owed_periods
    } as facts,
    list_prepend(
        evidence_row('roster', left_site.source_file, left_site.row_number, null),
        list_filter(coalesce(owed.month_evidence, []), lambda item: item.kind <> 'roster')
    ) as evidence,
    left_site.stint_id as subject
from owed
inner join left_site on owed.stint_id = left_site.stint_id
where owed.has_unpaid_unknown
    or (owed.owed_amount > 0 and owed.owed_amount >= owed.expected_amount * getvariable('partial_tolerance'))
