-- flags: one row per finding of every rule in transforms/rules (docs/contract.md section 3). rule_flags
-- holds every rule's findings in the flag columns of transforms/rules/flag_columns.toml, typed, with
-- the code and severity of the rule's header: the runner makes it, so that a new rule is one more SQL file.
-- flag_id names a finding stably across runs; evidence lists the input rows it rests on. detail is the
-- finding in English, from its rule's template (transforms/rules/rule_texts.toml) filled from facts.
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
    expected_amount,
    paid_amount,
    shortfall_amount,
    finding_text_en(rule, period, worker_name, expected_amount, paid_amount, shortfall_amount, facts) as detail,
    facts,
    coalesce(evidence, []) as evidence
from rule_flags
