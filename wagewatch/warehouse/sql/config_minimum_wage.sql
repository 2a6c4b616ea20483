-- The configured minimum-wage table ([minimum_wage], registered as minimum_wage_config), as the
-- rules join it: by region-code prefix and effective date (NULL: in force throughout), amounts as
-- DECIMAL.
create or replace temp table config_minimum_wage as
select
    region_prefix,
    effective_date,
    cast(monthly_amount as decimal(14, 2)) as monthly_amount
from minimum_wage_config
