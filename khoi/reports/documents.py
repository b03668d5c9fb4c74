"""The bloc report as text, Word (Party document format), Excel and PDF. No database.

Word builds on `khoi.core.party_document` (Hướng dẫn 36-HD/VPTW) and PDF on `khoi.core.pdf`
(vendored Liberation fonts, so Vietnamese diacritics survive on any server). Excel holds values,
never formulas, with Vietnamese headers and number formats.

Each writer takes an optional `progress(percent)` callback: the background task reports through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from khoi.core.formatting import format_document_date
from khoi.core.party_document import (
    PartyDocumentHeader,
    SignatureBlock,
    add_heading,
    add_paragraph,
    add_signature,
    add_table,
    document_bytes,
    new_party_document,
)
from khoi.core.pdf import SERIF, new_pdf, pdf_bytes
from khoi.core.workbook import HEADER, SheetWriter, Style, WorkbookWriter

from .report_data import BlocReport, Table

Progress = Callable[[int], None]


@dataclass(frozen=True)
class DocumentHead:
    header: PartyDocumentHeader
    signature: SignatureBlock
    recipients: tuple[str, ...] = ()


def _noop(_percent: int) -> None:
    return None


def key_table(report: BlocReport) -> Table:
    headers = [
        _("No."),
        _("Indicator"),
        _("Unit"),
        report.period_label,
        _("Same period"),
        _("Compared with the same period"),
        _("Units reporting"),
    ]
    rows, values = [], []
    for index, row in enumerate(report.key_rows, start=1):
        reporting = f"{row.units_reporting}/{row.units_expected}"
        rows.append([str(index), row.name, row.unit, row.value_text, row.same_period_text, row.growth_text, reporting])
        ratio = (Decimal(100) + row.growth_percent) / 100 if row.growth_percent is not None else None
        values.append([index, row.name, row.unit, row.value, row.same_period_value, ratio, reporting])
    return Table(
        title=_("Key figures"),
        headers=headers,
        rows=rows,
        numeric_columns=(0, 3, 4, 5, 6),
        values=values,
        number_formats=("0", "@", "@", "#,##0.##", "#,##0.##", "0.0%", "@"),
    )


def all_tables(report: BlocReport) -> list[Table]:
    return [key_table(report), *report.tables]


# ---- Text --------------------------------------------------------------------------------------


def report_text(report: BlocReport) -> str:
    lines = [report.title.upper(), f"{report.scope_label} – {report.period_label}", ""]
    lines.extend(report.prose)
    for table in all_tables(report):
        lines.extend(["", table.title.upper()])
        widths = [max(len(str(cell)) for cell in column) for column in zip(table.headers, *table.rows, strict=False)]
        for cells in [table.headers, *table.rows]:
            lines.append(
                " | ".join(
                    str(cell).rjust(width) if index in table.numeric_columns else str(cell).ljust(width)
                    for index, (cell, width) in enumerate(zip(cells, widths, strict=False))
                ).rstrip()
            )
    if report.notes:
        lines.append("")
        lines.extend(report.notes)
    return "\n".join(lines) + "\n"


# ---- Word --------------------------------------------------------------------------------------


def report_docx(report: BlocReport, head: DocumentHead, progress: Progress = _noop) -> bytes:
    document = new_party_document(head.header, document_type=_("Report"), subject=report.subject or report.title)
    add_heading(document, _("I. KEY RESULTS"))
    for paragraph in report.prose:
        add_paragraph(document, paragraph)
    progress(20)
    tables = all_tables(report)
    for index, table in enumerate(tables, start=1):
        add_heading(document, f"{_roman(index + 1)}. {table.title.upper()}")
        add_table(document, table.headers, table.rows, numeric_columns=table.numeric_columns, size=11)
        progress(20 + 70 * index // len(tables))
    last = None
    for note in report.notes:
        last = add_paragraph(document, note, italic=True)
    _keep_with_signature(document, last)
    add_signature(document, head.signature, head.recipients)
    data = document_bytes(document)
    progress(100)
    return data


def _keep_with_signature(document: object, last_paragraph: object | None) -> None:
    """Word keeps the signature block on the page of what precedes it: the last paragraph, or
    the last two rows of the last table, are kept with the next."""
    from docx.document import Document as DocxDocument

    assert isinstance(document, DocxDocument)
    paragraphs = []
    if last_paragraph is not None:
        paragraphs.append(last_paragraph)
    elif document.tables:
        for row in document.tables[-1].rows[-2:]:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    for paragraph in paragraphs:
        paragraph.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]


def _roman(number: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for value, letters in numerals:
        while number >= value:
            text += letters
            number -= value
    return text


# ---- Excel -------------------------------------------------------------------------------------

_CELL = Style(border=True)
_TABLE_HEADER = replace(HEADER, border=True)


def report_xlsx(report: BlocReport, progress: Progress = _noop) -> bytes:
    writer = WorkbookWriter()
    sheet = writer.sheet(_("Report summary"))
    sheet.title_row(report.title, size=14)
    sheet.append([f"{report.scope_label} – {report.period_label}"])
    sheet.blank()
    prose_style = Style(wrap=True, vertical="top")
    for paragraph in report.prose:
        number = sheet.append([paragraph], style=prose_style, height=15 * max(2, len(paragraph) // 110 + 1))
        sheet.merge(number, 1, 8)
    sheet.column_widths([20])
    tables = all_tables(report)
    for index, table in enumerate(tables, start=1):
        _write_table(writer.sheet(table.title), table)
        progress(90 * index // len(tables))
    content = writer.to_bytes()
    progress(100)
    return content


def _write_table(sheet: SheetWriter, table: Table) -> None:
    sheet.title_row(table.title)
    sheet.header(list(table.headers), style=_TABLE_HEADER)
    formats = [None if number_format == "@" else number_format for number_format in table.number_formats]
    for values in table.values or table.rows:
        sheet.append(list(values), style=_CELL, formats=formats)
    widths = []
    for column_index, header in enumerate(table.headers):
        longest = max([len(str(header))] + [len(str(row[column_index])) for row in table.rows])
        widths.append(min(60, max(8, longest + 2)))
    sheet.column_widths(widths)
    sheet.freeze("A3")


# ---- PDF ---------------------------------------------------------------------------------------


def report_pdf(report: BlocReport, head: DocumentHead, progress: Progress = _noop) -> bytes:
    pdf = new_pdf(margins_mm=(30, 20, 15))
    pdf.set_title(report.subject or report.title)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    left_w, right_w = width * 0.5, width * 0.5
    top = pdf.get_y()
    pdf.set_font(SERIF, "", 12)
    pdf.multi_cell(left_w, 6, head.header.parent_body.upper(), align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font(SERIF, "B", 12)
    pdf.multi_cell(left_w, 6, head.header.issuing_body.upper(), align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font(SERIF, "", 13)
    pdf.multi_cell(left_w, 6, "*", align="C", new_x="LEFT", new_y="NEXT")
    pdf.multi_cell(left_w, 6, head.header.number_symbol, align="C", new_x="LEFT", new_y="NEXT")
    bottom = pdf.get_y()
    pdf.set_xy(pdf.l_margin + left_w, top)
    pdf.set_font(SERIF, "BU", 13)
    pdf.cell(right_w, 6, "ĐẢNG CỘNG SẢN VIỆT NAM", align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font(SERIF, "I", 12)
    pdf.set_xy(pdf.l_margin + left_w, pdf.get_y() + 6)
    pdf.cell(
        right_w, 6, format_document_date(head.header.date, head.header.place), align="R", new_x="LEFT", new_y="NEXT"
    )
    pdf.set_xy(pdf.l_margin, max(bottom, pdf.get_y()) + 6)
    pdf.set_font(SERIF, "B", 15)
    pdf.cell(width, 8, _("Report").upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(SERIF, "B", 13)
    pdf.multi_cell(width, 6, report.subject or report.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(width, 6, "-----", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(SERIF, "B", 13)
    pdf.cell(width, 7, _("I. KEY RESULTS"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(SERIF, "", 13)
    for paragraph in report.prose:
        pdf.multi_cell(width, 6.5, "        " + paragraph, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    progress(20)
    tables = all_tables(report)
    notes_height = sum(5.5 * _line_count(pdf, width, note) for note in report.notes)
    tail = notes_height + _signature_height(head)
    for index, table in enumerate(tables, start=1):
        pdf.ln(2)
        pdf.set_font(SERIF, "B", 13)
        pdf.multi_cell(width, 7, f"{_roman(index + 1)}. {table.title.upper()}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(SERIF, "", 10)
        _pdf_table(pdf, table, keep_with_tail=tail if index == len(tables) else 0.0)
        progress(20 + 70 * index // len(tables))
    if report.notes and pdf.will_page_break(tail):
        pdf.add_page()  # the notes go over with the signature block, never the block alone
    for note in report.notes:
        pdf.set_font(SERIF, "I", 11)
        pdf.multi_cell(width, 5.5, note, new_x="LMARGIN", new_y="NEXT")
    _pdf_signature(pdf, head)
    data = pdf_bytes(pdf)
    progress(100)
    return data


def _line_count(pdf: object, width: float, text: str, height: float = 4.5) -> int:
    from fpdf import FPDF
    from fpdf.enums import MethodReturnValue

    assert isinstance(pdf, FPDF)
    lines = pdf.multi_cell(width, height, text, dry_run=True, output=MethodReturnValue.LINES)
    return len(lines) if isinstance(lines, list) else 1


def column_widths(natural: list[float], numeric: set[int], usable: float, *, minimum: float = 12.0) -> list[float]:
    """Widths of a table's columns from the natural width of their content (pure): a number
    column gets what its longest value needs; the text columns share the rest in proportion to
    their content, so a long name wraps rather than being cut and a nearly empty column stays
    narrow."""
    widths = [max(minimum, width) for width in natural]
    if sum(widths) <= usable:
        spare = usable - sum(widths)
        text = [i for i in range(len(widths)) if i not in numeric] or list(range(len(widths)))
        for i in text:
            widths[i] += spare / len(text)
        return widths
    fixed = sum(widths[i] for i in numeric)
    text = [i for i in range(len(widths)) if i not in numeric]
    room = usable - fixed
    if not text or room < minimum * len(text):  # too many numbers: everything shrinks alike
        return [usable * width / sum(widths) for width in widths]
    # Short text columns (codes) keep their natural width; the long ones share what is left.
    pending = sorted(text, key=lambda i: widths[i])
    while pending:
        share = room / len(pending)
        if widths[pending[0]] > share:
            break
        room -= widths[pending.pop(0)]
    pending_total = sum(widths[i] for i in pending)
    for i in pending:
        widths[i] = max(minimum, room * widths[i] / pending_total)
    scale = usable / sum(widths)
    return [width * scale for width in widths]


def _pdf_table(pdf: object, table: Table, *, keep_with_tail: float = 0.0) -> None:
    """A bordered table drawn cell by cell; the header repeats on each page; long names wrap in
    their cell. With `keep_with_tail`, the last two rows go to a new page with what follows
    (the signature block) when it would not fit after them."""
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    numeric = set(table.numeric_columns)
    sample = list(table.rows[:300])
    pdf.set_font(SERIF, "", 9.5)
    natural = []
    for index in range(len(table.headers)):
        content = [pdf.get_string_width(str(row[index])) for row in sample] or [0.0]
        words = [pdf.get_string_width(word) for word in str(table.headers[index]).split()] or [0.0]
        natural.append(max(max(content), max(words) * 1.1) + 3)
    widths = column_widths(natural, numeric, usable)
    line = 4.8

    def header() -> None:
        pdf.set_font(SERIF, "B", 9)
        pdf.set_fill_color(238, 240, 244)
        top = pdf.get_y()
        lines = max(_line_count(pdf, width, str(text)) for width, text in zip(widths, table.headers, strict=True))
        height = lines * 4.5 + 1
        x = pdf.l_margin
        for width, text in zip(widths, table.headers, strict=True):
            pdf.rect(x, top, width, height, style="DF")
            pdf.set_xy(x, top)
            pdf.multi_cell(width, 4.5, str(text), align="C", new_x="RIGHT", new_y="TOP")
            x += width
        pdf.set_xy(pdf.l_margin, top + height)
        pdf.set_font(SERIF, "", 9.5)

    header()
    count = len(table.rows)
    for number, cells in enumerate(table.rows):
        lines = max(
            1 if index in numeric else _line_count(pdf, width - 1, str(text), line)
            for index, (width, text) in enumerate(zip(widths, cells, strict=True))
        )
        height = lines * line + 1
        after = keep_with_tail if number >= count - 2 and keep_with_tail else 0.0
        if pdf.will_page_break(height + after + (line + 1) * (count - number - 1 if after else 0)):
            pdf.add_page()
            header()
        top, x = pdf.get_y(), pdf.l_margin
        for index, (width, text) in enumerate(zip(widths, cells, strict=True)):
            pdf.rect(x, top, width, height)
            pdf.set_xy(x + 0.5, top + 0.5)
            align = "R" if index in numeric else "L"
            pdf.multi_cell(width - 1, line, str(text), align=align, new_x="RIGHT", new_y="TOP")
            x += width
        pdf.set_xy(pdf.l_margin, top + height)


def _signature_height(head: DocumentHead) -> float:
    return 6 + 6 + 5 * len(head.recipients) + 6 + 6 + 20 + 6


def _pdf_signature(pdf: object, head: DocumentHead) -> None:
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    if pdf.will_page_break(_signature_height(head)):
        pdf.add_page()
    pdf.ln(6)
    top = pdf.get_y()
    pdf.set_font(SERIF, "BIU", 12)
    pdf.cell(width / 2, 6, "Nơi nhận:", new_x="LEFT", new_y="NEXT")
    pdf.set_font(SERIF, "", 11)
    for recipient in head.recipients:
        pdf.cell(width / 2, 5, f"- {recipient}", new_x="LEFT", new_y="NEXT")
    pdf.set_xy(pdf.l_margin + width / 2, top)
    pdf.set_font(SERIF, "B", 13)
    pdf.cell(width / 2, 6, head.signature.authority.upper(), align="C", new_x="LEFT", new_y="NEXT")
    pdf.cell(width / 2, 6, head.signature.title.upper(), align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_xy(pdf.l_margin + width / 2, pdf.get_y() + 20)
    pdf.cell(width / 2, 6, head.signature.signer_name, align="C", new_x="LEFT", new_y="NEXT")
