-- code:        OVERAGE_WORKER
-- severity:    amber
-- finding:     a worker older than max_age_male (men) or max_age_female (women) on the entry date
--              (a roster flag, no period); sex from the ID's 17th digit (odd: male)
-- compares:    current roster stints: birth date and sex in id_number against entry_date
-- thresholds:  max_age_male (default 60), max_age_female (default 50); strictly above
-- legal basis: local rule: provincial notices on construction sites' age limits (e.g. men over 60 and
--              women over 50 are not to be sent to construction sites)
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
        'sex': case when is_male(id_number) then 'male' else 'female' end,
        'age': age_on(id_birth_date(id_number), entry_date),
        'entry_date': entry_date,
        'age_limit': case when is_male(id_number) then getvariable('max_age_male')
            else getvariable('max_age_female') end
    } as facts,
    [evidence_row('roster', source_file, row_number, null)] as evidence,
    stint_id as subject
from int_current_stints
where id_birth_date(id_number) is not null
    and age_on(id_birth_date(id_number), entry_date)
        > case when is_male(id_number) then getvariable('max_age_male') else getvariable('max_age_female') end
