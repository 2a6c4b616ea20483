-- the latest as-of date the flag history has recorded (NULL before the first run)
select max(coalesce(resolved_on, last_seen_on)) from flag_history
