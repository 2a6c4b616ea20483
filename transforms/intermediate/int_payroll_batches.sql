-- Payroll batches (docs/contract.md section 3.3, "wage account statements"): many banks book a payroll
-- run (代发工资, 批量代发) on the wage account's statement as one lump debit to their own clearing
-- account, while its transfers are listed one by one in the bank's payroll result file. A batch is
-- what such a debit may be, from the counted transfers of the bank files (int_payments):
--   by day:   one row per project, payer account and paid date, with the day's total (file_seq NULL);
--   by file:  one row per bank file of that day, with that file's total, so that two runs on one day
--             booked as two debits match one each.
-- A day with one file has both rows, with the same amount.
with transfers as (
    select project_id, payer_account, paid_date, file_seq, amount
    from int_payments
    where is_counted and payer_account is not null and paid_date is not null and amount is not null
)

select
    project_id,
    payer_account,
    paid_date,
    file_seq,
    sum(amount) as batch_amount,
    count(*) as transfers_count
from transfers
group by grouping sets (
    (project_id, payer_account, paid_date),
    (project_id, payer_account, paid_date, file_seq)
)
