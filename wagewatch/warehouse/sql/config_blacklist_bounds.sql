-- The configured blacklist bounds ([blacklist] bounds, registered as blacklist_bounds_config), as
-- blacklist_candidates joins them: by the longest region-code prefix, the amount as DECIMAL.
create or replace temp table config_blacklist_bounds as
select
    region_prefix,
    cast(owed_amount as decimal(14, 2)) as owed_amount,
    cast(workers_owed as integer) as workers_owed
from blacklist_bounds_config
