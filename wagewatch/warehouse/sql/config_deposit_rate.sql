-- The configured deposit rates ([deposits] deposit_rate, registered as deposit_rate_config), as the
-- deposit rules join them: by the longest region-code prefix, the share as DECIMAL.
create or replace temp table config_deposit_rate as
select
    region_prefix,
    cast(deposit_rate as decimal(9, 6)) as deposit_rate
from deposit_rate_config
