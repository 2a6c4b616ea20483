-- flags: one row per finding of every rule in transforms/rules (docs/contract.md section 3). rule_flags is
-- the union of the rule models, made by the runner, so that a new rule is one more SQL file.
-- flag_id names a finding stably across runs; evidence lists the input rows it rests on.
select
    left(md5(concat_ws('|', rule, project_id, coalesce(period, ''), coalesce(worker_key, ''),
        coalesce(subject, ''))), 16) as flag_id,
    project_id,
    period,
    rule,
    severity,
    worker_key,
    worker_name,
    id_number_masked,
    team,
    cast(expected_amount as decimal(14, 2)) as expected_amount,
    cast(paid_amount as decimal(14, 2)) as paid_amount,
    cast(shortfall_amount as decimal(14, 2)) as shortfall_amount,
    detail,
    coalesce(evidence, []) as evidence
from rule_flags
