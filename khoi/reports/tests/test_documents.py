"""The report as Word (Party document format), Excel, PDF and text."""

import datetime as dt
import io

import pypdf
import pytest
from django.core.exceptions import ValidationError
from docx import Document
from openpyxl import load_workbook

from khoi.reporting.periods import Period
from khoi.reports import report_files

ON = dt.date(2021, 12, 28)


def _docx(period="2021-Y"):
    _name, content = report_files.report_document(period=Period.parse(period), format="docx", number="45", on=ON)
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
    _name, content = report_files.report_document(period=Period.parse("2021-H1"), format="pdf", on=ON)
    assert content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    flat = " ".join(text.split())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in flat
    assert "Hải Phòng, ngày 28 tháng 12 năm 2021" in flat
    assert "Tổng doanh thu sản xuất kinh doanh đạt 14.167 tỷ đồng, tăng 28,7%" in flat
    assert "nhóm ngân hàng đạt tổng mức huy động vốn 57.763 tỷ đồng" in flat
    assert "Đảng ủy Khối đã tặng Giấy khen cho 12 tập thể và 29 cá nhân" in flat


def test_the_excel_tables_hold_values_with_vietnamese_headers_and_no_formulas(demo):
    _name, content = report_files.report_document(period=Period.parse("2021-Y"), format="xlsx")
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
    name, content = report_files.report_document(period=Period.parse("2021-H1"), format="txt")
    text = content.decode("utf-8")
    assert name == "bao-cao-2021-H1.txt"
    assert text.startswith("BÁO CÁO KẾT QUẢ 6 THÁNG ĐẦU NĂM 2021\n")
    assert "Tổng doanh thu sản xuất kinh doanh đạt 14.167 tỷ đồng, tăng 28,7%" in text


def test_a_period_without_approved_figures_makes_no_file(demo):
    with pytest.raises(ValidationError) as error:
        report_files.report_document(period=Period.parse("2019-Y"), format="docx")
    assert "Chưa có số liệu đã duyệt của năm 2019" in error.value.messages[0]


def test_the_subject_does_not_repeat_the_document_type_and_staff_set_number_date_and_signer(demo):
    _name, content = report_files.report_document(
        period=Period.parse("2021-Y"),
        format="docx",
        number="12",
        on=dt.date(2022, 1, 5),
        signer_name="Nguyễn Văn An",
    )
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[texts.index("BÁO CÁO") + 1] == "Kết quả năm 2021"
    left, right = document.tables[0].rows[0].cells
    assert left.paragraphs[-1].text == "Số 12-BC/ĐUK"
    assert right.paragraphs[-1].text == "Hải Phòng, ngày 05 tháng 01 năm 2022"
    signature = [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature[-1] == "Nguyễn Văn An"


def test_documents_are_vietnamese_under_an_english_interface(demo):
    from django.utils import translation

    with translation.override("en"):
        _name, content = report_files.report_document(period=Period.parse("2021-H1"), format="pdf", on=ON)
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    assert "BÁO CÁO" in text and "Kết quả 6 tháng đầu năm 2021" in text
    assert "kết nạp mới 36 đảng viên" in text
    assert " up " not in text and "Report" not in text


def test_the_pdf_keeps_the_signature_with_the_rows_before_it_and_names_whole(demo):
    _name, content = report_files.report_document(period=Period.parse("2021-H1"), format="pdf", on=ON)
    pages = [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(content)).pages]
    last = pages[-1]
    assert "T/M BAN THƯỜNG VỤ" in last and "DV095" in last  # the last rows travel with the signature
    assert "Đảng bộ Liên minh Hợp tác xã thành phố Hải Phòng" in " ".join(pages)  # wrapped, never cut
    assert "…" not in " ".join(pages)


def test_column_widths_follow_the_content_and_fill_the_page():
    from khoi.reports.documents import column_widths

    widths = column_widths([20, 150, 30, 30], {0, 2, 3}, 170)
    assert abs(sum(widths) - 170) < 0.01
    assert widths[1] > widths[2] >= 12 and widths[0] < widths[1]
    roomy = column_widths([20, 40, 15], {0, 2}, 170)
    assert roomy[0] == 20 and roomy[2] == 15 and abs(roomy[1] - 135) < 0.01
