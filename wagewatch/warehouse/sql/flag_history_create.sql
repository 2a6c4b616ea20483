-- flag_history: every flag ever raised, kept in the private store across runs (the marts are
-- rebuilt on every run; this table is not). One row per flags.flag_id, which is stable across runs.
-- Dates are runs' as-of dates: first_raised_on the first run that raised the flag, last_seen_on the
-- last run that still had it, resolved_on the first run that no longer had it (NULL while open).
create table if not exists flag_history (
    flag_id varchar not null,
    project_id varchar,
    period varchar,
    rule varchar,
    severity varchar,
    worker_key varchar,
    worker_name varchar,
    id_number_masked varchar,
    team varchar,
    expected_amount decimal(14, 2),
    paid_amount decimal(14, 2),
    shortfall_amount decimal(14, 2),
    detail varchar,
    first_raised_on date not null,
    last_seen_on date not null,
    resolved_on date
)
