-- code:        INVALID_ID_NUMBER
-- severity:    amber
-- finding:     a roster ID that fails GB 11643: its format (17 digits and a digit or X), a real birth
--              date, or its check digit (a roster flag, no period). The stint is still loaded.
-- compares:    current roster stints' id_number (macros id_problem, id_check_char)
-- thresholds:  none
-- legal basis: 建筑工人实名制管理办法 (2019): workers are registered by their identity document;
--              GB 11643-1999 citizen identification number
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
    {'id_problem': id_problem(id_number)} as facts,
    [evidence_row('roster', source_file, row_number, null)] as evidence,
    stint_id as subject
from int_current_stints
where id_problem(id_number) is not null
