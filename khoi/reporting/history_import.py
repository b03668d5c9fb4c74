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
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from khoi.core.text import clean_text
from khoi.core.workbook_read import SheetContents, read_workbook
from khoi.units.models import Unit

from .history_cells import (
    HEAD_INDICATOR_CODE,
    HEAD_INDICATOR_NAME,
    HEAD_MEASURE,
    HEAD_UNIT_CODE,
    HEAD_UNIT_NAME,
    SKIP_HEADERS,
    TEMPLATE_SHEET,
    TOTAL_ROWS,
    UNIT_CODE_HEADERS,
    UNIT_NAME_HEADERS,
    Catalogue,
    Cell,
    Change,
    Preview,
    Problem,
    cell_address,
    check_cell,
    period_from_text,
    read_number,
    text_key,
    unit_label,
)
from .models import (
    HistoryImport,
    Indicator,
    IndicatorValue,
    RuleSeverity,
    SubmissionStatus,
    TimeAggregation,
)
from .periods import Period
from .validation import (
    active_rules,
    disaggregation_errors,
    evaluate_nested_rules,
    evaluate_period_rules,
    parts_by_total,
    window_table,
)

# ---- our template ----------------------------------------------------------------------------------


def _template_cells(sheet: SheetContents, catalogue: Catalogue, problems: list[Problem]) -> list[Cell]:
    header_row = next(
        (row for row in sheet.rows if any(text_key(v) == text_key(HEAD_UNIT_CODE) for v in row.values)), None
    )
    if header_row is None:
        problems.append(
            Problem(sheet.title, _("No header row with “%(header)s”: use the template.") % {"header": HEAD_UNIT_CODE})
        )
        return []
    heads = [text_key(v) for v in header_row.values]

    def column(name: str) -> int | None:
        return heads.index(text_key(name)) if text_key(name) in heads else None

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
                    cell_address(sheet, header_row, index),
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
                    cell_address(sheet, row, unit_code if unit_code is not None else 0),
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
                    cell_address(sheet, row, indicator_code if indicator_code is not None else 2),
                    _("Unknown indicator “%(indicator)s”.")
                    % {"indicator": clean_text(ind_code or ind_name or "", multiline=False)},
                )
            )
            continue
        for index, period in periods.items():
            where = cell_address(sheet, row, index)
            value = read_number(row.value(index), indicator=indicator, where=where, problems=problems)
            if value is not None:
                cells.append(Cell(unit, indicator, period, value, where))
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
        keys = [text_key(v) for v in row.values]
        code = next((i for i, k in enumerate(keys) if k in UNIT_CODE_HEADERS), None)
        name = next((i for i, k in enumerate(keys) if k in UNIT_NAME_HEADERS), None)
        if code is None and name is None:
            continue
        columns = [
            (i, clean_text(v, multiline=False))
            for i, v in enumerate(row.values)
            if i not in (code, name) and v not in (None, "") and text_key(v) not in SKIP_HEADERS
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
) -> list[Cell]:
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
            if not code_value and text_key(name_value).startswith(TOTAL_ROWS):
                continue  # the table's total line
            if code_value in (None, "") and name_value in (None, ""):
                continue
            unit = catalogue.unit(code_value, name_value)
            if unit is None:
                problems.append(
                    Problem(
                        cell_address(sheet, row, code_col if code_col is not None else name_col or 0),
                        _("Unknown unit “%(unit)s”.")
                        % {"unit": clean_text(code_value or name_value or "", multiline=False)},
                    )
                )
                continue
            for index, indicator in mapped:
                if indicator is None:
                    continue
                where = cell_address(sheet, row, index)
                value = read_number(row.value(index), indicator=indicator, where=where, problems=problems)
                if value is not None:
                    cells.append(Cell(unit, indicator, period, value, where))
    return cells


# ---- the preview ---------------------------------------------------------------------------------------


def _rule_problems(cells: list[Cell], preview: Preview) -> None:
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
            where = f"{unit_label(unit)} – {Period.parse(result.period_code).label}"
            target = preview.problems if result.rule.severity == RuleSeverity.ERROR else preview.warnings
            target.append(Problem(where, result.rule.message))
        flat = {(code, period_code): value for period_code, values in current.items() for code, value in values.items()}
        for message in disaggregation_errors(flat, parts):
            preview.problems.append(Problem(unit_label(unit), message))


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
    kept: list[Cell] = []
    for cell in cells:
        if not check_cell(catalogue, cell, problems):
            continue
        key = (cell.unit.pk, cell.indicator.pk, str(cell.period))
        if key in seen:
            problems.append(
                Problem(
                    cell.where,
                    _("%(unit)s, %(indicator)s, %(period)s is given twice (also in %(other)s).")
                    % {
                        "unit": unit_label(cell.unit),
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


def _compare(cells: list[Cell], preview: Preview) -> None:
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
                        "unit": unit_label(cell.unit),
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
