-- worker_ledger: the owed-wage ledger, one row per project x worker x judged month with a known
-- expected amount: what the month added (expected - paid) and what is owed after it, carried from
-- month to month. A payment that arrives late for an earlier month is attributed to that month, so
-- it reduces what is owed from then on; money paid beyond what a month expected is carried too.
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
        cast(expected_amount - paid_amount as decimal(14, 2)) as balance_amount
    from worker_periods
    where is_judged and expected_amount is not null
)

select
    *,
    cast(sum(balance_amount) over (
        partition by project_id, worker_key order by period rows between unbounded preceding and current row
    ) as decimal(14, 2)) as owed_amount
from months
