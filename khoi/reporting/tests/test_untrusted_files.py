"""Issue 13: the form upload and the plan import refuse bad files with a Vietnamese message and save nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from khoi.core.tests import bad_workbooks
from khoi.reporting import excel_io, services
from khoi.reporting.models import IndicatorValue, Plan

pytestmark = pytest.mark.django_db

MESSAGES = {
    "blank rows": "không phải là mẫu Excel",
    "no sheet": "không có trang tính",
    "encrypted": "mật khẩu",
    "corrupt": "hoặc đã bị hỏng",
}
PLAN_MESSAGES = MESSAGES | {"blank rows": "Dòng đầu tiên phải là"}


def _upload_form(client, submission, content):
    return client.post(
        reverse("reporting:submission_excel", args=[submission.pk]),
        {"file": SimpleUploadedFile("bieu-mau.xlsx", content), "version": submission.version},
        follow=True,
    )


def _upload_plans(client, content):
    return client.post(reverse("reporting:plans"), {"file": SimpleUploadedFile("ke-hoach.xlsx", content)}, follow=True)


@pytest.mark.parametrize("kind", sorted(bad_workbooks.BAD_FILES))
def test_a_bad_form_file_gets_a_vietnamese_message_and_saves_nothing(reporter_a_client, submission_a, kind):
    response = _upload_form(reporter_a_client, submission_a, bad_workbooks.BAD_FILES[kind]())
    assert MESSAGES[kind] in response.content.decode()
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize("kind", sorted(bad_workbooks.BAD_FILES))
def test_a_bad_plan_file_gets_a_vietnamese_message_and_imports_nothing(staff_client, submission_a, kind):
    response = _upload_plans(staff_client, bad_workbooks.BAD_FILES[kind]())
    assert PLAN_MESSAGES[kind] in response.content.decode()
    assert not Plan.objects.exists()


def test_files_over_the_size_limit_are_refused_on_both_uploads(reporter_a_client, staff_client, submission_a, settings):
    settings.KHOI_UPLOAD_MAX_BYTES = 2000
    assert "lớn hơn" in _upload_form(reporter_a_client, submission_a, bad_workbooks.over_size(2000)).content.decode()
    assert "lớn hơn" in _upload_plans(staff_client, bad_workbooks.over_size(2000)).content.decode()
    assert not IndicatorValue.objects.exists() and not Plan.objects.exists()


def test_an_uncomputed_formula_in_the_form_is_refused_by_its_cell_and_erases_nothing(
    reporter_a, reporter_a_client, submission_a
):
    template = excel_io.submission_excel_template(submission=submission_a)
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook["Biểu mẫu"]
    sheet["D6"] = 100
    first = io.BytesIO()
    workbook.save(first)
    excel_io.submission_import_excel(
        submission=submission_a, content=first.getvalue(), actor=reporter_a, expected_version=0
    )
    saved = IndicatorValue.objects.count()
    sheet["D6"] = "=50*2"
    second = io.BytesIO()
    workbook.save(second)
    submission_a.refresh_from_db()
    response = _upload_form(reporter_a_client, submission_a, second.getvalue())
    assert "Ô D6 là công thức chưa có giá trị; hãy lưu tệp trong Excel rồi tải lên lại." in response.content.decode()
    assert IndicatorValue.objects.count() == saved == 1


def test_an_uncomputed_formula_in_the_plans_is_refused(staff_client, submission_a, unit_a):
    content = bad_workbooks.workbook_bytes(
        [["Mã đơn vị", "Mã chỉ tiêu", "Năm", "Kế hoạch"], [unit_a.code, "revenue", 2021, "=1+1"]]
    )
    assert "Ô D2 là công thức" in _upload_plans(staff_client, content).content.decode()
    assert not Plan.objects.exists()


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x.example/","Xem")', "+1", "-1", "@A1", "\tA"])
def test_the_form_template_writes_formula_like_names_as_the_text_typed(reporter_a_client, submission_a, unit_a, name):
    from khoi.reporting.models import Indicator
    from khoi.units.models import Unit

    first = services.submission_items(submission=submission_a)[0].indicator
    Indicator.objects.filter(pk=first.pk).update(name=name)
    Unit.objects.filter(pk=unit_a.pk).update(name="Công ty\x01 A\x0b")
    response = reporter_a_client.get(reverse("reporting:submission_excel", args=[submission_a.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["Biểu mẫu"]
    assert sheet["B6"].value == name and sheet["B6"].data_type != "f"
    assert sheet["A2"].value.startswith("Đơn vị: Công ty A (mã")
