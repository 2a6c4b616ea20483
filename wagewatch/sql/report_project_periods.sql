-- every project-period, worst first (red, amber, pending, green), then the most arrears first
select
    project_id,
    project_name,
    period,
    due_date,
    level,
    workers_expected,
    workers_missed,
    workers_partial,
    workers_late,
    expected_amount,
    paid_amount,
    arrears_amount
from project_periods
order by
    list_position(['red', 'amber', 'pending', 'green'], level) nulls last,
    arrears_amount desc nulls last,
    project_id,
    period
