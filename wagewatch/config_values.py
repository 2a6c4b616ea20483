"""The value types every configuration section is checked with (wagewatch.settings, and the sections it
is assembled from): frozen, strict sections that refuse unknown keys, numbers read as Decimal, never
float, and region-code prefixes."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict


def number(value: Any) -> Decimal:
    """TOML integers and decimals (read as Decimal, never float); a string or a boolean is refused."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise ValueError("must be a number")
    return Decimal(value)


def region_prefix(value: str) -> str:
    if not re.fullmatch(r"\d{2,6}", value):
        raise ValueError("is not a region-code prefix (2 to 6 digits of GB/T 2260)")
    return value


Number = Annotated[Decimal, BeforeValidator(number)]
RegionPrefix = Annotated[str, BeforeValidator(region_prefix)]


class Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)
