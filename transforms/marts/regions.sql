-- regions: every region code of GB/T 2260 (python-stdnum's table, ref_regions) with its names, and
-- every code of the usable project register that the table lacks, named by its code (no names of
-- its parts): a region always has a region_name to show and filter by.
-- partitions: across; it lists every region once, not once per partition
with register_codes as (
    select distinct projects.region_code
    from stg_projects as projects
    anti join int_blocked_rows using (file_seq, row_number)
    where projects.region_code is not null
)

select
    region_code,
    province_name,
    city_name,
    county_name,
    region_name,
    true as is_listed
from ref_regions
union all
select
    register_codes.region_code,
    null,
    null,
    null,
    register_codes.region_code,
    false
from register_codes
anti join ref_regions using (region_code)
