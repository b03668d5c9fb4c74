"""Reading numbers as Vietnamese people type them (pure, no database).

"14.167" and "14167" are fourteen thousand one hundred and sixty-seven; "975,9" is 975.9;
"1.234,5" is 1234.5; "-3" is minus three; "" is no value. A dot followed by exactly three digits
(groups of three) is a thousands separator; any other single dot is a decimal point, so "9.9"
typed from an English keyboard is still 9.9.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")


class NotANumber(ValueError):
    pass


def parse_number(text: str | int | float | Decimal | None) -> Decimal | None:
    """A Decimal, None for an empty cell, or NotANumber."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise NotANumber(str(text))
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(str(text))
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    if _GROUPED.match(cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif "," in cleaned:
        if "." in cleaned or cleaned.count(",") > 1:
            raise NotANumber(text)
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise NotANumber(text) from error
    if not value.is_finite():
        raise NotANumber(text)
    return value
