-- Macros shared by every model: how text, amounts, dates, periods and identities are read.
-- nfkc() is a vectorised Arrow function registered by the runner (DuckDB has no NFKC of its own).

-- text as a person means it: NFKC (full-width digits and letters to ASCII), trimmed; empty is missing
create or replace macro clean(x) as nullif(nfkc(x), '');

-- amounts: '1,234.50', '¥1234.5', '1234.50元' are all 1234.50; held as DECIMAL(14,2), never float
create or replace macro amount_text(x) as regexp_replace(clean(x), '[,¥￥元\s]|^RMB|^CNY', '', 'g');
create or replace macro parse_amount(x) as
    case when regexp_full_match(amount_text(x), '[+-]?(\d+(\.\d*)?|\.\d+)')
    then try_cast(amount_text(x) as decimal(14, 2)) end;
-- an amount in fen (分), as some banks' formats write it: whole, 523050 is 5230.50; decimal arithmetic
create or replace macro parse_fen(x) as
    case when regexp_full_match(amount_text(x), '\d+')
    then try_cast(try_cast(amount_text(x) as decimal(18, 0)) * 0.01 as decimal(14, 2)) end;
-- an amount in 万元 (ten thousand yuan), as a register's header may say (合同金额（万元）): decimal
-- arithmetic, four decimals of 万元 being whole fen; unit is the raw column's <column>_unit ('wan', NULL)
create or replace macro parse_amount_in(x, unit) as
    case when unit is distinct from 'wan' then parse_amount(x)
    when regexp_full_match(amount_text(x), '[+-]?(\d+(\.\d*)?|\.\d+)')
    then try_cast(try_cast(amount_text(x) as decimal(18, 6)) * 10000 as decimal(14, 2)) end;

-- dates: 2026-08-15, 2026/8/15, 20260815, 2026年8月15日, Excel serial numbers, date-times
create or replace macro date_text(x) as regexp_replace(regexp_replace(clean(x),
    -- a time of day, with or without seconds, fraction and zone, after the date
    '[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$', ''),
    -- a compact date-time, 20260910103000
    '^(\d{8})\d{6}$', '\1');
create or replace macro parse_date(x) as cast(coalesce(
    try_strptime(date_text(x), '%Y-%m-%d'),
    try_strptime(date_text(x), '%Y/%m/%d'),
    try_strptime(date_text(x), '%Y.%m.%d'),
    try_strptime(date_text(x), '%Y年%m月%d日'),
    case when regexp_full_match(date_text(x), '\d{8}') then try_strptime(date_text(x), '%Y%m%d') end,
    -- an Excel serial date (days since 1899-12-30), a fraction being the time of day
    case when regexp_full_match(date_text(x), '\d{5}(\.\d+)?')
        then date '1899-12-30' + cast(split_part(date_text(x), '.', 1) as integer) end
) as date);

