"""Decision drafts in the Party document format, the due-for-conversion list on calendar edges,
and its Excel."""

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from khoi.party import documents, selectors, services
from khoi.party.models import GradingSubject
from khoi.reports.models import DocumentSettings
from khoi.units.models import UnitKind
from khoi.units.tests.factories import make_unit

from .factories import admit, convert, make_person

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_admission_decision_is_a_party_document(bloc, unit_a):
    DocumentSettings.objects.create(
        bloc=bloc,
        parent_body="ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG",
        issuing_body="ĐẢNG ỦY KHỐI DOANH NGHIỆP",
        place="Hải Phòng",
    )
    person = admit(make_person(unit_a, "Đặng Thị Mai", dt.date(1998, 2, 3), gender="female"), dt.date(2021, 2, 1))
    text = _text(documents.admission_decision_docx(person=person))
    number = person.steps.get(step=5).decision.number
    assert f"Số {number}" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG" in text  # the bloc's own header, as staff set it
    assert "Hải Phòng, ngày 01 tháng 02 năm 2021" in text
    assert "QUYẾT ĐỊNH" in text and "Về việc kết nạp đảng viên" in text
    assert "Kết nạp đồng chí Đặng Thị Mai, sinh ngày 03/02/1998" in text
    assert "T/M BAN THƯỜNG VỤ" in text and "Nơi nhận:" in text


def test_a_bloc_without_a_document_header_dates_its_decisions_from_its_province(bloc, unit_a):
    bloc.province = "Cần Thơ"
    bloc.save(update_fields=["province"])
    person = admit(make_person(unit_a, "Đặng Thị Mai", dt.date(1998, 2, 3), gender="female"), dt.date(2021, 2, 1))
    text = _text(documents.admission_decision_docx(person=person))
    assert "Cần Thơ, ngày 01 tháng 02 năm 2021" in text
    assert "Hải Phòng" not in text.replace("Cảng Hải Phòng", "")


def test_the_conversion_decision(unit_a):
    person = convert(admit(make_person(unit_a), dt.date(2020, 2, 20), dt.date(2020, 2, 29)), dt.date(2021, 3, 1))
    text = _text(documents.conversion_decision_docx(person=person))
    assert "công nhận đảng viên chính thức" in text
    assert "kết nạp ngày 29/02/2020" in text and "kể từ ngày 28/02/2021" in text


def test_the_grading_decision_lists_every_organisation(bloc):
    units = [make_unit(bloc, kind=UnitKind.BASE_CELL) for _ in range(5)]
    result = services.grading_record(
        subject=GradingSubject.ORGANISATIONS,
        year=2020,
        decision_number="20-QĐ/ĐUK",
        signed_on=dt.date(2021, 1, 25),
        grades={u.pk: g for u, g in zip(units, ["excellent", "good", "good", "good", "completed"], strict=True)},
        by=None,
    )
    text = _text(documents.grading_decision_docx(decision=result.decision))
    assert "xếp loại chất lượng năm 2020 đối với 5 tổ chức" in text
    assert "hoàn thành xuất sắc nhiệm vụ: 1; hoàn thành tốt nhiệm vụ: 3; hoàn thành nhiệm vụ: 1" in text
    assert all(u.name in text for u in units)


@pytest.mark.parametrize(
    ("on", "state"),
    [
        (dt.date(2022, 1, 30), "due"),  # probation ends 31/01/2022
        (dt.date(2022, 1, 31), "ready"),
        (dt.date(2022, 3, 14), "ready"),  # 30 working days after Monday 31/01/2022
        (dt.date(2022, 3, 15), "overdue"),
    ],
)
def test_due_states_on_calendar_edges(unit_a, on, state):
    admit(make_person(unit_a), dt.date(2021, 1, 25), ceremony=dt.date(2021, 1, 31))
    rows = selectors.due_for_conversion(units=[unit_a.pk], on=on)
    assert [row.state for row in rows] == [state]
    assert rows[0].review_by == dt.date(2022, 3, 14)


def test_not_yet_due_and_converted_members_are_not_listed(unit_a):
    admit(make_person(unit_a), dt.date(2021, 1, 25), ceremony=dt.date(2021, 1, 31))
    assert selectors.due_for_conversion(units=[unit_a.pk], on=dt.date(2021, 11, 30)) == []
    person = make_person(unit_a, "Hồ Văn Phúc")
    convert(admit(person, dt.date(2020, 3, 2)), dt.date(2021, 3, 20))
    listed = selectors.due_for_conversion(units=[unit_a.pk], on=dt.date(2022, 1, 31))
    assert [row.person.full_name for row in listed] == ["Nguyễn Văn An"]


def test_the_due_list_as_excel(unit_a):
    admit(make_person(unit_a, "=cmd|' /C calc'!A0"), dt.date(2021, 1, 25), ceremony=dt.date(2021, 1, 31))
    rows = selectors.due_for_conversion(units=[unit_a.pk], on=dt.date(2022, 2, 1))
    sheet = load_workbook(io.BytesIO(documents.due_list_xlsx(rows=rows, on=dt.date(2022, 2, 1)))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    flat = [v for row in values for v in row if v is not None]
    assert "DANH SÁCH ĐẢNG VIÊN DỰ BỊ ĐẾN HẠN XÉT CHUYỂN CHÍNH THỨC" in flat
    assert "Đã hết dự bị, trong hạn xét" in flat
    # A formula-like name is written as text, never as a formula.
    name_cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == "=cmd|' /C calc'!A0"]
    assert name_cells and all(cell.data_type == "s" for cell in name_cells)


def test_the_due_list_takes_a_constant_number_of_queries(unit_a, django_assert_max_num_queries):
    for i, name in enumerate(["Mai Văn Một", "Mai Văn Hai", "Mai Văn Ba", "Mai Văn Bốn"]):
        admit(make_person(unit_a, name, dt.date(1990, 1, 1 + i)), dt.date(2021, 1, 25), ceremony=dt.date(2021, 1, 31))
    with django_assert_max_num_queries(3):
        rows = selectors.due_for_conversion(units=[unit_a.pk], on=dt.date(2022, 2, 1))
    assert len(rows) == 4
