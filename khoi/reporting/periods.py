"""Reporting periods: windows of a year counted from 1 January (pure, no database).

Public API (stable; khoi.reports builds on it):

- ``Period(year, kind, number=None)`` — a frozen dataclass. ``kind`` is one of
  ``"M"`` (a month, ``number`` 1–12), ``"Q"`` (a quarter, ``number`` 1–4),
  ``"H1"`` (6 tháng đầu năm: January–June), ``"9M"`` (9 tháng: January–September),
  ``"Y"`` (cả năm). H1, 9M and Y are cumulative windows from 1 January; ``number`` is None.
- ``Period.parse("2021-H1")`` (also ``"2021-Q1"``, ``"2021-9M"``, ``"2021-Y"``, ``"2021-03"``);
  ``str(period)`` gives the same code back. Bad codes raise ``ValueError``.
- ``.start`` / ``.end`` (dates, inclusive), ``.months`` (month numbers covered),
  ``.month_count``, ``.label`` (Vietnamese by default through gettext: "6 tháng đầu năm 2021",
  "năm 2021", "quý I năm 2021", "9 tháng năm 2021", "tháng 3 năm 2021"), ``.label_vi``
  (always Vietnamese), ``.same_period_last_year()``, ``.contains(other)``,
  ``.split(kind)`` (the months or quarters of a window, in order).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import ClassVar

from django.utils.translation import gettext as _

KINDS = ("M", "Q", "H1", "9M", "Y")
# How many months each kind covers, and the first month of a cumulative window.
_MONTHS_IN_KIND = {"M": 1, "Q": 3, "H1": 6, "9M": 9, "Y": 12}
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_CODE = re.compile(r"^\s*(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4])|(H1|9M|Y))\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str
    number: int | None = None

    KINDS: ClassVar[tuple[str, ...]] = KINDS

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown period kind {self.kind!r}")
        if not 1900 <= self.year <= 2999:
            raise ValueError(f"Year out of range: {self.year}")
        if self.kind == "M" and (self.number is None or not 1 <= self.number <= 12):
            raise ValueError("A month period needs a month number 1–12")
        if self.kind == "Q" and (self.number is None or not 1 <= self.number <= 4):
            raise ValueError("A quarter period needs a quarter number 1–4")
        if self.kind not in ("M", "Q") and self.number is not None:
            raise ValueError(f"A {self.kind} period has no number")

    # ---- construction ---------------------------------------------------------------------------

    @classmethod
    def parse(cls, code: str) -> Period:
        """ "2021-H1" → Period(2021, "H1"); "2021-03" → Period(2021, "M", 3)."""
        match = _CODE.match(code or "")
        if not match:
            raise ValueError(f"Not a period code: {code!r} (write 2021-Q1, 2021-H1, 2021-9M, 2021-Y or 2021-03)")
        year = int(match.group(1))
        if match.group(2):
            return cls(year, "M", int(match.group(2)))
        if match.group(3):
            return cls(year, "Q", int(match.group(3)))
        return cls(year, match.group(4).upper())

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(year, "M", month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        return cls(year, "Q", quarter)

    def __str__(self) -> str:
        if self.kind == "M":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "Q":
            return f"{self.year}-Q{self.number}"
        return f"{self.year}-{self.kind}"

    @property
    def code(self) -> str:
        return str(self)

    # ---- calendar -------------------------------------------------------------------------------

    @property
    def first_month(self) -> int:
        if self.kind == "M":
            return int(self.number or 1)
        if self.kind == "Q":
            return (int(self.number or 1) - 1) * 3 + 1
        return 1

    @property
    def month_count(self) -> int:
        return _MONTHS_IN_KIND[self.kind]

    @property
    def months(self) -> list[int]:
        return list(range(self.first_month, self.first_month + self.month_count))

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        last = self.first_month + self.month_count - 1
        return dt.date(self.year, last, calendar.monthrange(self.year, last)[1])

    def same_period_last_year(self) -> Period:
        return Period(self.year - 1, self.kind, self.number)

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def split(self, kind: str) -> list[Period]:
        """The months ("M") or quarters ("Q") that tile this window; [self] for its own kind."""
        if kind == self.kind:
            return [self]
        if kind == "M":
            return [Period(self.year, "M", m) for m in self.months]
        if kind == "Q":
            if self.month_count % 3 or self.kind == "M":
                raise ValueError(f"{self} cannot be split into quarters")
            return [Period(self.year, "Q", (m - 1) // 3 + 1) for m in self.months[::3]]
        raise ValueError(f"{self} cannot be split into {kind}")

    # ---- words ----------------------------------------------------------------------------------

    @property
    def label(self) -> str:
        """In the active language (Vietnamese unless English is switched on)."""
        if self.kind == "M":
            return _("month %(month)d of %(year)d") % {"month": self.number, "year": self.year}
        if self.kind == "Q":
            return _("quarter %(roman)s of %(year)d") % {"roman": _ROMAN[int(self.number or 1)], "year": self.year}
        if self.kind == "H1":
            return _("first six months of %(year)d") % {"year": self.year}
        if self.kind == "9M":
            return _("first nine months of %(year)d") % {"year": self.year}
        return _("year %(year)d") % {"year": self.year}

    @property
    def label_vi(self) -> str:
        """Always Vietnamese, as the seed articles write it."""
        if self.kind == "M":
            return f"tháng {self.number} năm {self.year}"
        if self.kind == "Q":
            return f"quý {_ROMAN[int(self.number or 1)]} năm {self.year}"
        if self.kind == "H1":
            return f"6 tháng đầu năm {self.year}"
        if self.kind == "9M":
            return f"9 tháng năm {self.year}"
        return f"năm {self.year}"


def period_choices(years: list[int]) -> list[tuple[str, str]]:
    """Codes and labels for a period picker: the cumulative windows and quarters of each year."""
    choices: list[tuple[str, str]] = []
    for year in sorted(years, reverse=True):
        for period in (
            Period(year, "Y"),
            Period(year, "9M"),
            Period(year, "H1"),
            *(Period(year, "Q", q) for q in (4, 3, 2, 1)),
        ):
            choices.append((str(period), period.label))
    return choices
