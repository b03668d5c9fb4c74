"""The one way we write an Excel workbook: sheets of typed cells, returned as .xlsx bytes.

Every export of the product goes through `WorkbookWriter` so that text from outside can never
become something else in Excel:

- a text cell is always stored as text. openpyxl would write a string starting with "=" as a live
  formula (a contestant named `=HYPERLINK(…)`), and "#N/A" as an error; here text that starts with
  "=", "+", "-", "@", a tab or a carriage return (OWASP's formula-injection list) is stored as a
  string with Excel's quote prefix, so Excel shows it as typed and never evaluates it;
- characters XML cannot hold are removed (`khoi.core.document_text`), so odd characters already
  stored never make an export fail;
- numbers stay numbers (int, float, Decimal), dates are dates with a Vietnamese format.

    writer = WorkbookWriter()
    sheet = writer.sheet("Danh sách")
    sheet.title_row("DANH SÁCH …")
    sheet.header(["STT", "Họ và tên"])
    sheet.append([1, name])
    sheet.column_widths([6, 40])
    content = writer.to_bytes()
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .document_text import document_text

DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
INTEGER_FORMAT = "#,##0"
TEXT_FORMAT = "@"
HEADER_FILL = "EEF0F4"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
_SHEET_TITLE_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")


@dataclass(frozen=True)
class Style:
    """How a cell looks; `number_format` None leaves the default (dates get DATE_FORMAT)."""

    bold: bool = False
    italic: bool = False
    size: float | None = None
    fill: str | None = None  # an RGB colour, "EEF0F4"
    wrap: bool = False
    horizontal: Literal["left", "center", "right"] | None = None
    vertical: Literal["top", "center", "bottom"] | None = None
    border: bool = False
    number_format: str | None = None


@dataclass(frozen=True)
class Cell:
    """A value with its own style, where a row's style is not enough."""

    value: object
    style: Style


PLAIN = Style()
BOLD = Style(bold=True)
HEADER = Style(bold=True, fill=HEADER_FILL, wrap=True, horizontal="center", vertical="center")
_THIN = Side(style="thin", color="999999")


@functools.lru_cache(maxsize=256)
def _openpyxl_style(style: Style) -> tuple[Font | None, PatternFill | None, Alignment | None, Border | None]:
    font = (
        Font(bold=style.bold, italic=style.italic, size=style.size)
        if style.bold or style.italic or style.size
        else None
    )
    fill = PatternFill("solid", fgColor=style.fill) if style.fill else None
    alignment = (
        Alignment(wrap_text=style.wrap or None, horizontal=style.horizontal, vertical=style.vertical)
        if style.wrap or style.horizontal or style.vertical
        else None
    )
    border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN) if style.border else None
    return font, fill, alignment, border


