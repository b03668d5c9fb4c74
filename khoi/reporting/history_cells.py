"""History import's shared pieces (no writes): the template's headings, periods read from words
("6 tháng đầu năm 2024"), the problems, changes and preview a reading returns, the catalogue of
units and indicators a file is matched against, and the checks of one cell.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from khoi.core.formatting import format_number
from khoi.core.text import clean_text, search_key
from khoi.core.workbook_read import SheetContents, SheetRow
from khoi.units.models import BASE_KINDS, Unit

from .entry import MAX_ABS_VALUE
from .models import (
    HistoryImport,
    Indicator,
    ReportForm,
    TimeAggregation,
    ValueType,
)
from .parsing import NotANumber, parse_number
from .periods import Period

TEMPLATE_SHEET = "Số liệu"
HEAD_UNIT_CODE = "Mã đơn vị"
HEAD_UNIT_NAME = "Tên đơn vị"
HEAD_INDICATOR_CODE = "Mã chỉ tiêu"
HEAD_INDICATOR_NAME = "Chỉ tiêu"
HEAD_MEASURE = "Đơn vị tính"
UNIT_CODE_HEADERS = {"ma don vi", "ma dv", "ma"}
UNIT_NAME_HEADERS = {"ten don vi", "don vi", "ten dv", "ten to chuc dang", "ten co so dang"}
TOTAL_ROWS = ("tong cong", "tong so", "cong", "toan khoi", "tong")
SKIP_HEADERS = {"stt", "tt", "so tt", "ghi chu"}
# The kinds of period a form's frequency collects.
COLLECTED_KINDS: dict[str, tuple[str, ...]] = {
    ReportForm.Frequency.WINDOW: ("Q", "H1", "9M", "Y"),
    ReportForm.Frequency.QUARTER: ("Q",),
    ReportForm.Frequency.MONTH: ("M",),
}
_WINDOW_END_MONTHS = {3, 6, 9, 12}


def stock_period_accepted(period: Period) -> bool:
    """Whether a stock (số dư cuối kỳ, tồn: the value at a period's end) may be imported for this
    period: only when the period ends on a quarter's last month, where a report window ends.

    Why this rule is kept. The product brief defines a stock as "the balance at the period's end"
    and the periods reports compare as windows of a year counted from 1 January (quarter, first
    half, nine months, year), each against the same window of the year before; the conventions add
    only DHIS2's "LAST for stocks". Every one of those windows ends in March, June, September or
    December, so a stock for any other month is never the end of a window the reports use, and
    issue 20 lists "a stock given for a period that does not end where the window ends" as bad
    input. Neither speaks of monthly stocks: the window store (windows.py) does read a
    monthly form's stock for that month's own window, so a committee that keeps month-end
    balances can still import March, June, September and December, which are all its half-year
    and year reports read. If monthly stocks ever become a report of their own, this is the one
    place to widen (to "any period the catalogue collects"), not the window maths.
    """
    return period.end.month in _WINDOW_END_MONTHS


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(r"^(?:quy|q)\s*(i{1,3}|iv|[1-4])\s*(?:nam|/|-|,)?\s*(\d{4})$")
_HALF = re.compile(r"^6\s*thang(?:\s*dau)?(?:\s*nam)?\s*(?:/|-|,)?\s*(\d{4})$")
_NINE = re.compile(r"^9\s*thang(?:\s*dau)?(?:\s*nam)?\s*(?:/|-|,)?\s*(\d{4})$")
_YEAR = re.compile(r"^(?:ca\s*)?nam\s*(\d{4})$")
_MONTH = re.compile(r"^thang\s*(\d{1,2})\s*(?:nam|/|-)?\s*(\d{4})$")
_BRACKETS = re.compile(r"\s*\([^)]*\)\s*$")


def period_from_text(value: Any) -> Period | None:
    """A period from a header or a sheet title as committees write it ("Quý I/2024", "6 tháng đầu
    năm 2024", "Năm 2023", "Tháng 3/2024"), or from its code; None when it names none."""
    if value is None:
        return None
    text = search_key(clean_text(value, multiline=False)).strip(" .:")
    try:
        return Period.parse(text)
    except ValueError:
        pass
    try:
        if match := _QUARTER.match(text):
            number = _ROMAN.get(match.group(1)) or int(match.group(1))
            return Period(int(match.group(2)), "Q", number)
        if match := _HALF.match(text):
            return Period(int(match.group(1)), "H1")
        if match := _NINE.match(text):
            return Period(int(match.group(1)), "9M")
        if match := _YEAR.match(text):
            return Period(int(match.group(1)), "Y")
        if match := _MONTH.match(text):
            return Period(int(match.group(2)), "M", int(match.group(1)))
    except ValueError:
        return None
    return None


def text_key(value: Any) -> str:
    return search_key(clean_text(value if value is not None else "", multiline=False))


def header_key(value: Any) -> str:
    """How a column header is matched: accent-free, without a trailing "(tỷ đồng)"."""
    return text_key(_BRACKETS.sub("", clean_text(value if value is not None else "", multiline=False)))


@dataclass(frozen=True)
class Problem:
    where: str  # "Số liệu!F7", or a sheet's name, or a unit and a period
    message: str


@dataclass(frozen=True)
class Change:
    unit: Unit
    indicator: Indicator
    period: Period
    old: Decimal | None
    new: Decimal
    where: str

    @property
    def old_text(self) -> str:
        return "" if self.old is None else format_number(self.old, self.indicator.decimals)

    @property
    def new_text(self) -> str:
        return format_number(self.new, self.indicator.decimals)


@dataclass
class Preview:
    file_name: str
    file_hash: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    periods: list[Period] = field(default_factory=list)
    previous: HistoryImport | None = None  # an earlier import of the very same file

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def new_count(self) -> int:
        return sum(1 for change in self.changes if change.old is None)

    @property
    def changed(self) -> list[Change]:
        return [change for change in self.changes if change.old is not None]

    @property
    def digest(self) -> str:
        """What the import would write: confirming a stale preview is refused."""
        lines = sorted(f"{c.unit.pk}|{c.indicator.pk}|{c.period}|{c.old}|{c.new}" for c in self.changes)
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@dataclass(frozen=True)
class Cell:
    unit: Unit
    indicator: Indicator
    period: Period
    value: Decimal
    where: str


class Catalogue:
    """The units, the typed indicators and the periods the forms collect, read once."""

    def __init__(self) -> None:
        self.units = list(Unit.objects.filter(kind__in=BASE_KINDS).prefetch_related("groups"))
        self.unit_by_code = {unit.code.casefold(): unit for unit in self.units}
        self.unit_by_name: dict[str, Unit] = {}
        for unit in self.units:
            for name in (unit.name, unit.short_name, unit.enterprise_name):
                if name:
                    self.unit_by_name.setdefault(text_key(name), unit)
        self.indicators = list(Indicator.objects.prefetch_related("groups", "forms").order_by("order", "code"))
        self.indicator_by_code = {indicator.code.casefold(): indicator for indicator in self.indicators}
        self.indicator_by_name: dict[str, Indicator] = {}
        for indicator in self.indicators:
            for name in (indicator.name, indicator.name_en):
                if name:
                    self.indicator_by_name.setdefault(header_key(name), indicator)
        self.kinds: dict[int, set[str]] = defaultdict(set)
        self.form_for: dict[tuple[int, str], ReportForm] = {}
        for indicator in self.indicators:
            for form in sorted(indicator.forms.all(), key=lambda f: f.code):
                for kind in COLLECTED_KINDS.get(form.frequency, ()):
                    self.kinds[indicator.pk].add(kind)
                    self.form_for.setdefault((indicator.pk, kind), form)
        self.groups = {unit.pk: {group.pk for group in unit.groups.all()} for unit in self.units}

    def unit(self, code: Any, name: Any) -> Unit | None:
        if code not in (None, ""):
            found = self.unit_by_code.get(str(code).strip().casefold())
            if found is not None:
                return found
        return self.unit_by_name.get(text_key(name)) if name not in (None, "") else None

    def indicator(self, code: Any, name: Any = None) -> Indicator | None:
        if code not in (None, ""):
            found = self.indicator_by_code.get(str(code).strip().casefold())
            if found is not None:
                return found
        for text in (name, code):  # a name typed in the code column still matches
            if text not in (None, "") and (found := self.indicator_by_name.get(header_key(text))) is not None:
                return found
        return None

    def applies(self, indicator: Indicator, unit: Unit) -> bool:
        groups = {group.pk for group in indicator.groups.all()}
        return not groups or bool(groups & self.groups.get(unit.pk, set()))


def cell_address(sheet: SheetContents, row: SheetRow, index: int) -> str:
    return f"{sheet.title}!{row.coordinate(index)}"


def unit_label(unit: Unit) -> str:
    return unit.short_name or unit.name


def read_number(
    raw: Any, *, indicator: Indicator, where: str, problems: list[Problem]
) -> Decimal | None:  # None: empty or refused (a problem is listed)
    if isinstance(raw, str) and not raw.strip():
        return None
    try:
        value = parse_number(raw)
    except NotANumber:
        problems.append(Problem(where, _("“%(text)s” is not a number.") % {"text": clean_text(raw, multiline=False)}))
        return None
    if value is None:
        return None
    if abs(value) >= MAX_ABS_VALUE:
        problems.append(Problem(where, _("The number is too large.")))
        return None
    if value < 0 and not indicator.allow_negative:
        problems.append(Problem(where, _("“%(indicator)s” cannot be negative.") % {"indicator": indicator.name}))
        return None
    if indicator.value_type == ValueType.INTEGER and value != value.to_integral_value():
        problems.append(Problem(where, _("“%(indicator)s” takes whole numbers.") % {"indicator": indicator.name}))
        return None
    return value


def check_cell(catalogue: Catalogue, cell: Cell, problems: list[Problem]) -> bool:
    indicator, period, unit = cell.indicator, cell.period, cell.unit
    if indicator.is_computed:
        problems.append(
            Problem(
                cell.where,
                _("“%(indicator)s” is computed from other indicators, not typed.") % {"indicator": indicator.name},
            )
        )
        return False
    if period.kind not in catalogue.kinds.get(indicator.pk, set()):
        problems.append(
            Problem(
                cell.where,
                _("The catalogue does not collect “%(indicator)s” for %(period)s.")
                % {"indicator": indicator.name, "period": period.label},
            )
        )
        return False
    if indicator.time_aggregation == TimeAggregation.STOCK and not stock_period_accepted(period):
        problems.append(
            Problem(
                cell.where,
                _(
                    "“%(indicator)s” is a stock (the value at a period's end): %(period)s does not end where a "
                    "report window ends (a quarter, six months, nine months or the year)."
                )
                % {"indicator": indicator.name, "period": period.label},
            )
        )
        return False
    if not catalogue.applies(indicator, unit):
        problems.append(
            Problem(
                cell.where,
                _("“%(indicator)s” is not reported by %(unit)s (its groups).")
                % {"indicator": indicator.name, "unit": unit_label(unit)},
            )
        )
        return False
    if unit.joined_on > period.end or (unit.left_on is not None and unit.left_on < period.start):
        problems.append(
            Problem(
                cell.where,
                _("%(unit)s was not in the bloc during %(period)s.")
                % {"unit": unit_label(unit), "period": period.label},
            )
        )
        return False
    return True
