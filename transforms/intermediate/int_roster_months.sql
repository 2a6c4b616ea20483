-- Who is on which project's roster in which month (docs/contract.md section 2): a stint counts in P when
-- entry_date <= last day of P and exit_date is empty or >= first day of P. Months run up to the
-- as-of month; calendar days on the roster are summed over the worker's stints in that month.
with stint_months as (
    select
        stints.*,
        strftime(month_start, '%Y-%m') as period
    from int_current_stints as stints,
        unnest(generate_series(
            date_trunc('month', entry_date),
            date_trunc('month', least(coalesce(exit_date, getvariable('as_of')), getvariable('as_of'))),
            interval 1 month
        )) as months(month_start)
)

select
    project_id,
    id_number,
    period,
    -- the stint in force in the month: the one entered last (on a tie, the one written last)
    arg_max(stint_id, (entry_date, file_seq, row_number)) as stint_id,
    arg_max(wage_type, (entry_date, file_seq, row_number)) as wage_type,
    arg_max(wage_rate_amount, (entry_date, file_seq, row_number)) as wage_rate_amount,
    least(
        sum(
            least(coalesce(exit_date, period_end(period)), period_end(period))
            - greatest(entry_date, period_start(period)) + 1
        ),
        day(period_end(period))
    ) as days_on_roster
from stint_months
group by project_id, id_number, period
