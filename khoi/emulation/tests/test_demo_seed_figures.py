"""The demo reproduces the seeds: 12 collectives and 29 individuals (Giấy khen, Chỉ thị 05, 2020)
and the 2020 outcome of the bloc of associations (Cờ thi đua + 3 Bằng khen); the decision's Word
document says so."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.utils import translation

from khoi.core.tests.once import rolled_back_after_module
from khoi.emulation import demo, documents, selectors
from khoi.emulation.models import Agreement, Decision, Scorecard
from khoi.units import demo as units_demo
from khoi.units.models import Unit


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        units_demo.load()
        assert demo.load() != "already loaded"
        yield


@pytest.fixture
def demo_data(demo_for_module, db: None) -> None:
    return None


def test_counts_reproduce_the_seed_of_16_july_2021(demo_data):
    counts = selectors.commendation_counts(year=2020, issuer="DUK", campaign_code="CT05")
    assert (counts.collectives, counts.individuals) == (12, 29)
    assert counts.decisions == ("86-QĐ/ĐUK",)
    half_year = selectors.commendation_counts(date_from=dt.date(2021, 1, 1), date_to=dt.date(2021, 6, 30), issuer="DUK")
    assert (half_year.collectives, half_year.individuals) == (12, 29)
    collectives, _people = selectors.decision_awards(decision=Decision.objects.get(number=86, signed_year=2021))
    assert all(award.unit.code.startswith("DV") for award in collectives)


def test_the_2020_ranking_gives_the_flag_and_three_commendations_of_the_seed(demo_data):
    agreement = Agreement.objects.get(year=2020)
    ranked = selectors.agreement_ranking(agreement=agreement)
    assert [m.name for m in ranked[:4]] == [
        "Hội Nữ doanh nhân Hải Phòng",
        "Liên minh Hợp tác xã và Doanh nghiệp thành phố",
        "Hiệp hội Doanh nghiệp nhỏ và vừa thành phố",
        "Hội Doanh nghiệp trẻ Hải Phòng",
    ]
    assert ranked[2].bloc_total == ranked[3].bloc_total and ranked[2].decided_by_tie_break
    flag = selectors.commendation_counts(year=2020, form_code="CTD-UBND")
    merit = selectors.commendation_counts(year=2020, form_code="BK-UBND")
    assert (flag.collectives, merit.collectives, flag.individuals + merit.individuals) == (1, 3, 0)
    flag_decision = Decision.objects.get(form__code="CTD-UBND", year=2020)
    assert [a.recipient_name for a in flag_decision.awards.all()] == ["Hội Nữ doanh nhân Hải Phòng"]
    liên_minh = Unit.objects.get(code="DV095")
    assert selectors.history_line(selectors.unit_award_history(unit=liên_minh)) == (
        "Bằng khen UBND TP 2020, Cờ thi đua UBND TP 2019"
    )
    assert Agreement.objects.get(year=2021).signed_on == dt.date(2021, 3, 9)
    assert Scorecard.objects.filter(agreement__year=2021).count() == 7


def test_the_decision_document_has_the_party_header_the_articles_and_the_attached_list(demo_data):
    decision = Decision.objects.get(number=86, signed_year=2021)
    with translation.override("vi"):
        content = documents.decision_docx(decision=decision)
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    header = document.tables[0]
    header_text = "\n".join(cell.text for cell in header.rows[0].cells)
    assert "ĐẢNG ỦY KHỐI DOANH NGHIỆP" in header_text and "Số 86-QĐ/ĐUK" in header_text
    assert "Hải Phòng, ngày 28 tháng 6 năm 2021" in header_text
    assert "QUYẾT ĐỊNH" in text and "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI DOANH NGHIỆP THÀNH PHỐ" in text
    assert (
        "Tặng Giấy khen cho 12 tập thể và 29 cá nhân đã có thành tích xuất sắc trong thực hiện Chỉ thị 05-CT/TW" in text
    )
    assert "Kèm theo Quyết định số 86-QĐ/ĐUK" in text
    signature = "\n".join(cell.text for cell in document.tables[1].rows[0].cells)
    assert "T/M BAN THƯỜNG VỤ" in signature and "BÍ THƯ" in signature and "Đỗ Quang Khoa" in signature
    collectives_table, people_table = document.tables[2], document.tables[3]
    assert len(collectives_table.rows) == 1 + 12 and len(people_table.rows) == 1 + 29
    assert [c.text for c in people_table.rows[0].cells] == ["STT", "Họ và tên", "Chức vụ", "Đơn vị"]


def test_a_state_decision_is_not_generated_and_excel_lists_hide_birth_dates_unless_asked(demo_data):
    import openpyxl
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        documents.decision_docx(decision=Decision.objects.get(form__code="CTD-UBND", year=2020))
    decision = Decision.objects.get(number=86, signed_year=2021)
    hidden = openpyxl.load_workbook(io.BytesIO(documents.decision_xlsx(decision=decision, personal_data=False))).active
    shown = openpyxl.load_workbook(io.BytesIO(documents.decision_xlsx(decision=decision, personal_data=True))).active
    assert hidden.max_column == 5 and shown.max_column == 6 and shown.cell(4, 6).value == "Ngày sinh"
    assert hidden.max_row == 4 + 41


def test_the_demo_loads_once(demo_data):
    assert demo.load() == "already loaded"
