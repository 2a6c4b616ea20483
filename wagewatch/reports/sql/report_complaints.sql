-- report_complaints: every current complaint for the index and the workbook (docs/contract.md sections
-- 3.6 and 7): open ones first, then by verdict (corroborated, not on the roster, unknown project, no
-- data, paid), the latest received first. IDs are masked; evidence_count counts the flags and bank
-- rows behind its verdict.
select
    complaint_id,
    received_date,
    channel,
    named_project,
    project_id,
    project_name,
    worker_name,
    id_number_masked,
    periods,
    claimed_amount,
    verdict,
    is_open,
    expected_amount,
    paid_amount,
    shortfall_amount,
    len(flag_ids) + len(list_filter(evidence, lambda row: row.kind = 'bank')) as evidence_count
from complaints
where is_current
order by
    is_open desc,
    list_position(['corroborated', 'not_on_roster', 'unknown_project', 'no_data', 'paid'], verdict),
    received_date desc,
    complaint_id
