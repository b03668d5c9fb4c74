"""The report as Word (Party document format), Excel, PDF and text."""

import datetime as dt
import io

import pypdf
import pytest
from django.core.exceptions import ValidationError
from docx import Document
from openpyxl import load_workbook

from khoi.reporting.periods import Period
from khoi.reports import selectors

ON = dt.date(2021, 12, 28)


def _docx(period="2021-Y"):
    _name, content = selectors.report_document(period=Period.parse(period), format="docx", number="45", on=ON)
    return Document(io.BytesIO(content))


def test_the_word_header_follows_the_party_document_format(demo):
    document = _docx()
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG",
        "ĐẢNG ỦY KHỐI DOANH NGHIỆP",
        "*",
        "Số 45-BC/ĐUK",
    ]
    parent, issuer = left.paragraphs[0].runs[0], left.paragraphs[1].runs[0]
    assert (parent.font.size.pt, parent.font.bold) == (14, False)
    assert (issuer.font.size.pt, issuer.font.bold) == (14, True)
    party = right.paragraphs[0].runs[0]
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert party.font.size.pt == 15 and party.font.bold and party.font.underline
    date = right.paragraphs[-1].runs[0]
    assert date.text == "Hải Phòng, ngày 28 tháng 12 năm 2021"
    assert date.font.italic is True


def test_the_word_body_is_times_new_roman_14_with_the_seed_paragraph(demo):
    document = _docx()
    paragraphs = {p.text: p for p in document.paragraphs if p.text}
    assert paragraphs["BÁO CÁO"].runs[0].font.size.pt == 16
    assert paragraphs["BÁO CÁO"].runs[0].font.bold
    body = next(p for text, p in paragraphs.items() if text.startswith("Tổng doanh thu 27.701 tỷ đồng"))
    assert body.runs[0].font.name == "Times New Roman"
    assert body.runs[0].font.size.pt == 14
    assert "có 38 đơn vị đạt và vượt 100% kế hoạch năm 2021" in body.text
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_the_word_document_ends_with_recipients_and_the_signature_block(demo):
    document = _docx()
    left, right = document.tables[-1].rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:"
    assert "Lưu VP" in [p.text.lstrip("- ") for p in left.paragraphs]
    lines = [p.text for p in right.paragraphs if p.text]
    assert lines == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Đỗ Quang Khoa"]
    assert all(run.font.bold for p in right.paragraphs for run in p.runs if run.text)


def test_the_pdf_keeps_the_vietnamese_sentences_intact(demo):
    _name, content = selectors.report_document(period=Period.parse("2021-H1"), format="pdf", on=ON)
    assert content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    flat = " ".join(text.split())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in flat
    assert "Hải Phòng, ngày 28 tháng 12 năm 2021" in flat
    assert "Tổng doanh thu sản xuất kinh doanh đạt 14.167 tỷ đồng, tăng 28,7%" in flat
    assert "nhóm ngân hàng đạt tổng mức huy động vốn 57.763 tỷ đồng" in flat
    assert "Đảng ủy Khối đã tặng Giấy khen cho 12 tập thể và 29 cá nhân" in flat


def test_the_excel_tables_hold_values_with_vietnamese_headers_and_no_formulas(demo):
    _name, content = selectors.report_document(period=Period.parse("2021-Y"), format="xlsx")
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames[:2] == ["Tổng hợp", "Các chỉ tiêu chủ yếu"]
    key = workbook["Các chỉ tiêu chủ yếu"]
    assert [cell.value for cell in key[2]][:4] == ["TT", "Chỉ tiêu", "Đơn vị", "năm 2021"]
    revenue = next(row for row in key.iter_rows(min_row=3, values_only=False) if row[1].value == "Tổng doanh thu")
    assert revenue[3].value == 27701
    assert revenue[3].number_format == "#,##0.##"
    assert revenue[5].number_format == "0.0%"
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(value, str) and value.startswith("=") for value in row)
    assert workbook["Theo đơn vị"].max_row == 2 + 95


def test_the_text_report_starts_with_the_title_and_the_prose(demo):
    name, content = selectors.report_document(period=Period.parse("2021-H1"), format="txt")
    text = content.decode("utf-8")
    assert name == "bao-cao-2021-H1.txt"
    assert text.startswith("BÁO CÁO KẾT QUẢ 6 THÁNG ĐẦU NĂM 2021\n")
    assert "Tổng doanh thu sản xuất kinh doanh đạt 14.167 tỷ đồng, tăng 28,7%" in text


def test_a_period_without_approved_figures_makes_no_file(demo):
    with pytest.raises(ValidationError) as error:
        selectors.report_document(period=Period.parse("2019-Y"), format="docx")
    assert "Chưa có số liệu đã duyệt của năm 2019" in error.value.messages[0]
