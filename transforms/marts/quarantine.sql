-- quarantine: every input row that could not be used, with its file, row, reason and the row as
-- read (docs/contract.md section 1). It is rebuilt from the raw rows on every run, so a roster row held
-- back for an unregistered project comes back by itself once the project is registered.
-- ID and account cells are masked; any other long digit run keeps only its last 4 digits.
with reasons as (
    -- rows an intake suite's critical expectations reject (all their reasons), then rows of
    -- projects that are not registered, then payments and statement rows that belong to no
    -- registered project
    select
        kind, file_seq, row_number,
        string_agg(expectation, '; ' order by reason) as expectation,
        string_agg(reason, '; ' order by reason) as reason
    from intake_issues
    where severity = 'critical'
    group by kind, file_seq, row_number
    union all
    select 'rosters', file_seq, row_number, 'project_registered', 'project_id is not in the project register'
    from int_roster_stints where not is_registered_project
    union all
    select 'attendance', file_seq, row_number, 'project_registered', 'project_id is not in the project register'
    from int_attendance where not is_registered_project
    union all
    select 'bank', file_seq, row_number, 'payment_project_known', 'belongs to no registered project'
    from int_payments where project_id is null
    union all
    select 'accounts', file_seq, row_number, 'account_project_known',
        'the account is not the wage account of exactly one registered project'
    from int_account_movements where project_id is null
    union all
    select 'deposits', file_seq, row_number, 'project_registered', 'project_id is not in the project register'
    from int_deposits where not is_registered_project
),

raw_rows as (
    -- the row as read, its ID and account cells masked and its phone dropped (docs/contract.md section 5)
    select
        'projects' as kind, file_seq, row_number,
        json_merge_patch(to_json(raw_projects), json_object('wage_account', masked_account(wage_account)))
            as raw
    from raw_projects
    union all
    select
        'rosters', file_seq, row_number,
        json_merge_patch(to_json(raw_rosters), json_object(
            'id_number', masked_id(id_number), 'bank_account', masked_account(bank_account), 'phone', null))
    from raw_rosters
    union all
    select
        'attendance', file_seq, row_number,
        json_merge_patch(to_json(raw_attendance), json_object('id_number', masked_id(id_number)))
    from raw_attendance
    union all
    select
        'bank', file_seq, row_number,
        json_merge_patch(to_json(raw_bank), json_object(
            'payer_account', masked_account(payer_account), 'payee_account', masked_account(payee_account),
            'payee_id_number', masked_id(payee_id_number)))
    from raw_bank
    union all
    select
        'accounts', file_seq, row_number,
        json_merge_patch(to_json(raw_accounts), json_object(
            'account', masked_account(account), 'counterparty_account', masked_account(counterparty_account)))
    from raw_accounts
    union all
    select
        'complaints', file_seq, row_number,
        json_merge_patch(to_json(raw_complaints), json_object('id_number', masked_id(id_number)))
    from raw_complaints
    union all
    select 'deposits', file_seq, row_number, to_json(raw_deposits) from raw_deposits
),

from_staging as (
    select
        reasons.file_seq,
        log.source_file,
        reasons.row_number,
        reasons.expectation,
        reasons.reason,
        json_merge_patch(raw_rows.raw, '{"file_seq": null, "source_file": null, "row_number": null}')
            as raw
    from reasons
    inner join raw_rows
        on reasons.kind = raw_rows.kind
        and reasons.file_seq = raw_rows.file_seq
        and reasons.row_number = raw_rows.row_number
    inner join ingest_log as log on reasons.file_seq = log.file_seq
),

from_intake as (
    select file_seq, source_file, row_number, 'row_fields_match_header' as expectation, reason,
        to_json({'text': text}) as raw
    from raw_bad_rows
)

select file_seq, source_file, row_number, expectation, reason, mask_digits(raw::varchar) as raw
from from_staging
union all
select file_seq, source_file, row_number, expectation, reason, mask_digits(raw::varchar)
from from_intake
