-- code:        BELOW_MINIMUM_WAGE
-- severity:    red
-- finding:     the agreed pay for a full month of work (a monthly rate, or a daily rate x 21.75) is
--              below the minimum wage of the project's region (a roster flag, no period)
-- compares:    current roster stints' wage_rate_amount with config_minimum_wage, by the longest
--              region-code prefix of the project; a region with no prefix in the table is not judged
-- thresholds:  [minimum_wage] (strictly below)
-- legal basis: 最低工资规定 (2004) art. 12; 劳动法 art. 48; the provincial minimum-wage standard
with stints as (
    select
        stints.*,
        projects.region_code,
        case
            when stints.wage_type = 'monthly' then stints.wage_rate_amount
            -- exact, not rounded to the fen: 79.54 x 21.75 = 1,729.995 is below 1,730
            else stints.wage_rate_amount * getvariable('paid_days_per_month')
        end as agreed_monthly_amount
    from int_roster_stints as stints
    inner join int_projects as projects on stints.project_id = projects.project_id
    where stints.is_current
),

minimum as (
    select
        stints.stint_id,
        arg_max(wages.monthly_amount, length(wages.region_prefix)) as minimum_amount
    from stints
    inner join config_minimum_wage as wages on starts_with(stints.region_code, wages.region_prefix)
    group by stints.stint_id
)

select
    stints.project_id,
    null as period,
    stints.worker_key,
    stints.worker_name,
    mask_id(stints.id_number) as id_number_masked,
    stints.team,
    minimum.minimum_amount as expected_amount,
    null as paid_amount,
    minimum.minimum_amount - stints.agreed_monthly_amount as shortfall_amount,
    {
        'agreed_monthly_amount': stints.agreed_monthly_amount,
        'wage_type': stints.wage_type,
        'wage_rate_amount': stints.wage_rate_amount,
        'limit_amount': minimum.minimum_amount,
        'region_code': stints.region_code
    } as facts,
    [evidence_row('roster', stints.source_file, stints.row_number, null)] as evidence,
    stints.stint_id as subject
from stints
inner join minimum on stints.stint_id = minimum.stint_id
where stints.agreed_monthly_amount < minimum.minimum_amount
