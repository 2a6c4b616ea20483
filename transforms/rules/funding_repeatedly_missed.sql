-- code:        FUNDING_REPEATEDLY_MISSED
-- severity:    red
-- finding:     labour costs went unfunded (LABOR_COST_NOT_FUNDED) in funding_missed_consecutive
--              judged periods in a row, or in funding_missed_in_window judged periods in all, within the
--              last funding_window_months months up to the project's latest period judged for funding;
--              one flag per project, carrying the latest unfunded period
-- compares:    int_funding_periods, the judged periods of each project in order
-- thresholds:  funding_missed_consecutive, funding_missed_in_window, funding_window_months,
--              funding_days_before_pay_day, grace_days
-- legal basis: 保障农民工工资支付条例 (2020) art. 24, 29: labour costs funded at least monthly;
--              local rule: provincial wage-monitoring platforms move a project whose funding fails 2
--              months in a row or 3 months in total to rectification, then to the blacklist
with judged as (
    select project_id, period, not is_funded as is_missed, evidence
    from int_funding_periods
),

recent as (
    -- the judged periods within the window that ends with the project's latest one
    select *
    from judged
    qualify period_start(period) > period_start(max(period) over (partition by project_id))
        - to_months(getvariable('funding_window_months'))
),

runs as (
    -- gaps and islands: consecutive judged periods that all missed share one run
    select
        *,
        row_number() over (partition by project_id order by period)
        - row_number() over (partition by project_id, is_missed order by period) as run
    from recent
),

longest as (
    select project_id, max(periods_in_run) as longest_run
    from (select project_id, run, count(*) as periods_in_run from runs where is_missed group by project_id, run)
    group by project_id
),

projects as (
    select
        runs.project_id,
        count(*) filter (where runs.is_missed) as periods_missed,
        max(runs.period) filter (where runs.is_missed) as last_missed_period,
        list(runs.period order by runs.period) filter (where runs.is_missed) as missed_periods,
        flatten(list(runs.evidence order by runs.period) filter (where runs.is_missed)) as evidence
    from runs
    group by runs.project_id
)

select
    projects.project_id,
    projects.last_missed_period as period,
    null as worker_key,
    null as worker_name,
    null as id_number_masked,
    null as team,
    null as expected_amount,
    null as paid_amount,
    null as shortfall_amount,
    {'periods_count': projects.periods_missed, 'window_months': getvariable('funding_window_months'),
        'missed_periods': projects.missed_periods, 'longest_run': longest.longest_run} as facts,
    projects.evidence,
    null as subject
from projects
inner join longest on projects.project_id = longest.project_id
where longest.longest_run >= getvariable('funding_missed_consecutive')
    or projects.periods_missed >= getvariable('funding_missed_in_window')
