"""A deterministic synthetic inbox, and the truth of what it planted (docs/contract.md sections 1-3).

The pipeline is tested against data whose right answer is known. This package writes an inbox of
projects, rosters, attendance, bank payroll files and wage account statements in the shapes sites and
banks really send (title lines, Chinese headers, GB18030, XLSX, pipe-separated bank exports with
totals, monthly statements with opening and closing balances), plants every rule of the catalogue
among ordinary rows (missed, partial, late and absent payrolls; wages landing in a labour boss's card;
payments to people on no roster; attendance of people on no roster; payroll from an account other
than the wage account; excessive payments; pay below the minimum wage; one ID on two sites at once;
bad IDs, children, the old; stints with no labour contract; labour costs not funded, twice in a row
or three times; a wage account short the day before the pay day; a supplier paid from it; a wage
deposit missing, released or a fen short, beside one exactly at the rate and a contract just exempt), each
beside near misses that must not be flagged, and writes `truth.csv`: every flag the pipeline must
raise. It also writes a complaints file (投诉举报) with complaints of every verdict, and
`truth_complaints.csv`, the verdict each must get (docs/contract.md section 3.6).

The truth is not a list of intentions: the oracles (oracle.py, statement_oracle.py,
settlement_oracle.py, complaint_oracle.py, deposit_oracle.py) compute it by judging the tables exactly
as they are written, independently of the pipeline, so a plant that does not bite (or a near miss that
does) shows. Same arguments, same bytes (generator.py).

    wagewatch generate --workers 150 --months 3 --out OUT
"""

from wagewatch.synthetic.complaint_oracle import UNREGISTERED_COMPLAINANT
from wagewatch.synthetic.deposit_oracle import DEPOSIT_RULES
from wagewatch.synthetic.generator import DEFAULT_SEED, generate
from wagewatch.synthetic.identities import id_check_char, is_valid_id
from wagewatch.synthetic.oracle import (
    INVALID_ID_NUMBER,
    LATE,
    MISSED,
    NO_PAYROLL,
    NON_DEDICATED_ACCOUNT,
    PARTIAL,
    UNREGISTERED_PAYEE,
    judge_worker,
)
from wagewatch.synthetic.oracle import RULES as PAYROLL_RULES
from wagewatch.synthetic.periods import age_on
from wagewatch.synthetic.roster_plants import lowest_daily_rate_at
from wagewatch.synthetic.settlement_oracle import SETTLEMENT_RULES
from wagewatch.synthetic.statement_oracle import STATEMENT_RULES
from wagewatch.synthetic.thresholds import minimum_wage

# the catalogue that truth.csv covers
RULES = (*PAYROLL_RULES, *STATEMENT_RULES, *SETTLEMENT_RULES, UNREGISTERED_COMPLAINANT, *DEPOSIT_RULES)

__all__ = [
    "DEFAULT_SEED",
    "DEPOSIT_RULES",
    "INVALID_ID_NUMBER",
    "LATE",
    "MISSED",
    "NON_DEDICATED_ACCOUNT",
    "NO_PAYROLL",
    "PARTIAL",
    "RULES",
    "STATEMENT_RULES",
    "UNREGISTERED_COMPLAINANT",
    "UNREGISTERED_PAYEE",
    "age_on",
    "generate",
    "id_check_char",
    "is_valid_id",
    "judge_worker",
    "lowest_daily_rate_at",
    "minimum_wage",
]
