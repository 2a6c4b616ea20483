"""The enforcement tools' configuration sections (issue 14): [deposits], the wage guarantee deposit;
[ageing], the escalation stages of arrears; [blacklist], the candidates for the list of employers in
arrears (docs/contract.md sections 3.3, 4.2, 4.3 and 6.5). wagewatch.settings assembles them."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, field_validator

from wagewatch.config_values import Number, RegionPrefix, Section


class Deposits(Section):
    """`[deposits]`: the wage guarantee deposit (工资保证金, docs/contract.md section 3.3)."""

    deposit_due_days: Annotated[int, Field(ge=0)]  # a project in progress this long has a deposit
    deposit_exempt_below: Annotated[Number, Field(ge=0)]  # contract amounts below it need none
    # region-code prefix -> the share of the contract amount the deposits in force must reach
    deposit_rate: dict[RegionPrefix, Annotated[Number, Field(gt=0, le=Decimal("0.1"))]]


class Ageing(Section):
    """`[ageing]`: the escalation stage of arrears by days overdue (docs/contract.md section 4.2)."""

    yellow_max_days: Annotated[int, Field(ge=1)]  # overdue up to this many days: yellow
    orange_max_days: Annotated[int, Field(ge=1)]  # up to this many: orange; beyond: red

    @field_validator("orange_max_days")
    @classmethod
    def _above_yellow(cls, value: int, info) -> int:
        if value <= info.data.get("yellow_max_days", 0):
            raise ValueError("must be above yellow_max_days")
        return value


class BlacklistBound(Section):
    """The arrears a region lists an employer for (拒不支付劳动报酬罪's amounts, set by the province)."""

    owed_amount: Annotated[Number, Field(gt=0)]  # owed to workers now, at least
    workers_owed: Annotated[int, Field(ge=1)]  # workers owed, at least


class Blacklist(Section):
    """`[blacklist]`: the candidates for the list of employers in arrears (docs/contract.md section 4.3)."""

    min_days_overdue: Annotated[int, Field(ge=0)]  # the oldest unpaid wage due at least this long
    rectification_days: Annotated[int, Field(ge=0)]  # still unpaid this long after the first flag
    early_removal_months: Annotated[int, Field(ge=0, le=120)]  # removal may be asked this long after paying
    term_years: Annotated[int, Field(ge=1, le=10)]  # a listing lasts this long
    bounds: dict[RegionPrefix, BlacklistBound]  # by region-code prefix; the longest wins
