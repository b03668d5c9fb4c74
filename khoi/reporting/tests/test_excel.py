"""Excel: a form downloaded, filled and uploaded; plans imported; wrong files named cell by cell."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from khoi.reporting import excel_io, plan_services, services
from khoi.reporting.models import IndicatorValue, Plan, Submission, ValidationRule

pytestmark = pytest.mark.django_db


def xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _filled(content, values):
    """The downloaded template with `values` ({indicator name: number}) typed into its value column."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Biểu mẫu"]
    for row in sheet.iter_rows(min_row=6):
        if row[1].value in values:
            row[3].value = values[row[1].value]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_downloaded_form_is_vietnamese_with_the_codes_on_a_hidden_sheet(submission_a, unit_a):
    workbook = load_workbook(io.BytesIO(excel_io.submission_excel_template(submission=submission_a)))
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert sheet.title == "Biểu mẫu"
    assert rows[1][0] == f"Đơn vị: {unit_a.name} (mã {unit_a.code})"
    assert rows[2][0] == "Kỳ báo cáo: 6 tháng đầu năm 2021"
    assert rows[4] == [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "6 tháng đầu năm 2021",
        "Cùng kỳ năm trước (6 tháng đầu năm 2020)",
    ]
    assert rows[5][0] == 1
    visible = " ".join(str(value) for row in rows for value in row if value is not None)
    assert "revenue" not in visible and "2021-H1" not in visible
    codes = workbook["Mã chỉ tiêu"]
    assert codes.sheet_state == "hidden"
    assert [row[1] for row in codes.iter_rows(max_row=3, values_only=True)] == [
        "bao-cao-dinh-ky",
        unit_a.code,
        "2021-H1",
    ]


def test_the_downloaded_form_uploads_back_with_its_values(submission_a, reporter_a):
    template = excel_io.submission_excel_template(submission=submission_a)
    name = next(
        item.indicator.name
        for item in services.submission_items(submission=submission_a)
        if item.indicator.code == "revenue"
    )
    content = _filled(template, {name: 14167.5})
    excel_io.submission_import_excel(submission=submission_a, content=content, actor=reporter_a, expected_version=0)
    value = IndicatorValue.objects.get(submission=submission_a, indicator__code="revenue")
    assert value.value == Decimal("14167.5")
    assert value.submission.audit.get().source == "excel"


def test_a_template_of_another_unit_is_refused_and_nothing_is_saved(submission_a, reporter_a, unit_b):
    other = Submission.objects.get(reporting_round=submission_a.reporting_round, unit=unit_b)
    content = excel_io.submission_excel_template(submission=other)
    with pytest.raises(ValidationError) as error:
        excel_io.submission_import_excel(submission=submission_a, content=content, actor=reporter_a, expected_version=0)
    assert "của đơn vị hoặc kỳ khác" in " ".join(error.value.messages)
    assert not IndicatorValue.objects.exists()


def test_a_wrong_layout_is_refused_with_a_clear_message(submission_a, reporter_a):
    with pytest.raises(ValidationError) as error:
        excel_io.submission_import_excel(
            submission=submission_a, content=xlsx([["Chỉ tiêu", "Giá trị"]]), actor=reporter_a, expected_version=0
        )
    assert "không phải là mẫu Excel của biểu mẫu này" in " ".join(error.value.messages)


