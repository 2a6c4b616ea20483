-- GB/T 2260 region codes with their names (wagewatch.warehouse.regions, registered as regions_arrow).
create or replace temp table ref_regions as
select region_code, province_name, city_name, county_name, region_name
from regions_arrow
