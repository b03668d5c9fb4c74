"""The one way we read an uploaded Excel workbook: bounded, checked, before any transaction.

Every import calls `read_workbook` (or `read_upload` with the uploaded file) and gets the
non-empty rows of the sheets it asks for, each row with its Excel row number, or one
`WorkbookReadError` whose message is Vietnamese (in the active language) and ready for a form
error. What a file costs is bounded whatever it holds:

- its size (`KHOI_UPLOAD_MAX_BYTES`, 5 MB) is checked before it is read, and the size of what it
  unpacks to (`KHOI_UPLOAD_MAX_UNPACKED_BYTES`) before openpyxl opens it: a 44 KB zip can hold
  hundreds of megabytes of XML;
- sheets are streamed (openpyxl `read_only=True`) and reading stops at the row cap (non-empty
  rows only, `KHOI_UPLOAD_MAX_ROWS` unless the caller says otherwise) or after a long run of empty
  rows, so 300,000 blank rows or a `<dimension>` claiming a million rows cost nothing;
- values are the ones Excel computed (`data_only=True`). A formula whose computed value was never
  saved (a file written by a script, not by Excel) would read as empty and erase a figure: such a
  cell is refused by name ("Ô D4 là công thức chưa có giá trị…"). A sheet whose XML shows a formula
  element (a cheap scan) is read a second time with its formulas, bounded like the first reading.

An encrypted workbook (an OLE compound file, as Excel saves a password-protected .xlsx, or an old
.xls), a file that is not a zip, a zip without a workbook and a workbook without a sheet each get
their own message.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from .formatting import format_number

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
EMPTY_RUN_LIMIT = 1_000  # this many empty rows in a row end a sheet
MAX_COLUMNS = 60
_CHUNK = 1 << 18
_ROW_LOOKBACK = 4096
_LAST_ROW = re.compile(rb'.*<(?:\w+:)?row r="(\d+)"', re.S)


class WorkbookReadError(Exception):
    """A file we cannot read; `message` is for the person who uploaded it, `code` says why
    ("size", "encrypted", "not_excel", "unpacked", "no_sheet", "rows", "formula")."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class SheetRow:
    number: int  # the Excel row number
    values: tuple[Any, ...]  # cells from column A, at most the reader's max_columns

    def value(self, index: int) -> Any:
        """The value of the cell in column `index` (0 for A), None past the end."""
        return self.values[index] if index < len(self.values) else None

    def coordinate(self, index: int) -> str:
        """ "D4" for index 3 of row 4."""
        return f"{get_column_letter(index + 1)}{self.number}"


@dataclass(frozen=True)
class SheetContents:
    title: str
    hidden: bool
    rows: list[SheetRow] = field(default_factory=list)  # non-empty rows, top to bottom


@dataclass(frozen=True)
class WorkbookContents:
    first: SheetContents  # the workbook's first sheet
    named: dict[str, SheetContents] = field(default_factory=dict)  # the other sheets asked for, when present


def max_upload_bytes() -> int:
    return int(settings.KHOI_UPLOAD_MAX_BYTES)


def max_upload_rows() -> int:
    return int(settings.KHOI_UPLOAD_MAX_ROWS)


def _too_large() -> WorkbookReadError:
    megabytes = max_upload_bytes() / (1024 * 1024)
    return WorkbookReadError(
        _("The file is larger than %(size)s MB; upload a smaller file.") % {"size": format_number(megabytes, 1)},
        code="size",
    )