def cell_text(value: object) -> str:
    """Text as a cell stores it: storable characters only, at most Excel's 32,767."""
    return document_text(value)[:MAX_CELL_TEXT]


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet read this text as a formula if it were typed in?"""
    return text.startswith(FORMULA_STARTS)


def sheet_title(text: object, used: set[str] | None = None) -> str:
    """A valid, unique (within `used`, case-insensitive as Excel compares) sheet name ≤ 31 chars."""
    base = cell_text(text).replace("\n", " ").replace("\t", " ").translate(_SHEET_TITLE_FORBIDDEN)
    base = base.strip().strip("'")[:31].strip() or "Sheet"
    taken = {name.casefold() for name in used or ()}
    name, suffix = base, 2
    while name.casefold() in taken:
        tail = f" ({suffix})"
        name, suffix = base[: 31 - len(tail)] + tail, suffix + 1
    if used is not None:
        used.add(name)
    return name


class SheetWriter:
    """One sheet; rows are written top to bottom."""

    def __init__(self, worksheet: Worksheet) -> None:
        self.worksheet = worksheet
        self.row_count = 0

    def append(
        self,
        values: Sequence[object],
        *,
        style: Style = PLAIN,
        formats: Sequence[str | None] = (),
        height: float | None = None,
    ) -> int:
        """Write one row (`formats[i]` is the number format of column i+1); returns its number."""
        self.row_count += 1
        number = self.row_count
        for index, value in enumerate(values):
            cell_style = style
            if isinstance(value, Cell):
                cell_style, value = value.style, value.value
            if index < len(formats) and formats[index] and not cell_style.number_format:
                cell_style = replace(cell_style, number_format=formats[index])
            self._write(number, index + 1, value, cell_style)
        if height is not None:
            self.worksheet.row_dimensions[number].height = height
        return number

    def extend(
        self, rows: Iterable[Sequence[object]], *, style: Style = PLAIN, formats: Sequence[str | None] = ()
    ) -> None:
        for values in rows:
            self.append(values, style=style, formats=formats)

    def header(self, values: Sequence[object], *, style: Style = HEADER) -> int:
        return self.append(values, style=style)

    def title_row(self, text: object, *, size: float = 13) -> int:
        return self.append([text], style=Style(bold=True, size=size))

    def blank(self) -> int:
        self.row_count += 1
        return self.row_count

    def merge(self, row: int, first_column: int, last_column: int) -> None:
        self.worksheet.merge_cells(start_row=row, start_column=first_column, end_row=row, end_column=last_column)

    def column_widths(self, widths: Sequence[float], *, first_column: int = 1) -> None:
        for index, width in enumerate(widths, start=first_column):
            self.worksheet.column_dimensions[get_column_letter(index)].width = width

    def freeze(self, cell: str) -> None:
        """Keep the rows above and the columns left of `cell` in view ("A2": the header row)."""
        self.worksheet.freeze_panes = cell

    def _write(self, row: int, column: int, value: object, style: Style) -> None:
        cell = self.worksheet.cell(row=row, column=column)
        number_format = style.number_format
        if value is None:
            pass
        elif isinstance(value, bool):
            cell.value = value
        elif isinstance(value, (int, float, Decimal)):
            if value.is_finite() if isinstance(value, Decimal) else math.isfinite(value):
                cell.value = value
            else:
                cell.value = str(value)
                cell.data_type = "s"
        elif isinstance(value, dt.datetime):
            cell.value = value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone().replace(tzinfo=None)
            number_format = number_format or DATETIME_FORMAT
        elif isinstance(value, dt.date):
            cell.value = value
            number_format = number_format or DATE_FORMAT
        else:
            text = cell_text(value)
            cell.value = text
            cell.data_type = "s"  # never a formula ("=…") nor an error code ("#N/A")
            if is_formula_like(text):
                cell.quotePrefix = True
        if number_format:
            cell.number_format = number_format
        if style != PLAIN:
            font, fill, alignment, border = _openpyxl_style(replace(style, number_format=None))
            if font is not None:
                cell.font = font
            if fill is not None:
                cell.fill = fill
            if alignment is not None:
                cell.alignment = alignment
            if border is not None:
                cell.border = border


class WorkbookWriter:
    """A workbook of sheets; `to_bytes()` gives the .xlsx file."""

    def __init__(self) -> None:
        self._workbook = Workbook()
        self._titles: set[str] = set()
        self._fresh = True  # openpyxl starts with one empty sheet: the first `sheet()` reuses it

    def sheet(self, title: object, *, hidden: bool = False) -> SheetWriter:
        name = sheet_title(title, self._titles)
        if self._fresh:
            worksheet = self._workbook.active
            assert isinstance(worksheet, Worksheet)
            worksheet.title = name
            self._fresh = False
        else:
            worksheet = self._workbook.create_sheet(name)
        if hidden:
            worksheet.sheet_state = "hidden"
        return SheetWriter(worksheet)

    def to_bytes(self) -> bytes:
        if self._fresh:
            self.sheet("Sheet")
        buffer = io.BytesIO()
        self._workbook.save(buffer)
        return buffer.getvalue()