-- periods: 2026-08, 202608, 2026/08, 2026年8月 (and a spreadsheet's 202608.0); held as YYYY-MM
create or replace macro period_parts(t) as regexp_extract(t,
    '^(\d{4})(?:\s*[-/.年]\s*(\d{1,2})\s*月?份?|(\d{2}))$', ['y', 'm', 'mm']);
create or replace macro period_of(y, m) as
    case when try_cast(m as integer) between 1 and 12 then printf('%s-%02d', y, cast(m as integer)) end;
create or replace macro period_from_parts(parts) as period_of(parts.y, coalesce(nullif(parts.m, ''), parts.mm));
create or replace macro parse_period(x) as coalesce(
    period_from_parts(period_parts(regexp_replace(clean(x), '\.0+$', ''))),
    strftime(parse_date(x), '%Y-%m'));
-- a year-month written in a memo: 2026年8月工资, 2026-08工资; full dates (a pay date) are not periods
create or replace macro memo_text(x) as regexp_replace(clean(x),
    '\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]', ' ', 'g');
create or replace macro memo_period(x) as period_of(
    regexp_extract(memo_text(x), '(\d{4})\s*[-/.年]\s*(\d{1,2})(\D|$)', 1),
    regexp_extract(memo_text(x), '(\d{4})\s*[-/.年]\s*(\d{1,2})(\D|$)', 2));
create or replace macro period_start(p) as cast(strptime(p || '-01', '%Y-%m-%d') as date);
create or replace macro period_end(p) as last_day(period_start(p));
-- wages for P are due on the pay day of month P+1, or that month's last day when it is shorter
create or replace macro due_date(p, pay_day) as
    cast(period_start(p) + interval 1 month as date)
    + cast(least(pay_day, day(last_day(cast(period_start(p) + interval 1 month as date)))) - 1 as integer);

-- ID numbers and accounts: upper-cased; spaces and dashes in a card number are typing, not digits
create or replace macro id_text(x) as upper(clean(x));
create or replace macro account_text(x) as regexp_replace(clean(x), '[\s-]', '', 'g');
-- a number Excel stored as a number lost digits: 3.60802199001011E+17, or 360802199001011.0
create or replace macro is_mangled_number(x) as
    regexp_full_match(upper(clean(x)), '\d+(\.\d*)?E\+?\d+|\d+\.\d+');
create or replace macro is_scientific(x) as regexp_full_match(upper(clean(x)), '\d+(\.\d*)?E\+?\d+');

-- yes/no as sites write it; a blank is not a no
create or replace macro parse_yes_no(x) as case
    when lower(clean(x)) in ('是', 'yes', 'y', '1', 'true', '已签', '已签订') then true
    when lower(clean(x)) in ('否', 'no', 'n', '0', 'false', '未签', '未签订') then false
end;

-- a statement row's direction as banks write it: money in (收, 贷) or out (支, 借); NULL: neither
create or replace macro parse_direction(x) as case
    when lower(clean(x)) in ('收', '收入', '贷', '贷方', '入', '存入', '来账', 'c', 'cr', 'credit', 'in', '+') then 'credit'
    when lower(clean(x)) in ('支', '支出', '借', '借方', '出', '付', '支取', '往账', 'd', 'dr', 'debit', 'out', '-') then 'debit'
end;
-- a statement memo naming a charge of the bank itself: its fees, not money paid to anyone
create or replace macro is_bank_fee_memo(x) as
    regexp_matches(coalesce(clean(x), ''), '手续费|工本费|短信费|年费|账户管理费|汇划费|邮电费|服务费|(?i:\bfee\b)');

-- personal data (docs/contract.md section 5): a keyed hash for joining, masks for reading
create or replace macro worker_key(id) as left(sha256(
    getvariable('hmac_outer') || unhex(sha256(getvariable('hmac_inner') || encode(id)))), 16);
create or replace macro mask_id(id) as case
    when length(id) > 10 then left(id, 6) || repeat('*', length(id) - 10) || right(id, 4)
    else repeat('*', greatest(length(id) - 4, 0)) || right(id, 4) end;
create or replace macro last4(account) as right(account, 4);
-- an ID or account cell as read, masked for the quarantine (empty when the cell was empty)
create or replace macro masked_id(x) as coalesce(mask_id(id_text(x)), '');
create or replace macro masked_account(x) as coalesce('****' || last4(account_text(x)), '');
-- free text (a memo, a failure reason, a row as read) keeps of any long run of digits, spaces or
-- dashes between them allowed, only its last 4: IDs and cards hide in such text
create or replace macro mask_digits(t) as regexp_replace(nfkc(t),
    '\d(?:[ \t-]?\d){7,}((?:[ \t-]?[\dXx]){4})', '****\1', 'g');

-- money arithmetic in whole fen, rounded half-up, so no float ever touches an amount
create or replace macro fen(amount) as cast(round(amount * 100) as hugeint);
create or replace macro yuan(fen_value) as cast(cast(fen_value as decimal(20, 0)) * 0.01 as decimal(14, 2));
create or replace macro div_half_up(n, d) as (2 * n + d) // (2 * d);

-- how a project-period stands, decided here alone: unmonitored when it falls before the project's
-- monitoring start (monitored_from, YYYY-MM; NULL: every month is monitored), whether due or not;
-- else judged once the as-of date is past its due date plus grace_days; else pending
create or replace macro period_state(p, pay_day, monitored_from) as case
    when p < monitored_from then 'unmonitored'
    when getvariable('as_of') > due_date(p, pay_day) + getvariable('grace_days') then 'judged'
    else 'pending'
end;
create or replace macro is_judged(p, pay_day, monitored_from) as
    period_state(p, pay_day, monitored_from) = 'judged';

-- GB 11643-1999 citizen ID: 17 digits, then a check character (ISO 7064 MOD 11-2)
create or replace macro id_check_char(id) as substr('10X98765432', cast(1 + list_sum(list_transform(range(17),
    lambda i: cast(id[i + 1] as integer) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i + 1])) % 11 as bigint), 1);
-- a real birth date: a calendar date, not before 1900 and not after the as-of date
create or replace macro id_birth_date(id) as case
    when regexp_full_match(id, '\d{17}[\dX]')
        and year(try_strptime(substr(id, 7, 8), '%Y%m%d')) >= 1900
        and try_strptime(substr(id, 7, 8), '%Y%m%d') <= getvariable('as_of')
    then cast(try_strptime(substr(id, 7, 8), '%Y%m%d') as date) end;
-- what is wrong with an ID, as a code whose words are in transforms/rules/rule_texts.toml [values.id_problem]
create or replace macro id_problem(id) as case
    when not regexp_full_match(id, '\d{17}[\dX]') then 'format'
    when id_birth_date(id) is null then 'birth_date'
    when id_check_char(id) <> right(id, 1) then 'check_char'
end;
-- whole years on a day; the 17th digit is odd for men and even for women
create or replace macro age_on(birth, day) as
    year(day) - year(birth) - case when strftime(day, '%m%d') < strftime(birth, '%m%d') then 1 else 0 end;
create or replace macro is_male(id) as cast(substr(id, 17, 1) as integer) % 2 = 1;

-- evidence: the input rows a flag rests on, so an inspector can go from a flag to the file and line
create or replace macro evidence_row(kind, source_file, row_number, bank_ref) as {
    'kind': cast(kind as varchar), 'source_file': cast(source_file as varchar),
    'row_number': cast(row_number as bigint), 'bank_ref': cast(bank_ref as varchar)};

-- arrears ageing (docs/contract.md section 4.2): days since the oldest unpaid wage was due, and its
-- escalation stage by [ageing] yellow_max_days and orange_max_days
create or replace macro days_overdue(oldest_due_date) as
    cast(date_diff('day', oldest_due_date, getvariable('as_of')) as integer);
create or replace macro arrears_stage(days) as case
    when days is null then null
    when days <= getvariable('ageing_yellow_max_days') then 'yellow'
    when days <= getvariable('ageing_orange_max_days') then 'orange'
    else 'red'
end;

-- blacklist candidates (docs/contract.md section 4.3): the first day on which arrears whose oldest unpaid
-- wage fell due on oldest_due_date are both old enough ([blacklist] min_days_overdue) and still unpaid
-- after the time limit: the first flag is raised the day after the due date plus grace_days, and the
-- limit runs [blacklist] rectification_days from it
create or replace macro blacklist_since(oldest_due_date) as cast(greatest(
    oldest_due_date + getvariable('blacklist_min_days_overdue'),
    oldest_due_date + getvariable('grace_days') + 1 + getvariable('blacklist_rectification_days') + 1
) as date);
