"""History import, reading and checking (no writes): past figures of every unit from a workbook.

Two layouts:

- **our template** (``history_services.history_template``): one sheet "Số liệu", a row per unit ×
  indicator, a column per period whose header is the period in words ("6 tháng đầu năm 2024");
- **summary tables** committees already keep: one sheet per period (its title names the period,
  "6 tháng 2024"), units as rows (by code or name), indicators as columns, headers matched by
  the indicator's code or name; the suggested matching is shown and the user confirms it
  (``summary_layout`` then ``read_history(..., mapping=…)``).

``read_history`` returns a ``Preview``: every problem with its cell (unknown units or indicators,
a period the catalogue does not collect, text in number cells, the same unit, indicator and period
twice, a stock for a period that does not end where a report window ends, values breaking the
rules of khoi.reporting.validation), the values that are new or differ from the database, and the
count of those already there. Nothing is written until there is no problem
(``history_services.history_import_apply``).
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
from khoi.core.workbook_read import SheetContents, SheetRow, read_workbook
from khoi.units.models import BASE_KINDS, Unit

from .entry import MAX_ABS_VALUE
from .models import (
    HistoryImport,
    Indicator,
    IndicatorValue,
    ReportForm,
    RuleSeverity,
    SubmissionStatus,
    TimeAggregation,
    ValueType,
)
from .parsing import NotANumber, parse_number
from .periods import Period
from .validation import (
    active_rules,
    disaggregation_errors,
    evaluate_nested_rules,
    evaluate_period_rules,
    parts_by_total,
    window_table,
)

TEMPLATE_SHEET = "Số liệu"
HEAD_UNIT_CODE = "Mã đơn vị"
HEAD_UNIT_NAME = "Tên đơn vị"
HEAD_INDICATOR_CODE = "Mã chỉ tiêu"
HEAD_INDICATOR_NAME = "Chỉ tiêu"
HEAD_MEASURE = "Đơn vị tính"
_UNIT_CODE_HEADERS = {"ma don vi", "ma dv", "ma"}
_UNIT_NAME_HEADERS = {"ten don vi", "don vi", "ten dv", "ten to chuc dang", "ten co so dang"}
_TOTAL_ROWS = ("tong cong", "tong so", "cong", "toan khoi", "tong")
_SKIP_HEADERS = {"stt", "tt", "so tt", "ghi chu"}
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

    Why this rule is kept. PRODUCT.md defines a stock as "the balance at the period's end" and the
    periods reports compare as "windows of a year counted from 1 January (quarter, first half, nine
    months, year)", each against the same window of the year before; CONVENTIONS.md only adds
    DHIS2's "LAST for stocks". Every one of those windows ends in March, June, September or
    December, so a stock for any other month is never the end of a window the reports use, and
    issue 20 lists "a stock given for a period that does not end where the window ends" as bad
    input. Neither document speaks of monthly stocks: the window store (windows.py) does read a
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


def _key(value: Any) -> str:
    return search_key(clean_text(value if value is not None else "", multiline=False))


def header_key(value: Any) -> str:
    """How a column header is matched: accent-free, without a trailing "(tỷ đồng)"."""
    return _key(_BRACKETS.sub("", clean_text(value if value is not None else "", multiline=False)))


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
class _Cell:
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
                    self.unit_by_name.setdefault(_key(name), unit)
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
        return self.unit_by_name.get(_key(name)) if name not in (None, "") else None

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


def _where(sheet: SheetContents, row: SheetRow, index: int) -> str:
    return f"{sheet.title}!{row.coordinate(index)}"


def _unit_label(unit: Unit) -> str:
    return unit.short_name or unit.name


def _number(
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


def _check_cell(catalogue: Catalogue, cell: _Cell, problems: list[Problem]) -> bool:
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
                % {"indicator": indicator.name, "unit": _unit_label(unit)},
            )
        )
        return False
    if unit.joined_on > period.end or (unit.left_on is not None and unit.left_on < period.start):
        problems.append(
            Problem(
                cell.where,
                _("%(unit)s was not in the bloc during %(period)s.")
                % {"unit": _unit_label(unit), "period": period.label},
            )
        )
        return False
    return True


# ---- our template ----------------------------------------------------------------------------------


def _template_cells(sheet: SheetContents, catalogue: Catalogue, problems: list[Problem]) -> list[_Cell]:
    header_row = next((row for row in sheet.rows if any(_key(v) == _key(HEAD_UNIT_CODE) for v in row.values)), None)
    if header_row is None:
        problems.append(
            Problem(sheet.title, _("No header row with “%(header)s”: use the template.") % {"header": HEAD_UNIT_CODE})
        )
        return []
    heads = [_key(v) for v in header_row.values]

    def column(name: str) -> int | None:
        return heads.index(_key(name)) if _key(name) in heads else None

    unit_code, unit_name = column(HEAD_UNIT_CODE), column(HEAD_UNIT_NAME)
    indicator_code, indicator_name = column(HEAD_INDICATOR_CODE), column(HEAD_INDICATOR_NAME)
    fixed = {i for i in (unit_code, unit_name, indicator_code, indicator_name, column(HEAD_MEASURE)) if i is not None}
    periods: dict[int, Period] = {}
    for index, value in enumerate(header_row.values):
        if index in fixed or value in (None, ""):
            continue
        period = period_from_text(value)
        if period is None:
            problems.append(
                Problem(
                    _where(sheet, header_row, index),
                    _("“%(text)s” is not a period (write e.g. “6 tháng đầu năm 2024”).")
                    % {"text": clean_text(value, multiline=False)},
                )
            )
        else:
            periods[index] = period
    cells = []
    for row in sheet.rows:
        if row.number <= header_row.number:
            continue
        code = row.value(unit_code) if unit_code is not None else None
        name = row.value(unit_name) if unit_name is not None else None
        unit = catalogue.unit(code, name)
        if unit is None:
            problems.append(
                Problem(
                    _where(sheet, row, unit_code if unit_code is not None else 0),
                    _("Unknown unit “%(unit)s”.") % {"unit": clean_text(code or name or "", multiline=False)},
                )
            )
            continue
        ind_code = row.value(indicator_code) if indicator_code is not None else None
        ind_name = row.value(indicator_name) if indicator_name is not None else None
        indicator = catalogue.indicator(ind_code, ind_name)
        if indicator is None:
            problems.append(
                Problem(
                    _where(sheet, row, indicator_code if indicator_code is not None else 2),
                    _("Unknown indicator “%(indicator)s”.")
                    % {"indicator": clean_text(ind_code or ind_name or "", multiline=False)},
                )
            )
            continue
        for index, period in periods.items():
            where = _where(sheet, row, index)
            value = _number(row.value(index), indicator=indicator, where=where, problems=problems)
            if value is not None:
                cells.append(_Cell(unit, indicator, period, value, where))
    return cells


# ---- summary tables ----------------------------------------------------------------------------------


@dataclass
class SummarySheet:
    title: str
    period: Period | None  # suggested from the title
    unit_columns: tuple[int | None, int | None]  # code, name
    header_row: int
    columns: list[tuple[int, str]]  # (index, header text) of the indicator columns


@dataclass
class SummaryLayout:
    sheets: list[SummarySheet]
    headers: list[str]  # distinct indicator headers, in order of first appearance
    suggested: dict[str, str]  # header → indicator code matched by code or name
    problems: list[Problem]


def _summary_sheet(sheet: SheetContents) -> SummarySheet | None:
    for row in sheet.rows[:15]:
        keys = [_key(v) for v in row.values]
        code = next((i for i, k in enumerate(keys) if k in _UNIT_CODE_HEADERS), None)
        name = next((i for i, k in enumerate(keys) if k in _UNIT_NAME_HEADERS), None)
        if code is None and name is None:
            continue
        columns = [
            (i, clean_text(v, multiline=False))
            for i, v in enumerate(row.values)
            if i not in (code, name) and v not in (None, "") and _key(v) not in _SKIP_HEADERS
        ]
        return SummarySheet(sheet.title, period_from_text(sheet.title), (code, name), row.number, columns)
    return None


def _read_all(content: bytes) -> list[SheetContents]:
    contents = read_workbook(content, all_sheets=True, header_rows=5)
    return [contents.first, *contents.named.values()]


def summary_layout(content: bytes, catalogue: Catalogue | None = None) -> SummaryLayout:
    """The sheets, their suggested periods and the indicator columns, for the mapping step."""
    catalogue = catalogue or Catalogue()
    sheets, problems, headers = [], [], []
    for sheet in _read_all(content):
        if sheet.hidden:
            continue
        found = _summary_sheet(sheet)
        if found is None:
            problems.append(
                Problem(sheet.title, _("No header row naming the units (“Mã đơn vị” or “Tên đơn vị”) in this sheet."))
            )
            continue
        sheets.append(found)
        for _index, text in found.columns:
            if text not in headers:
                headers.append(text)
    suggested = {}
    for text in headers:
        indicator = catalogue.indicator(text, text)
        if indicator is not None and not indicator.is_computed:
            suggested[text] = indicator.code
    return SummaryLayout(sheets, headers, suggested, problems)


def _summary_cells(
    content: bytes, catalogue: Catalogue, mapping: dict[str, Any], problems: list[Problem]
) -> list[_Cell]:
    layout = summary_layout(content, catalogue)
    problems.extend(layout.problems)
    sheet_periods: dict[str, str] = mapping.get("sheets", {})
    columns: dict[str, str] = mapping.get("columns", {})
    by_title = {sheet.title: sheet for sheet in _read_all(content)}
    cells = []
    for found in layout.sheets:
        code = sheet_periods.get(found.title, "")
        period = None
        if code:
            try:
                period = Period.parse(code)
            except ValueError:
                period = None
        if period is None:
            problems.append(Problem(found.title, _("Choose the period of this sheet.")))
            continue
        sheet = by_title[found.title]
        mapped = [(i, catalogue.indicator(columns.get(text, ""))) for i, text in found.columns]
        code_col, name_col = found.unit_columns
        for row in sheet.rows:
            if row.number <= found.header_row:
                continue
            code_value = row.value(code_col) if code_col is not None else None
            name_value = row.value(name_col) if name_col is not None else None
            if not code_value and _key(name_value).startswith(_TOTAL_ROWS):
                continue  # the table's total line
            if code_value in (None, "") and name_value in (None, ""):
                continue
            unit = catalogue.unit(code_value, name_value)
            if unit is None:
                problems.append(
                    Problem(
                        _where(sheet, row, code_col if code_col is not None else name_col or 0),
                        _("Unknown unit “%(unit)s”.")
                        % {"unit": clean_text(code_value or name_value or "", multiline=False)},
                    )
                )
                continue
            for index, indicator in mapped:
                if indicator is None:
                    continue
                where = _where(sheet, row, index)
                value = _number(row.value(index), indicator=indicator, where=where, problems=problems)
                if value is not None:
                    cells.append(_Cell(unit, indicator, period, value, where))
    return cells


# ---- the preview ---------------------------------------------------------------------------------------


def _rule_problems(cells: list[_Cell], preview: Preview) -> None:
    """The rules of khoi.reporting.validation over each unit's figures (the file's, completed by
    the approved values already stored for the same periods and the year before)."""
    rules = active_rules()
    parts = parts_by_total()
    stocks = {i.code for i in Indicator.objects.filter(time_aggregation=TimeAggregation.STOCK)}
    by_unit: dict[int, dict[str, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    units: dict[int, Unit] = {}
    for cell in cells:
        by_unit[cell.unit.pk][str(cell.period)][cell.indicator.code] = cell.value
        units[cell.unit.pk] = cell.unit
    if not by_unit:
        return
    period_codes = {code for table in by_unit.values() for code in table}
    wanted = period_codes | {str(Period.parse(code).same_period_last_year()) for code in period_codes}
    stored: dict[int, dict[str, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for unit_id, code, period_code, value in IndicatorValue.objects.filter(
        unit_id__in=list(by_unit), period_code__in=wanted, submission__status=SubmissionStatus.APPROVED
    ).values_list("unit_id", "indicator__code", "period_code", "value"):
        stored[unit_id][period_code][code] = value
    for unit_id, table in by_unit.items():
        unit = units[unit_id]
        merged: dict[str, dict[str, Decimal]] = {}
        for period_code in set(table) | set(stored[unit_id]):
            merged[period_code] = {**stored[unit_id].get(period_code, {}), **table.get(period_code, {})}
        current = {code: merged[code] for code in table}
        previous = {code: merged.get(str(Period.parse(code).same_period_last_year()), {}) for code in table}
        results = evaluate_period_rules(rules, current, previous)
        for year in sorted({Period.parse(code).year for code in table}):
            rows = [(c, Period.parse(p), v) for p, values in merged.items() for c, v in values.items()]
            results += evaluate_nested_rules(rules, window_table(rows, stocks=stocks, year=year), year=year)
        for result in results:
            if result.passed is not False:
                continue
            where = f"{_unit_label(unit)} – {Period.parse(result.period_code).label}"
            target = preview.problems if result.rule.severity == RuleSeverity.ERROR else preview.warnings
            target.append(Problem(where, result.rule.message))
        flat = {(code, period_code): value for period_code, values in current.items() for code, value in values.items()}
        for message in disaggregation_errors(flat, parts):
            preview.problems.append(Problem(_unit_label(unit), message))


def read_history(*, content: bytes, file_name: str, layout: str, mapping: dict[str, Any] | None = None) -> Preview:
    """Every problem of the file, and what importing it would change (reads only)."""
    file_hash = hashlib.sha256(content).hexdigest()
    preview = Preview(file_name=file_name, file_hash=file_hash)
    preview.previous = (
        HistoryImport.objects.filter(file_hash=file_hash, status=HistoryImport.Status.IMPORTED)
        .select_related("uploaded_by")
        .order_by("-imported_at")
        .first()
    )
    catalogue = Catalogue()
    problems = preview.problems
    if layout == HistoryImport.Layout.SUMMARY:
        cells = _summary_cells(content, catalogue, mapping or {}, problems)
    else:
        contents = read_workbook(content, other_sheets=(TEMPLATE_SHEET,), header_rows=3)
        sheet = contents.named.get(TEMPLATE_SHEET, contents.first)
        cells = _template_cells(sheet, catalogue, problems)
    seen: dict[tuple[int, int, str], str] = {}
    kept: list[_Cell] = []
    for cell in cells:
        if not _check_cell(catalogue, cell, problems):
            continue
        key = (cell.unit.pk, cell.indicator.pk, str(cell.period))
        if key in seen:
            problems.append(
                Problem(
                    cell.where,
                    _("%(unit)s, %(indicator)s, %(period)s is given twice (also in %(other)s).")
                    % {
                        "unit": _unit_label(cell.unit),
                        "indicator": cell.indicator.name,
                        "period": cell.period.label,
                        "other": seen[key],
                    },
                )
            )
            continue
        seen[key] = cell.where
        kept.append(cell)
    if not kept and not problems:
        problems.append(Problem(file_name, _("The file holds no figure to import.")))
    _rule_problems(kept, preview)
    _compare(kept, preview)
    preview.periods = sorted({cell.period for cell in kept}, key=lambda p: (p.end, p.month_count))
    return preview


def _compare(cells: list[_Cell], preview: Preview) -> None:
    """New, changed and unchanged values; a value of a form still in progress is a problem."""
    if not cells:
        return
    existing = {
        (v.unit_id, v.indicator_id, v.period_code): v
        for v in IndicatorValue.objects.filter(
            unit_id__in={c.unit.pk for c in cells},
            indicator_id__in={c.indicator.pk for c in cells},
            period_code__in={str(c.period) for c in cells},
        ).select_related("submission")
    }
    statuses = dict(SubmissionStatus.choices)
    for cell in cells:
        stored = existing.get((cell.unit.pk, cell.indicator.pk, str(cell.period)))
        if stored is None:
            preview.changes.append(Change(cell.unit, cell.indicator, cell.period, None, cell.value, cell.where))
        elif stored.submission.status != SubmissionStatus.APPROVED:
            preview.problems.append(
                Problem(
                    cell.where,
                    _("%(unit)s's form for %(period)s is in progress (%(status)s): finish it before importing.")
                    % {
                        "unit": _unit_label(cell.unit),
                        "period": cell.period.label,
                        "status": str(statuses.get(stored.submission.status, "")).lower(),
                    },
                )
            )
        elif Decimal(stored.value) == cell.value:
            preview.unchanged += 1
        else:
            preview.changes.append(
                Change(cell.unit, cell.indicator, cell.period, Decimal(stored.value), cell.value, cell.where)
            )
