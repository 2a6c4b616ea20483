select rule, count(*) as flags from flags group by rule order by rule