def check_upload_size(upload: Any) -> None:
    """Refuse an uploaded file over the size limit before it is read (for a form's clean_file)."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_upload_bytes():
        raise _too_large()


def upload_content(upload: IO[bytes] | bytes) -> bytes:
    """The bytes of an uploaded file, refused before reading when it is over the size limit."""
    if isinstance(upload, (bytes, bytearray)):
        content = bytes(upload)
    else:
        check_upload_size(upload)
        content = upload.read(max_upload_bytes() + 1)
    if len(content) > max_upload_bytes():
        raise _too_large()
    return content


def _not_excel() -> WorkbookReadError:
    return WorkbookReadError(_("The file is not an Excel workbook (.xlsx), or it is damaged."), code="not_excel")


def _check_package(content: bytes) -> zipfile.ZipFile:
    if content.startswith(OLE_SIGNATURE):
        raise WorkbookReadError(
            _(
                "The file is protected by a password or saved in the old Excel format (.xls): remove the "
                "password, save it as an Excel workbook (.xlsx) and upload it again."
            ),
            code="encrypted",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _not_excel() from error
    limit = int(settings.KHOI_UPLOAD_MAX_UNPACKED_BYTES)
    if sum(member.file_size for member in members) > limit:
        raise WorkbookReadError(
            _("The workbook holds too much to read (more than %(size)s MB once unpacked); split it.")
            % {"size": format_number(limit / (1024 * 1024))},
            code="unpacked",
        )
    if not any(
        member.filename.lower().endswith(".xml") and "workbook" in member.filename.lower() for member in members
    ):
        raise _not_excel()
    return archive


def _too_many_rows(max_rows: int) -> WorkbookReadError:
    return WorkbookReadError(
        _("The file has more than %(count)s rows; split it into several files.") % {"count": format_number(max_rows)},
        code="rows",
    )


def _read_rows(worksheet: Any, *, max_rows: int, header_rows: int, max_columns: int) -> list[SheetRow]:
    rows: list[SheetRow] = []
    empty_run = 0
    # The <dimension> a file claims is not trusted (too small hides rows, too large costs): read
    # to the end of the data, bounded by the caps below.
    worksheet.reset_dimensions()
    for number, values in enumerate(worksheet.iter_rows(max_col=max_columns, values_only=True), start=1):
        if all(value is None or (isinstance(value, str) and not value.strip()) for value in values):
            empty_run += 1
            if empty_run >= EMPTY_RUN_LIMIT:
                break
            continue
        empty_run = 0
        end = len(values)
        while values[end - 1] is None:
            end -= 1
        rows.append(SheetRow(number, tuple(values[:end])))
        if len(rows) > max_rows + header_rows:
            raise _too_many_rows(max_rows)
    return rows


def _may_hold_formulas(archive: zipfile.ZipFile, path: str, last_row: int) -> bool:
    """Might the sheet's XML hold a formula element up to row `last_row`? A cheap scan that stops
    at the first sign ("<f" also matches a few other elements: then the second reading decides)
    or once it has passed `last_row` (rows come in order), so trailing rows cost nothing."""
    try:
        handle = archive.open(path.lstrip("/"))
    except KeyError:
        return True
    tail = b""
    with handle:
        while chunk := handle.read(_CHUNK):
            window = tail + chunk
            if b"<f" in window or b":f>" in window or b":f " in window:
                return True
            row = _LAST_ROW.search(window[-_ROW_LOOKBACK:])
            if row and int(row.group(1)) > last_row:
                return False
            tail = chunk[-16:]
    return False


def _check_formulas(content: bytes, title: str, rows: list[SheetRow], max_columns: int) -> None:
    """Refuse a formula whose computed value is missing: read with formulas, a cell holds "=…"
    (or an array formula) where the computed values gave nothing."""
    last = (rows[-1].number if rows else 0) + EMPTY_RUN_LIMIT
    kept = {row.number: row for row in rows}
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    try:
        worksheet = workbook[title]
        worksheet.reset_dimensions()
        for number, values in enumerate(worksheet.iter_rows(max_row=last, max_col=max_columns, values_only=True), 1):
            for index, value in enumerate(values):
                if value is None or (isinstance(value, str) and not value.startswith("=")):
                    continue
                if isinstance(value, (int, float, dt.datetime, dt.date, dt.time, dt.timedelta, bool)):
                    continue
                row = kept.get(number)
                if row is None or row.value(index) is None:
                    cell = f"{get_column_letter(index + 1)}{number}"
                    raise WorkbookReadError(
                        _(
                            "Cell %(cell)s is a formula without a computed value; save the file in Excel, "
                            "then upload it again."
                        )
                        % {"cell": cell},
                        code="formula",
                    )
    finally:
        workbook.close()


def read_workbook(
    content: bytes,
    *,
    max_rows: int | None = None,
    header_rows: int = 1,
    max_columns: int = MAX_COLUMNS,
    other_sheets: Sequence[str] = (),
    all_sheets: bool = False,
) -> WorkbookContents:
    """The non-empty rows of the first sheet (and of the sheets named in `other_sheets` when
    present, or of every other sheet with `all_sheets`); more than `max_rows` rows under
    `header_rows` header rows is refused, per sheet."""
    if len(content) > max_upload_bytes():
        raise _too_large()
    limit = max_upload_rows() if max_rows is None else max_rows
    archive = _check_package(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds (KeyError, ValueError, XML errors…)
        raise _not_excel() from error
    try:
        worksheets = workbook.worksheets
        if not worksheets:
            raise WorkbookReadError(
                _("The workbook has no sheet: fill in the template and upload it again."), code="no_sheet"
            )
        wanted = [worksheets[0], *(sheet for sheet in worksheets[1:] if all_sheets or sheet.title in other_sheets)]
        sheets: list[tuple[SheetContents, str]] = []
        for worksheet in wanted:
            try:
                rows = _read_rows(worksheet, max_rows=limit, header_rows=header_rows, max_columns=max_columns)
            except WorkbookReadError:
                raise
            except Exception as error:  # a damaged sheet
                raise _not_excel() from error
            contents = SheetContents(worksheet.title, worksheet.sheet_state != "visible", rows)
            sheets.append((contents, getattr(worksheet, "_worksheet_path", "")))
    finally:
        workbook.close()
    for contents, path in sheets:
        last_row = (contents.rows[-1].number if contents.rows else 0) + EMPTY_RUN_LIMIT
        if path and not _may_hold_formulas(archive, path, last_row):
            continue
        try:
            _check_formulas(content, contents.title, contents.rows, max_columns)
        except WorkbookReadError:
            raise
        except Exception as error:
            raise _not_excel() from error
    first, *others = (contents for contents, _path in sheets)
    return WorkbookContents(first=first, named={sheet.title: sheet for sheet in others})


def read_upload(upload: IO[bytes] | bytes, **options: Any) -> WorkbookContents:
    """`read_workbook` of an uploaded file, refused by size before it is read into memory."""
    return read_workbook(upload_content(upload), **options)
