"""A reporting form as an Excel workbook to fill in, and reading it back. No database here.

The sheet a reporter sees is Vietnamese: a title with the unit (name and code) and the period as
people say it ("6 tháng đầu năm 2024"), then STT, the indicator, its unit of measure, the value of
each period collected and, for reference, the same period of the year before. Indicator codes
are not on it: a hidden sheet (`CODES_SHEET`) holds the identity of the file (form, unit,
period), the period of each value column and the indicator of each row. Reading back uses that
sheet, so a file made for another unit or period is refused by name.

Files downloaded before the hidden sheet existed (first row "Mã chỉ tiêu | Chỉ tiêu | Đơn vị tính |
<period codes>") are still read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from khoi.core.workbook import BOLD, HEADER, Cell, Style, WorkbookWriter, cell_text
from khoi.core.workbook_read import SheetRow, WorkbookReadError, read_upload

from .parsing import NotANumber, parse_number

SHEET_TITLE = "Biểu mẫu"
CODES_SHEET = "Mã chỉ tiêu"
FIRST_VALUE_COLUMN = 3  # 0-based: STT, indicator, unit of measure, then the values
LEGACY_HEADER = ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính"]
VALUE_FORMAT = "#,##0.####"
_IDENTITY = ("Biểu mẫu", "Đơn vị", "Kỳ báo cáo")


@dataclass(frozen=True)
class FormPeriod:
    code: str  # "2024-H1"
    label: str  # "6 tháng đầu năm 2024"
    previous_label: str  # "6 tháng đầu năm 2023"


@dataclass(frozen=True)
class FormRow:
    code: str
    name: str
    unit_label: str
    values: Sequence[Decimal | None]  # one per period
    previous: Sequence[Decimal | None]  # the same period of the year before, one per period


@dataclass(frozen=True)
class FormFile:
    form_code: str
    form_name: str
    unit_code: str
    unit_name: str
    period_code: str
    period_label: str
    periods: Sequence[FormPeriod]
    rows: Sequence[FormRow]


def build_form_workbook(form_file: FormFile) -> bytes:
    writer = WorkbookWriter()
    sheet = writer.sheet(SHEET_TITLE)
    count = len(form_file.periods)
    sheet.title_row(form_file.form_name.upper(), size=14)
    sheet.append([f"Đơn vị: {form_file.unit_name} (mã {form_file.unit_code})"], style=BOLD)
    sheet.append([f"Kỳ báo cáo: {form_file.period_label}"], style=BOLD)
    sheet.append(["Điền số liệu vào các cột có nền vàng; không xoá hay thêm dòng chỉ tiêu."], style=Style(italic=True))
    header_row = sheet.header(
        [
            "STT",
            "Chỉ tiêu",
            "Đơn vị tính",
            *(period.label for period in form_file.periods),
            *(f"Cùng kỳ năm trước ({period.previous_label})" for period in form_file.periods),
        ]
    )
    editable = Style(fill="FFF7D6", border=True, number_format=VALUE_FORMAT)
    fixed = Style(border=True)
    reference = Style(border=True, italic=True, number_format=VALUE_FORMAT)
    row_numbers = []
    for index, row in enumerate(form_file.rows, start=1):
        values = [Cell(value, editable) for value in row.values]
        previous = [Cell(value, reference) for value in row.previous]
        row_numbers.append(sheet.append([index, row.name, row.unit_label, *values, *previous], style=fixed))
    sheet.column_widths([6, 55, 14, *([18] * count), *([22] * count)])
    sheet.freeze(f"D{header_row + 1}")

    codes = writer.sheet(CODES_SHEET, hidden=True)
    codes.append([_IDENTITY[0], form_file.form_code])
    codes.append([_IDENTITY[1], form_file.unit_code])
    codes.append([_IDENTITY[2], form_file.period_code])
    codes.append(["Cột", "Kỳ"], style=HEADER)
    for offset, period in enumerate(form_file.periods):
        codes.append([get_column_letter(FIRST_VALUE_COLUMN + offset + 1), period.code])
    codes.append(["Dòng", "Mã chỉ tiêu"], style=HEADER)
    for number, row in zip(row_numbers, form_file.rows, strict=True):
        codes.append([number, row.code])
    return writer.to_bytes()


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _identity_error(form_file: FormFile, found: dict[str, str]) -> str | None:
    if found.get(_IDENTITY[0]) != form_file.form_code:
        return _("This file is the template of another form; download the template of this form.")
    if found.get(_IDENTITY[1]) != form_file.unit_code or found.get(_IDENTITY[2]) != form_file.period_code:
        return _(
            "This file is the template of another unit or period (%(unit)s, %(period)s); this form is for "
            "%(expected_unit)s, %(expected_period)s."
        ) % {
            "unit": found.get(_IDENTITY[1], "?"),
            "period": found.get(_IDENTITY[2], "?"),
            "expected_unit": form_file.unit_code,
            "expected_period": form_file.period_label,
        }
    return None


def _cells_from_codes(
    form_file: FormFile, rows: list[SheetRow], codes_rows: list[SheetRow]
) -> list[tuple[str, str, Any, str]]:
    """(indicator code, period code, cell value as typed, cell name) from a file with the hidden
    sheet; a row whose indicator name is not the one the template wrote there (rows inserted or
    deleted by hand) is refused rather than read into the wrong indicator."""
    identity = {_text(row.value(0)): _text(row.value(1)) for row in codes_rows[:3]}
    problem = _identity_error(form_file, identity)
    if problem:
        raise ValidationError({"file": problem})
    columns: dict[int, str] = {}
    by_row: dict[int, str] = {}
    section = ""
    for row in codes_rows[3:]:
        first, second = _text(row.value(0)), _text(row.value(1))
        if first in ("Cột", "Dòng"):
            section = first
        elif section == "Cột" and first:
            columns[_column_index(first)] = second
        elif section == "Dòng" and first:
            try:
                by_row[int(float(first))] = second
            except ValueError:
                continue
    sheet_rows = {row.number: row for row in rows}
    names = {row.code: row.name for row in form_file.rows}
    cells = []
    for number, code in by_row.items():
        sheet_row = sheet_rows.get(number)
        written = _text(sheet_row.value(1)) if sheet_row else ""
        if code in names and written != cell_text(names[code]).strip():
            raise ValidationError(
                {
                    "file": _(
                        "Row %(row)s should hold the indicator “%(name)s”: rows were inserted or deleted. Download "
                        "the template again and fill it in without changing its rows."
                    )
                    % {"row": number, "name": names[code]}
                }
            )
        for index, period_code in columns.items():
            value = sheet_row.value(index) if sheet_row else None
            cells.append((code, period_code, value, f"{get_column_letter(index + 1)}{number}"))
    return cells


def _column_index(letter: str) -> int:
    from openpyxl.utils import column_index_from_string

    try:
        return column_index_from_string(letter.upper()) - 1
    except ValueError:
        return -1


def _cells_from_legacy(form_file: FormFile, rows: list[SheetRow]) -> list[tuple[str, str, Any, str]]:
    """The same from a file downloaded before the hidden sheet: codes in column A, period codes in the header."""
    expected = [*LEGACY_HEADER, *(period.code for period in form_file.periods)]
    header = [_text(value) for value in (rows[0].values if rows else ())][: len(expected)]
    if header != expected:
        raise ValidationError(
            {
                "file": _(
                    "This is not the Excel template of this form: download the template from this page, fill "
                    "in its figures and upload it."
                )
            }
        )
    cells = []
    for row in rows[1:]:
        code = _text(row.value(0))
        if not code:
            continue
        for offset, period in enumerate(form_file.periods):
            index = len(LEGACY_HEADER) + offset
            cells.append((code, period.code, row.value(index), row.coordinate(index)))
    return cells


def read_form_workbook(content: bytes | IO[bytes], form_file: FormFile, field_name: Any) -> dict[str, Any]:
    """The values of an uploaded form as {field name: value as typed}, or ValidationError with
    every wrong cell named. `form_file` describes what the file must be (rows may be empty)."""
    return read_form_cells(content, form_file, field_name)[0]


def read_form_cells(
    content: bytes | IO[bytes], form_file: FormFile, field_name: Any
) -> tuple[dict[str, Any], dict[str, str]]:
    """As `read_form_workbook`, with the sheet cell each value was read from ({field name: "D7"}),
    so that a check failing on a value can name the cell to correct."""
    try:
        contents = read_upload(content, header_rows=10, other_sheets=[CODES_SHEET])
    except WorkbookReadError as error:
        raise ValidationError({"file": error.message}) from None
    codes_sheet = contents.named.get(CODES_SHEET)
    if codes_sheet is not None:
        cells = _cells_from_codes(form_file, contents.first.rows, codes_sheet.rows)
    else:
        cells = _cells_from_legacy(form_file, contents.first.rows)
    codes = {row.code for row in form_file.rows}
    periods = {period.code for period in form_file.periods}
    values: dict[str, Any] = {}
    where: dict[str, str] = {}
    errors = []
    for code, period_code, value, cell in cells:
        if code not in codes or period_code not in periods:
            errors.append(
                _("Cell %(cell)s: “%(code)s” is not an indicator of this form.") % {"cell": cell, "code": code}
            )
            continue
        try:
            parse_number(value)
        except NotANumber:
            errors.append(_("Cell %(cell)s: “%(text)s” is not a number.") % {"cell": cell, "text": value})
            continue
        values[field_name(code, period_code)] = "" if value is None else value
        where[field_name(code, period_code)] = cell
    if errors:
        raise ValidationError({"file": errors})
    return values, where
