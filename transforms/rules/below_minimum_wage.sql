-- code:        BELOW_MINIMUM_WAGE
-- severity:    red
-- finding:     the agreed pay for a full month of work (a monthly rate, or a daily rate x 21.75) is
--              below a minimum wage in force in the project's region while the stint lasted (a
--              roster flag, no period)
-- compares:    current roster stints' wage_rate_amount with config_minimum_wage: every standard in
--              force on a day from the entry date to the exit date (the as-of date while on site);
--              on a day, the region's standard is its latest notice then in force, and in it the
--              longest prefix of the region code; a region with no prefix in the table, or a stint
--              before the region's first notice, is not judged
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
        end as agreed_monthly_amount,
        -- the last day the stint covers: its exit, or the as-of date while on site (a future
        -- standard is not yet in force); never before its entry
        greatest(stints.entry_date, least(coalesce(stints.exit_date, getvariable('as_of')),
            getvariable('as_of'))) as covered_to_date
    from int_roster_stints as stints
    inner join int_projects as projects on stints.project_id = projects.project_id
    where stints.is_current
),

regions as (
    select distinct region_code from stints
),

-- each notice (an effective date; NULL: a table without dates, in force throughout) that names a
-- prefix of the region, with its figure for the region: the longest prefix it names
notices as (
    select
        regions.region_code,
        wages.effective_date,
        arg_max(wages.monthly_amount, length(wages.region_prefix)) as minimum_amount
    from regions
    inner join config_minimum_wage as wages on starts_with(regions.region_code, wages.region_prefix)
    group by regions.region_code, wages.effective_date
),

-- a notice is in force from its date until the region's next one
in_force as (
    select
        *,
        lead(effective_date) over (
            partition by region_code order by effective_date nulls first
        ) as replaced_date
    from notices
),

-- the standards in force while the stint lasted; the one it falls furthest below stands for them
-- (on a tie the earliest), so the flag stays one per stint however many it is below
below as (
    select
        stints.stint_id,
        in_force.effective_date,
        in_force.minimum_amount
    from stints
    inner join in_force
        on stints.region_code = in_force.region_code
        and coalesce(in_force.effective_date <= stints.covered_to_date, true)
        and coalesce(in_force.replaced_date > stints.entry_date, true)
    where stints.agreed_monthly_amount < in_force.minimum_amount
    qualify row_number() over (
        partition by stints.stint_id
        order by in_force.minimum_amount desc, in_force.effective_date nulls first
    ) = 1
)

select
    stints.project_id,
    null as period,
    stints.worker_key,
    stints.worker_name,
    mask_id(stints.id_number) as id_number_masked,
    stints.team,
    below.minimum_amount as expected_amount,
    null as paid_amount,
    below.minimum_amount - stints.agreed_monthly_amount as shortfall_amount,
    {
        'agreed_monthly_amount': stints.agreed_monthly_amount,
        'wage_type': stints.wage_type,
        'wage_rate_amount': stints.wage_rate_amount,
        'limit_amount': below.minimum_amount,
        'region_code': stints.region_code,
        'effective_date': below.effective_date,
        'form': case when below.effective_date is not null then 'dated' end
    } as facts,
    [evidence_row('roster', stints.source_file, stints.row_number, null)] as evidence,
    stints.stint_id as subject
from stints
inner join below on stints.stint_id = below.stint_id
