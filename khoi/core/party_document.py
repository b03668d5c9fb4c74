"""Word documents in the Party document format (Hướng dẫn 36-HD/VPTW, 2018).

Times New Roman on A4; top left the parent body (14, regular, capitals) over the issuing body
(14, bold), a "*" and the number and symbol ("Số 45-BC/ĐUK", no colon); top right "ĐẢNG CỘNG SẢN
VIỆT NAM" (15, bold, underlined) over place and date (14, italic); then the document type
(16, bold, capitals) and the subject (14, bold); body 14; at the end "Nơi nhận:" on the left and
the signature block on the right ("T/M BAN THƯỜNG VỤ" / "BÍ THƯ", then the name).

Reports (khoi.reports) and commendation decisions (khoi.emulation) both build on this, so the
format lives in one place. Every text passes through `document_text` (python-docx raises on
control characters; stored names may hold some).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document as new_docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from .document_text import document_text
from .formatting import format_document_date

FONT_NAME = "Times New Roman"
BODY_SIZE = 14


@dataclass(frozen=True)
class PartyDocumentHeader:
    parent_body: str  # "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG"
    issuing_body: str  # "ĐẢNG ỦY KHỐI DOANH NGHIỆP"
    number_symbol: str  # "Số 45-BC/ĐUK" (Party documents write "Số" without a colon)
    place: str  # "Hải Phòng"
    date: dt.date


@dataclass(frozen=True)
class SignatureBlock:
    authority: str  # "T/M BAN THƯỜNG VỤ" (or "K/T BÍ THƯ" when a deputy signs)
    title: str  # "BÍ THƯ" (or "PHÓ BÍ THƯ")
    signer_name: str  # "Đỗ Quang Khoa"


def _style_run(run: object, *, size: float = BODY_SIZE, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT_NAME  # type: ignore[attr-defined]
    run.font.size = Pt(size)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    run.font.italic = italic  # type: ignore[attr-defined]
    # East-Asian font slot too, or Word substitutes another face for some Vietnamese letters.
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT_NAME)  # type: ignore[attr-defined]


def _paragraph(
    container: Document | _Cell,
    text: str = "",
    *,
    size: float = BODY_SIZE,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    space_after: float = 0,
) -> Paragraph:
    paragraph: Paragraph = container.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.space_before = Pt(0)
    if align is not None:
        paragraph.alignment = align
    text = document_text(text)
    if text:
        run = paragraph.add_run(text)
        _style_run(run, size=size, bold=bold, italic=italic)
        run.font.underline = underline
    return paragraph


def _borderless(table: Table) -> None:
    borders = table._tbl.tblPr.first_child_found_in("w:tblBorders")
    if borders is not None:
        table._tbl.tblPr.remove(borders)


def new_party_document(
    header: PartyDocumentHeader,
    *,
    document_type: str,
    subject: str,
    landscape: bool = False,
) -> Document:
    """A new A4 document with the header block, the document type and the subject."""
    document = new_docx()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = Mm(35 if not landscape else 25)
    section.right_margin = Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(BODY_SIZE)

    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borderless(table)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(8.5)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _style_run(left.paragraphs[0].add_run(document_text(header.parent_body.upper())), size=14)
    _paragraph(left, header.issuing_body.upper(), size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(left, "*", size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(left, header.number_symbol, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    party = right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM")
    _style_run(party, size=15, bold=True)
    party.font.underline = True
    _paragraph(right, "", size=14)
    _paragraph(
        right,
        format_document_date(header.date, header.place),
        size=14,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
    )

    _paragraph(document, "", space_after=6)
    _paragraph(document, document_type.upper(), size=16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, subject, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, "-----", size=14, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    return document


def add_heading(document: Document, text: str) -> Paragraph:
    """A section heading inside the body ("I. KẾT QUẢ …"): 14, bold."""
    paragraph = _paragraph(document, text, size=BODY_SIZE, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=6)
    paragraph.paragraph_format.first_line_indent = Cm(1)
    return paragraph


def add_paragraph(
    document: Document, text: str, *, bold: bool = False, italic: bool = False, indent: bool = True
) -> Paragraph:
    """A body paragraph: 14, justified, first line indented 1 cm, 6 pt after."""
    paragraph = _paragraph(
        document, text, size=BODY_SIZE, bold=bold, italic=italic, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=6
    )
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.line_spacing = 1.15
    return paragraph


def add_table(
    document: Document,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    numeric_columns: Sequence[int] = (),
    size: float = 12,
) -> Table:
    """A bordered table: bold centred headers, numbers right-aligned."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _style_run(cell.paragraphs[0].add_run(document_text(text)), size=size, bold=True)
    if rows:
        # Styling every cell through python-docx costs ~0.3 ms a cell; a styled template row
        # copied per data row costs a fraction of that (a 1,000-unit table in a year report).
        template = table.add_row()
        for index, cell in enumerate(template.cells):
            if index in numeric_columns:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _style_run(cell.paragraphs[0].add_run("-"), size=size)
        template_row = template._tr
        table._tbl.remove(template_row)
        for values in rows:
            row = copy.deepcopy(template_row)
            for text_element, text in zip(row.iter(qn("w:t")), values, strict=True):
                text_element.text = document_text(text)
                text_element.set(qn("xml:space"), "preserve")
            table._tbl.append(row)
    _paragraph(document, "", space_after=6)
    return table


def add_signature(document: Document, signature: SignatureBlock, recipients: Sequence[str]) -> Table:
    """ "Nơi nhận:" with its list on the left, the signature block on the right."""
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(8), Cm(8)
    receive = left.paragraphs[0].add_run("Nơi nhận:")
    _style_run(receive, size=14)
    receive.font.underline = True
    for recipient in recipients:
        _paragraph(left, f"- {recipient}", size=12)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _style_run(right.paragraphs[0].add_run(document_text(signature.authority.upper())), size=14, bold=True)
    _paragraph(right, signature.title.upper(), size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(3):
        _paragraph(right, "", size=14)
    _paragraph(right, signature.signer_name, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    return table


def document_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
