"""Uploads an attacker (or an unlucky script) sends: each import's tests feed them to its endpoint."""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def workbook_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@functools.cache
def blank_rows(count: int = 300_000) -> bytes:
    """A small file of `count` blank rows (rows that exist, with a height, and hold nothing).

    The rows are written into the sheet's XML directly: openpyxl takes many seconds to write them,
    and the file is the same for every test that sends it."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes([["Mã"]])))
    rows = "".join(f'<row r="{number}" ht="15" customHeight="1"/>' for number in range(2, count + 1))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
                data = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="A1:A{count}"/>'.encode(), data)
            target.writestr(member.filename, data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def without_sheet() -> bytes:
    """A zip that is an Excel package whose workbook lists no sheet."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes([["x"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for member in source.infolist():
            if "worksheets/" in member.filename:
                continue
            data = source.read(member.filename)
            if member.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data)
            if member.filename == "xl/_rels/workbook.xml.rels":
                data = re.sub(rb"<Relationship[^>]*worksheets/[^>]*/>", b"", data)
            if member.filename == "[Content_Types].xml":
                data = re.sub(rb"<Override[^>]*worksheets/[^>]*/>", b"", data)
            target.writestr(member, data)
    return buffer.getvalue()


def encrypted() -> bytes:
    """What Excel saves for a password-protected .xlsx: an OLE compound file."""
    return OLE_HEADER + bytes(504)


def corrupt() -> bytes:
    return workbook_bytes([["x"]])[:300]


def formula_without_value(rows: Sequence[Sequence[object]]) -> bytes:
    """A workbook written by a script: its formulas have never been computed (no cached value)."""
    return workbook_bytes(rows)


def over_size(limit: int) -> bytes:
    return b"PK" + bytes(limit + 10)


BAD_FILES = {
    "blank rows": lambda: blank_rows(),
    "no sheet": without_sheet,
    "encrypted": encrypted,
    "corrupt": corrupt,
}
BAD_FILE_MESSAGES = {
    "blank rows": "",
    "no sheet": "không có trang tính",
    "encrypted": "mật khẩu",
    "corrupt": "không phải là bảng tính Excel",
}
