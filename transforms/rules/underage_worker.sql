-- code:        UNDERAGE_WORKER
-- severity:    red
-- finding:     a worker younger than min_age on the entry date (a roster flag, no period); age in
--              whole years from the birth date in the ID
-- compares:    current roster stints: birth date in id_number against entry_date
-- thresholds:  min_age (default 16; strictly below)
-- legal basis: 劳动法 art. 15 and 禁止使用童工规定 (2002) art. 2: no one under 16 may be employed
select
    project_id,
    null as period,
    worker_key,
    worker_name,
    mask_id(id_number) as id_number_masked,
    team,
    null as expected_amount,
    null as paid_amount,
    null as shortfall_amount,
    {
        'age': age_on(id_birth_date(id_number), entry_date),
        'entry_date': entry_date,
        'age_limit': getvariable('min_age')
    } as facts,
    [evidence_row('roster', source_file, row_number, null)] as evidence,
    stint_id as subject
from int_current_stints
where id_birth_date(id_number) is not null
    and age_on(id_birth_date(id_number), entry_date) < getvariable('min_age')
