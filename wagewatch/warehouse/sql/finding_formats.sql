-- How a finding sentence writes a value (wagewatch/warehouse/findings.py): temporary macros of the
-- connection that renders, so a read-only connection to the published warehouse can make them too.
-- Money from the decimal's own digits, never through a float: ¥8,764.50; an unrounded ¥1,729.995.
create or replace temp macro finding_fraction(x) as rtrim(split_part(cast(abs(x) as varchar), '.', 2), '0');
create or replace temp macro finding_money(x) as case when x is not null then concat(
    case when x < 0 then '-' end, '¥', format('{:,}', cast(trunc(abs(x)) as bigint)), '.',
    case when length(finding_fraction(x)) < 2 then rpad(finding_fraction(x), 2, '0') else finding_fraction(x) end)
    end;
-- days and counts: 20.50 as 20.5, 12.00 as 12
create or replace temp macro finding_number(x) as case when cast(x as varchar) like '%.%'
    then rtrim(rtrim(cast(x as varchar), '0'), '.') else cast(x as varchar) end;
create or replace temp macro finding_date_zh(d) as strftime(d, '%Y年%-m月%-d日');
create or replace temp macro finding_date_en(d) as strftime(d, '%Y-%m-%d');
create or replace temp macro finding_period_zh(p) as
    concat(left(p, 4), '年', cast(cast(right(p, 2) as integer) as varchar), '月');
create or replace temp macro finding_period_en(p) as p;
