"""Words that Python and SQL share, defined once. SQL reads them as variables that
wagewatch.warehouse.db sets on every connection it opens: getvariable('level_order')."""

# A project-period's level, worst first: red or amber flags, judged and clean, not yet due, and
# before the project's monitoring start (docs/contract.md section 3).
LEVELS = ("red", "amber", "green", "pending", "unmonitored")
# A month not judged, as its level and as a worker-month's status: nothing in it is flagged or owed.
UNJUDGED = ("pending", "unmonitored")
# A flag's severity, worst first.
SEVERITIES = ("red", "amber")
