"""The one way we answer a file download: content type from the extension, and a
Content-Disposition that carries a Vietnamese file name (RFC 6266 / RFC 5987: an ASCII
`filename=` for old clients, the UTF-8 name in `filename*=`)."""

from __future__ import annotations

import mimetypes
from pathlib import PurePath
from typing import IO
from urllib.parse import quote

from django.http import FileResponse, HttpResponse
from unidecode import unidecode

from .document_text import document_text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {
    ".xlsx": XLSX,
    ".docx": DOCX,
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".zip": "application/zip",
}


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """`attachment; filename="bao-cao.docx"; filename*=UTF-8''b%C3%A1o-c%C3%A1o.docx`."""
    name = " ".join(document_text(filename).split()) or "tep"
    ascii_name = "".join(ch for ch in unidecode(name) if ch.isprintable() and ch not in '"\\') or "tep"
    value = f'{"inline" if inline else "attachment"}; filename="{ascii_name}"'
    if ascii_name != name:
        value += f"; filename*=UTF-8''{quote(name, safe='')}"
    return value


def file_response(
    content: bytes, filename: str, *, content_type: str | None = None, inline: bool = False
) -> HttpResponse:
    """A download of `content` named `filename` (its extension gives the content type)."""
    kind = content_type or content_type_for(filename)
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response


def content_type_for(filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def stored_file_response(file: IO[bytes], filename: str, *, inline: bool = False) -> FileResponse:
    """A stored file (an upload) streamed rather than read into memory, with the same headers."""
    response = FileResponse(file, content_type=content_type_for(filename))
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response
