"""Excel: a form downloaded, filled and uploaded; plans imported; wrong files named cell by cell."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from khoi.reporting import services
from khoi.reporting.models import IndicatorValue, Plan, ReportForm, Submission
from khoi.units.models import UnitGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission_a(bloc, unit_a, unit_b, staff_user):
    UnitGroup.objects.create(code="ngan-hang", name="Nhóm ngân hàng")
    services.catalogue_install()
    form = ReportForm.objects.get(code="bao-cao-dinh-ky")
    reporting_round = services.round_open(
        form=form, period_code="2021-H1", deadline=dt.date(2021, 7, 20), actor=staff_user
    )
    return Submission.objects.get(reporting_round=reporting_round, unit=unit_a)


def xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_downloaded_form_uploads_back_with_its_values(submission_a, reporter_a):
    sheet = load_workbook(io.BytesIO(services.submission_excel_template(submission=submission_a))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "2021-H1"]
    for row in rows[1:]:
        row[3] = 14167.5 if row[0] == "revenue" else None
    services.submission_import_excel(submission=submission_a, content=xlsx(rows), actor=reporter_a, expected_version=0)
    value = IndicatorValue.objects.get(submission=submission_a, indicator__code="revenue")
    assert value.value == Decimal("14167.5")
    assert value.submission.audit.get().source == "excel"


def test_a_wrong_layout_is_refused_with_the_expected_header(submission_a, reporter_a):
    with pytest.raises(ValidationError) as error:
        services.submission_import_excel(
            submission=submission_a, content=xlsx([["Chỉ tiêu", "Giá trị"]]), actor=reporter_a, expected_version=0
        )
    assert "Mã chỉ tiêu | Chỉ tiêu | Đơn vị tính | 2021-H1" in " ".join(error.value.messages)


def test_text_in_a_number_cell_names_the_cell_and_nothing_is_saved(submission_a, reporter_a):
    rows = [["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "2021-H1"], ["revenue", "", "", 5], ["workers", "", "", "nhiều"]]
    with pytest.raises(ValidationError) as error:
        services.submission_import_excel(
            submission=submission_a, content=xlsx(rows), actor=reporter_a, expected_version=0
        )
    assert "Ô D3: “nhiều” không phải là số." in error.value.messages
    assert not IndicatorValue.objects.exists()


def test_a_file_that_is_not_excel_is_refused(submission_a, reporter_a):
    with pytest.raises(ValidationError) as error:
        services.submission_import_excel(
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
        services.plan_import_excel(content=xlsx(bad), actor=staff_user)
    messages = error.value.messages
    assert any(m.startswith("Ô A3") for m in messages) and any(m.startswith("Ô D4") for m in messages)
    assert not Plan.objects.exists()
    good = [header, [unit_a.code, "revenue", 2021, 120], [unit_b.code, "revenue", 2021, "1.250,5"]]
    assert services.plan_import_excel(content=xlsx(good), actor=staff_user) == 2
    assert Plan.objects.get(unit=unit_b).value == Decimal("1250.5")
    with pytest.raises(ValidationError):
        services.plan_import_excel(content=xlsx([["Đơn vị", "Kế hoạch"]]), actor=staff_user)


def test_a_typed_plan_must_be_positive(submission_a, unit_a, staff_user):
    from khoi.reporting.models import Indicator

    revenue = Indicator.objects.get(code="revenue")
    with pytest.raises(ValidationError):
        services.plan_set(unit=unit_a, indicator=revenue, year=2021, value="-5", actor=staff_user)
    plan = services.plan_set(unit=unit_a, indicator=revenue, year=2021, value="100", actor=staff_user)
    assert plan is not None and plan.value == 100