def test_an_older_template_is_still_read_and_text_in_a_number_cell_is_named(submission_a, reporter_a):
    rows = [["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "2021-H1"], ["revenue", "", "", 5], ["workers", "", "", "nhiều"]]
    with pytest.raises(ValidationError) as error:
        excel_io.submission_import_excel(
            submission=submission_a, content=xlsx(rows), actor=reporter_a, expected_version=0
        )
    assert "Ô D3: “nhiều” không phải là số." in error.value.messages
    assert not IndicatorValue.objects.exists()


def test_a_file_that_is_not_excel_is_refused(submission_a, reporter_a):
    with pytest.raises(ValidationError) as error:
        excel_io.submission_import_excel(
            submission=submission_a, content=b"a;b;c", actor=reporter_a, expected_version=0
        )
    assert "Excel" in " ".join(error.value.messages)


def test_plans_are_imported_all_or_nothing(submission_a, unit_a, unit_b, staff_user):
    header = ["Mã đơn vị", "Mã chỉ tiêu", "Năm", "Kế hoạch"]
    bad = [
        header,
        [unit_a.code, "revenue", 2021, 120],
        ["KHONGCO", "revenue", 2021, 5],
        [unit_b.code, "revenue", 2021, "x"],
    ]
    with pytest.raises(ValidationError) as error:
        plan_services.plan_import_excel(content=xlsx(bad), actor=staff_user)
    messages = error.value.messages
    assert any(m.startswith("Ô A3") for m in messages) and any(m.startswith("Ô D4") for m in messages)
    assert not Plan.objects.exists()
    good = [header, [unit_a.code, "revenue", 2021, 120], [unit_b.code, "revenue", 2021, "1.250,5"]]
    assert plan_services.plan_import_excel(content=xlsx(good), actor=staff_user) == 2
    assert Plan.objects.get(unit=unit_b).value == Decimal("1250.5")
    with pytest.raises(ValidationError):
        plan_services.plan_import_excel(content=xlsx([["Đơn vị", "Kế hoạch"]]), actor=staff_user)


def test_a_typed_plan_must_be_positive(submission_a, unit_a, staff_user):
    from khoi.reporting.models import Indicator

    revenue = Indicator.objects.get(code="revenue")
    with pytest.raises(ValidationError):
        plan_services.plan_set(unit=unit_a, indicator=revenue, year=2021, value="-5", actor=staff_user)
    plan = plan_services.plan_set(unit=unit_a, indicator=revenue, year=2021, value="100", actor=staff_user)
    assert plan is not None and plan.value == 100


def _names(submission):
    return {item.indicator.code: item.indicator.name for item in services.submission_items(submission=submission)}


def test_an_upload_that_breaks_a_rule_is_checked_like_the_web_form_and_saves_nothing(submission_a, reporter_a):
    names = _names(submission_a)
    template = excel_io.submission_excel_template(submission=submission_a)
    content = _filled(
        template,
        {
            names["revenue"]: "nhiều",
            names["workers"]: 10,
            names["female_workers"]: 3,
            names["male_workers"]: 4,
            names["high_skilled_workers"]: 12,
        },
    )
    with pytest.raises(ValidationError):  # a cell that is not a number is named before any rule
        excel_io.submission_import_excel(submission=submission_a, content=content, actor=reporter_a, expected_version=0)
    content = _filled(
        template,
        {names["workers"]: 10, names["female_workers"]: 3, names["male_workers"]: 4, names["high_skilled_workers"]: 12},
    )
    with pytest.raises(excel_io.ExcelUploadRejected) as rejected:
        excel_io.submission_import_excel(submission=submission_a, content=content, actor=reporter_a, expected_version=0)
    messages = rejected.value.messages
    # Every problem at once: parts that do not add up, and both error rules, in Vietnamese.
    assert any("Lao động nữ + Lao động nam" in text and "6 tháng đầu năm 2021" in text for text in messages)
    assert "Số lao động nữ cộng số lao động nam phải bằng tổng số lao động." in messages
    assert any("không được lớn hơn tổng số lao động" in text for text in messages)
    assert not any("2021-H1" in text or "workers" in text for text in messages)
    assert rejected.value.values[services.field_name("workers", "2021-H1")] == 10
    assert not IndicatorValue.objects.exists()
    submission_a.refresh_from_db()
    assert submission_a.version == 0


def test_a_value_check_names_the_cell_it_was_read_from(submission_a, reporter_a):
    names = _names(submission_a)
    content = _filled(excel_io.submission_excel_template(submission=submission_a), {names["workers"]: 10.5})
    with pytest.raises(excel_io.ExcelUploadRejected) as rejected:
        excel_io.submission_import_excel(submission=submission_a, content=content, actor=reporter_a, expected_version=0)
    [message] = rejected.value.messages
    assert message == "Ô D9: Lao động, 6 tháng đầu năm 2021: phải là số nguyên."
    assert not IndicatorValue.objects.exists()


def _upload(client, submission, content):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    return client.post(
        reverse("reporting:submission_excel", args=[submission.pk]),
        {"file": SimpleUploadedFile("bieu-mau.xlsx", content), "version": submission.version},
        follow=True,
    )


def test_the_page_lists_every_problem_of_a_bad_upload_and_shows_its_figures(submission_a, reporter_a_client):
    names = _names(submission_a)
    content = _filled(
        excel_io.submission_excel_template(submission=submission_a),
        {names["revenue"]: 14167.5, names["workers"]: 10, names["female_workers"]: 3, names["male_workers"]: 4},
    )
    page = _upload(reporter_a_client, submission_a, content)
    html = page.content.decode()
    assert page.status_code == 400
    assert "Tệp Excel chưa được lưu" in html and "Đã đọc tệp Excel" not in html
    assert "Số lao động nữ cộng số lao động nam phải bằng tổng số lao động." in html
    assert 'value="14.167,5"' in html  # the uploaded figure, written the Vietnamese way
    assert not IndicatorValue.objects.exists()


def test_a_saved_upload_with_a_broken_warning_gets_its_explanation_box(submission_a, reporter_a_client):
    ValidationRule.objects.create(
        code="revenue-small",
        name="Doanh thu dưới 1.000 tỷ đồng",
        expression="revenue < 1000",
        severity="warning",
        message="Doanh thu vượt 1.000 tỷ đồng: đề nghị giải trình.",
    )
    names = _names(submission_a)
    content = _filled(excel_io.submission_excel_template(submission=submission_a), {names["revenue"]: 5000})
    page = _upload(reporter_a_client, submission_a, content)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Đã đọc tệp Excel và lưu số liệu." in html
    assert "cần giải trình" in html
    assert 'name="explanation-revenue-small"' in html
    assert IndicatorValue.objects.get(indicator__code="revenue").value == 5000
