-- report_blacklist: the blacklist candidates (docs/contract.md section 4.3) as the index and the workbook
-- list them: candidates now first (most owed first), then those paid in full; lists as text.
select
    contractor_name,
    contractor_credit_code,
    owed_amount,
    workers_owed,
    oldest_due_date,
    days_overdue,
    candidate_since_date,
    term_end_date,
    is_paid_in_full,
    paid_in_full_date,
    early_removal_date,
    array_to_string(project_ids, ', ') as projects,
    len(flag_ids) as open_flags,
    array_to_string(new_project_ids, ', ') as new_projects
from blacklist_candidates
order by is_paid_in_full, owed_amount desc, contractor_name
