"""Pure rules of Party building: calendar arithmetic, identity numbers, grading quotas. No database.

Working days are Monday to Friday; public holidays are not in the calendar (a deadline computed
here is at most as late as the official one is strict: a holiday inside the span would only move
the official deadline later).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when that day does not exist
    (29 February 2020 + 12 months = 28 February 2021; 31 January + 1 month = 28/29 February)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The `days`-th working day (Monday–Friday) after `start` ("within 30 working days from")."""
    current, left = start, days
    while left > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def deadline(start: dt.date, amount: int, unit: str) -> dt.date:
    if unit == "months":
        return add_months(start, amount)
    return add_working_days(start, amount)


# ---- Identity numbers (căn cước công dân, 12 digits) -------------------------------------------
# Structure (Thông tư 07/2016/TT-BCA, Điều 7): 3 digits of the province of birth registration
# (001–096), 1 digit of sex and century (0/1 born in the 1900s, male/female; 2/3 the 2000s; 4/5 the
# 2100s …), 2 digits of the year of birth, 6 random digits. No check digit.


@dataclass(frozen=True)
class IdentityProblem:
    message_key: str  # "format", "province", "birth_year"


def identity_problem(number: str, birth_date: dt.date | None) -> IdentityProblem | None:
    if len(number) != 12 or not number.isascii() or not number.isdigit():
        return IdentityProblem("format")
    if not 1 <= int(number[:3]) <= 96:
        return IdentityProblem("province")
    if birth_date is not None:
        century = 1900 + (int(number[3]) // 2) * 100
        if century + int(number[4:6]) != birth_date.year:
            return IdentityProblem("birth_year")
    return None


# ---- Grading quota ---------------------------------------------------------------------------


def excellent_allowed(grades: Mapping[str, int], cap_percent: Decimal) -> int:
    """How many may be rated 'excellent': at most cap % of those rated good or excellent (the
    excellent are chosen among the good), rounded down."""
    base = grades.get("excellent", 0) + grades.get("good", 0)
    return int((Decimal(base) * cap_percent / Decimal(100)).to_integral_value(rounding=ROUND_FLOOR))
