"""Vietnamese number, percentage and date formats, as the bloc's articles write them.

"14.167 tỷ đồng", "tăng 28,7%", "9,9 triệu đồng/người/tháng", "ngày 28 tháng 12 năm 2021".
Pages, documents and API texts all format through these helpers, so the rules live in one place.
Numbers are rounded half up (as people round by hand), never half-to-even.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal
from django.utils import translation
from django.utils.translation import gettext as _

Number = int | float | Decimal


def current_locale() -> str:
    """The Babel locale for the active language: "vi" unless English is active."""
    language = translation.get_language() or "vi"
    return "en" if language.startswith("en") else "vi"


def round_half_up(value: Number, decimals: int = 0) -> Decimal:
    exponent = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)


def format_number(value: Number, decimals: int = 0, *, keep_zeros: bool = False, locale: str | None = None) -> str:
    """14167 → "14.167"; 975.93 with 1 decimal → "975,9"; 129.0 → "129" (as the seeds write)."""
    rounded = round_half_up(value, decimals)
    pattern = "#,##0" if decimals == 0 else "#,##0." + ("0" if keep_zeros else "#") * decimals
    return format_decimal(rounded, format=pattern, locale=locale or current_locale(), decimal_quantization=False)


def format_quantity(value: Number, unit: str, decimals: int = 0, *, locale: str | None = None) -> str:
    """14167, "tỷ đồng" → "14.167 tỷ đồng"."""
    number = format_number(value, decimals, locale=locale)
    return f"{number} {unit}".strip()


def format_percent(value: Number, decimals: int = 1, *, locale: str | None = None) -> str:
    """73.118 → "73,1%"."""
    return f"{format_number(value, decimals, locale=locale)}%"


def growth_percent(current: Number | None, previous: Number | None) -> Decimal | None:
    """Change against the same period in percent, or None when there is no usable base."""
    if current is None or previous is None:
        return None
    base = Decimal(str(previous))
    if base == 0:
        return None
    return (Decimal(str(current)) - base) / abs(base) * 100


def format_change(current: Number | None, previous: Number | None, decimals: int = 1) -> str:
    """ "tăng 28,7%", "giảm 3,2%", "bằng cùng kỳ", or "chưa có số liệu cùng kỳ"."""
    change = growth_percent(current, previous)
    if change is None:
        return _("no figure for the same period")
    rounded = round_half_up(change, decimals)
    if rounded > 0:
        return _("up %(percent)s") % {"percent": format_percent(rounded, decimals)}
    if rounded < 0:
        return _("down %(percent)s") % {"percent": format_percent(-rounded, decimals)}
    return _("level with the same period")


def format_long_date(value: dt.date) -> str:
    """ "ngày 28 tháng 12 năm 2021" (lower-case "ngày", as documents write it)."""
    return _("day %(day)d month %(month)d year %(year)d") % {
        "day": value.day,
        "month": value.month,
        "year": value.year,
    }


def format_document_date(value: dt.date, place: str = "") -> str:
    """Party document dating: leading zero for days under 10 and for months 1 and 2.

    "Hải Phòng, ngày 03 tháng 02 năm 2021" (Hướng dẫn 36-HD/VPTW).
    """
    day = f"{value.day:02d}"
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    text = f"ngày {day} tháng {month} năm {value.year}"
    return f"{place}, {text}" if place else text


def format_short_date(value: dt.date) -> str:
    """ "09/03/2021"."""
    return value.strftime("%d/%m/%Y")
