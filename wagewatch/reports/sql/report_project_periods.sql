-- every project-period in month order: the levels on the index page, and each project's chart of
-- expected against paid and its table of months
select
    project_id,
    period,
    due_date,
    level,
    workers_expected,
    workers_paid_in_full,
    workers_missed,
    workers_partial,
    workers_late,
    expected_amount,
    paid_amount,
    shortfall_amount,
    overpaid_amount
from project_periods
order by project_id, period
