-- complaints: every usable complaint row, and for each current one its verdict against the data
-- (docs/contract.md section 3.6), the first that applies:
--   unknown_project  no registered project is the one it names
--   not_on_roster    the worker's ID is on the project's current roster in none of the months claimed
--                    (also the red flag COMPLAINT_UNREGISTERED_WORKER)
--   corroborated     an open flag of the worker's pay on the project for a month claimed
--   paid             every month claimed on the roster shows the worker paid in full (bank rows listed)
--   no_data          none of these: the months are not judged yet, or nothing was paid or owed in them
-- The flags that corroborate are those about the worker's own pay for a month: nothing paid, short,
-- late, or into another card. Amounts sum the worker's months claimed (worker_periods).
with complaints as (
    select * from int_complaints
),

claimed as (
    -- each month claimed that the worker is on the project's roster in
    select file_seq, row_number, project_id, worker_key, unnest(periods_on_roster) as period
    from complaints
    where is_current
),

months as (
    select
        claimed.file_seq,
        claimed.row_number,
        count(*) as months_on_roster,
        count(*) filter (
            where periods.paid_amount > 0
            and (periods.expected_amount is null
                or periods.shortfall_amount < periods.expected_amount * getvariable('partial_tolerance')
                or periods.shortfall_amount = 0)
        ) as months_paid_in_full,
        sum(periods.expected_amount) as expected_amount,
        coalesce(sum(periods.paid_amount), 0) as paid_amount,
        sum(periods.shortfall_amount) as shortfall_amount
    from claimed
    left join worker_periods as periods
        on claimed.project_id = periods.project_id
        and claimed.worker_key = periods.worker_key
        and claimed.period = periods.period
    group by claimed.file_seq, claimed.row_number
),

corroborating as (
    select claimed.file_seq, claimed.row_number, list_sort(list(distinct flags.flag_id)) as flag_ids
    from claimed
    inner join flags
        on claimed.project_id = flags.project_id
        and claimed.worker_key = flags.worker_key
        and claimed.period = flags.period
    where flags.rule in ('MISSED_PAYMENT', 'PARTIAL_PAYMENT', 'LATE_PAYMENT', 'ACCOUNT_MISMATCH')
    group by claimed.file_seq, claimed.row_number
),

bank_rows as (
    -- the counted payments of the worker's months claimed: what the bank shows was paid
    select
        claimed.file_seq,
        claimed.row_number,
        list(evidence_row('bank', payments.source_file, payments.row_number, payments.bank_ref)
            order by payments.paid_date, payments.source_file, payments.row_number) as rows
    from claimed
    inner join payments
        on claimed.project_id = payments.project_id
        and claimed.worker_key = payments.worker_key
        and claimed.period = payments.period
    where payments.is_counted and payments.paid_date <= getvariable('as_of')
    group by claimed.file_seq, claimed.row_number
),

judged as (
    select
        complaints.*,
        months.months_on_roster,
        months.expected_amount,
        months.paid_amount,
        months.shortfall_amount,
        coalesce(corroborating.flag_ids, []) as flag_ids,
        coalesce(bank_rows.rows, []) as bank_evidence,
        case
            when not complaints.is_current then null
            when complaints.project_id is null then 'unknown_project'
            when len(complaints.periods_on_roster) = 0 then 'not_on_roster'
            when corroborating.flag_ids is not null then 'corroborated'
            when months.months_paid_in_full = months.months_on_roster then 'paid'
            else 'no_data'
        end as verdict
    from complaints
    left join months using (file_seq, row_number)
    left join corroborating using (file_seq, row_number)
    left join bank_rows using (file_seq, row_number)
)

select
    complaint_id,
    file_seq,
    source_file,
    row_number,
    is_current,
    received_date,
    channel,
    named_project,
    project_id,
    project_name,
    worker_key,
    worker_name,
    mask_id(id_number) as id_number_masked,
    periods,
    periods_on_roster,
    claimed_amount,
    verdict,
    -- open: the data does not show the complaint settled; a paid complaint is closed
    verdict is not null and verdict <> 'paid' as is_open,
    cast(expected_amount as decimal(14, 2)) as expected_amount,
    cast(paid_amount as decimal(14, 2)) as paid_amount,
    cast(shortfall_amount as decimal(14, 2)) as shortfall_amount,
    flag_ids,
    [evidence_row('complaint', source_file, row_number, null)] || bank_evidence as evidence
from judged
