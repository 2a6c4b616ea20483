-- worker_ledger: the owed-wage ledger, one row per project x worker x judged month with a known
-- expected amount: what the month added (net_shortfall_amount = expected - paid: its shortfall less
-- what it was overpaid) and what the worker is owed after it, net (net_owed_amount, carried from month
-- to month; negative: paid ahead). A payment that arrives late for an earlier month is attributed to
-- that month, so it reduces what is owed from then on; money paid beyond what a month expected is
-- carried too, and offsets the same worker's short months, never another worker's.
-- Months whose expected amount is unknown (daily wage, no attendance) are left out.
with months as (
    select
        project_id,
        worker_key,
        worker_name,
        id_number_masked,
        team,
        period,
        due_date,
        expected_amount,
        paid_amount,
        cast(expected_amount - paid_amount as decimal(14, 2)) as net_shortfall_amount
    from worker_periods
    where is_judged and expected_amount is not null
)

select
    *,
    cast(sum(net_shortfall_amount) over (
        partition by project_id, worker_key order by period rows between unbounded preceding and current row
    ) as decimal(14, 2)) as net_owed_amount
from months
