"""The shared Party document and PDF builders."""

import datetime as dt
import io

from docx import Document
from docx.document import Document as DocxDocument

from khoi.core.party_document import (
    PartyDocumentHeader,
    SignatureBlock,
    add_paragraph,
    add_signature,
    add_table,
    document_bytes,
    new_party_document,
)
from khoi.core.pdf import new_pdf, pdf_bytes

HEADER = PartyDocumentHeader(
    parent_body="Đảng bộ thành phố Hải Phòng",
    issuing_body="Đảng ủy Khối Doanh nghiệp",
    number_symbol="Số 45-BC/ĐUK",
    place="Hải Phòng",
    date=dt.date(2021, 2, 3),
)


def _build() -> DocxDocument:
    document = new_party_document(HEADER, document_type="Báo cáo", subject="Kết quả 6 tháng đầu năm 2021")
    add_paragraph(document, "Tổng doanh thu sản xuất kinh doanh đạt 14.167 tỷ đồng, tăng 28,7%.")
    add_table(document, ["Chỉ tiêu", "Giá trị"], [["Doanh thu", "14.167"]], numeric_columns=[1])
    add_signature(
        document,
        SignatureBlock(authority="T/M Ban Thường vụ", title="Bí thư", signer_name="Đỗ Quang Khoa"),
        ["Thành ủy (để b/c)", "Lưu VP"],
    )
    return Document(io.BytesIO(document_bytes(document)))


def test_header_has_the_bodies_number_and_padded_date_in_place():
    document = _build()
    left, right = document.tables[0].rows[0].cells
    left_lines = [p.text for p in left.paragraphs]
    assert left_lines == ["ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG ỦY KHỐI DOANH NGHIỆP", "*", "Số 45-BC/ĐUK"]
    assert left.paragraphs[1].runs[0].font.bold is True
    assert left.paragraphs[0].runs[0].font.bold is False
    party = right.paragraphs[0].runs[0]
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert party.font.bold and party.font.underline and party.font.size.pt == 15
    date_run = right.paragraphs[-1].runs[0]
    assert date_run.text == "Hải Phòng, ngày 03 tháng 02 năm 2021"
    assert date_run.font.italic is True


def test_type_subject_and_body_use_times_new_roman_at_the_prescribed_sizes():
    document = _build()
    texts = {p.text: p for p in document.paragraphs if p.text}
    assert texts["BÁO CÁO"].runs[0].font.size.pt == 16
    assert texts["BÁO CÁO"].runs[0].font.bold is True
    body = texts["Tổng doanh thu sản xuất kinh doanh đạt 14.167 tỷ đồng, tăng 28,7%."].runs[0]
    assert body.font.name == "Times New Roman"
    assert body.font.size.pt == 14
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_signature_block_reads_on_behalf_of_the_standing_committee():
    document = _build()
    left, right = document.tables[-1].rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:"
    lines = [p.text for p in right.paragraphs if p.text]
    assert lines == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Đỗ Quang Khoa"]


def test_pdf_embeds_a_font_that_renders_vietnamese():
    pdf = new_pdf()
    pdf.add_page()
    pdf.multi_cell(0, 8, "Nộp ngân sách nhà nước 975,9 tỷ đồng, tăng 6,8% — Đảng ủy Khối")
    data = pdf_bytes(pdf)
    assert data.startswith(b"%PDF")
    assert b"LiberationSerif" in data


def test_table_rows_carry_their_text_alignment_and_font():
    document = new_party_document(HEADER, document_type="Báo cáo", subject="Bảng")
    add_table(
        document, ["Đơn vị", "Doanh thu"], [["Cảng Đình Vũ", "1.234"], ["May Lạch Tray", " 56 "]], numeric_columns=[1]
    )
    table = Document(io.BytesIO(document_bytes(document))).tables[-1]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Đơn vị", "Doanh thu"],
        ["Cảng Đình Vũ", "1.234"],
        ["May Lạch Tray", " 56 "],
    ]
    number = table.rows[2].cells[1].paragraphs[0]
    assert number.alignment == 2  # right
    assert number.runs[0].font.name == "Times New Roman"
    assert number.runs[0].font.size.pt == 12
    assert table.rows[1].cells[0].paragraphs[0].alignment is None
