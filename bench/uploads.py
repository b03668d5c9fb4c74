"""What hostile workbooks cost the shared reader (khoi.core.workbook_read), no database.

    .venv/bin/python bench/uploads.py

Builds, in memory, the files of issue 13's attack (a few KB to a few MB of zip) and prints, for
each, its size, how long `read_workbook` takes and what it answers: rows read, or the
Vietnamese refusal. Before the shared reader, 300,000 blank rows cost 13 s and 1,000,000 rows 93 s.
"""

from __future__ import annotations

import io
import os
import re
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")

import django

django.setup()

from django.utils import translation  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from khoi.core.workbook_read import WorkbookReadError, read_workbook  # noqa: E402


def _with_sheet_xml(sheet_data: bytes, dimension: bytes = b"A1") -> bytes:
    """A real workbook whose first sheet's <sheetData> is replaced by `sheet_data`."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["x"])
    source = io.BytesIO()
    workbook.save(source)
    archive = zipfile.ZipFile(source)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in archive.infolist():
            data = archive.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb"<sheetData>.*</sheetData>", b"<sheetData>" + sheet_data + b"</sheetData>", data, flags=re.S
                )
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="' + dimension + b'"/>', data)
            target.writestr(member.filename, data)
    return buffer.getvalue()


def blank_rows(count: int) -> bytes:
    header = b'<row r="1"><c r="A1" t="inlineStr"><is><t>M\xc3\xa3</t></is></c></row>'
    rows = b"".join(b'<row r="%d" ht="15" customHeight="1"/>' % number for number in range(2, count + 1))
    return _with_sheet_xml(header + rows, b"A1:A%d" % count)


def empty_cells(count: int) -> bytes:
    rows = b"".join(b'<row r="%d"><c r="A%d" s="0"/></row>' % (n, n) for n in range(1, count + 1))
    return _with_sheet_xml(rows, b"A1:A%d" % count)


def filled_rows(count: int) -> bytes:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n) for n in range(1, count + 1))
    return _with_sheet_xml(rows, b"A1:A%d" % count)


def one_cell_far_down() -> bytes:
    return _with_sheet_xml(b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>', b"A1:XFD1048576")


CASES: list[tuple[str, Callable[[], bytes]]] = [
    ("300,000 blank rows", lambda: blank_rows(300_000)),
    ("1,000,000 rows of empty cells", lambda: empty_cells(1_000_000)),
    ("500,000 rows with a number each", lambda: filled_rows(500_000)),
    ("1,000,000 rows with a number each", lambda: filled_rows(1_000_000)),
    ("one cell at row 1,048,576, dimension A1:XFD1048576", one_cell_far_down),
]


def main() -> None:
    translation.activate("vi")
    print(f"{'file':52} {'zip size':>10} {'read':>8}  answer")
    for name, build in CASES:
        content = build()
        started = time.perf_counter()
        try:
            contents = read_workbook(content)
            answer = f"{len(contents.first.rows)} non-empty rows"
        except WorkbookReadError as error:
            answer = error.message
        elapsed = time.perf_counter() - started
        print(f"{name:52} {len(content) / 1024:>8.0f} KB {elapsed:>7.3f}s  {answer}")


if __name__ == "__main__":
    main()
