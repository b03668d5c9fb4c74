"""The history import pages: committee staff only; upload, match, preview with every problem, import."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from khoi.reporting import history_services
from khoi.reporting.models import HistoryImport, IndicatorValue
from khoi.reporting.services import catalogue_install
from khoi.reporting.tests.test_history_import import fill_template
from khoi.units.models import Unit


@pytest.fixture
def catalogue(db: None) -> None:
    catalogue_install()


def xlsx(name: str, content: bytes) -> io.BytesIO:
    buffer = io.BytesIO(content)
    buffer.name = name
    return buffer


def test_history_pages_refuse_reporters_and_leadership(
    catalogue: None, reporter_a_client: Client, leader_client: Client, staff_user
) -> None:
    record = history_services.history_upload(upload=b"x", file_name="a.xlsx", layout="template", actor=staff_user)
    for client in (reporter_a_client, leader_client):
        assert client.get(reverse("reporting:history")).status_code == 403
        assert (
            client.get(reverse("reporting:history_template"), {"first_year": "2024", "last_year": "2024"}).status_code
            == 403
        )
        assert client.get(reverse("reporting:history_preview", args=[record.pk])).status_code == 403
        assert client.get(reverse("reporting:history_mapping", args=[record.pk])).status_code == 403
        assert client.post(reverse("reporting:history_apply", args=[record.pk]), {"digest": ""}).status_code == 403
    assert Client().get(reverse("reporting:history")).status_code == 302  # to the sign-in page
    assert Client().get(reverse("reporting:history_preview", args=[record.pk])).status_code == 302


def test_unknown_import_is_404(catalogue: None, staff_client: Client) -> None:
    assert staff_client.get(reverse("reporting:history_preview", args=[999])).status_code == 404


def test_template_upload_preview_import(catalogue: None, staff_client: Client, unit_a: Unit) -> None:
    response = staff_client.get(
        reverse("reporting:history_template"), {"first_year": "2023", "last_year": "2024", "kinds": ["H1", "Y"]}
    )
    assert response.status_code == 200
    content = fill_template(
        response.content,
        {(unit_a.code, "revenue", "Năm 2023"): "1.250", (unit_a.code, "revenue", "6 tháng đầu năm 2024"): "chưa có"},
    )
    response = staff_client.post(reverse("reporting:history"), {"layout": "template", "file": xlsx("ls.xlsx", content)})
    record = HistoryImport.objects.get()
    assert response["Location"] == reverse("reporting:history_preview", args=[record.pk])
    page = staff_client.get(response["Location"]).content.decode()
    assert "“chưa có”" in page and "Số liệu!H" in page
    assert 'name="digest"' not in page  # no import button while a problem is left
    fixed = fill_template(content, {(unit_a.code, "revenue", "6 tháng đầu năm 2024"): 700})
    staff_client.post(reverse("reporting:history"), {"layout": "template", "file": xlsx("ls2.xlsx", fixed)})
    latest = HistoryImport.objects.order_by("-pk").first()
    assert latest is not None
    record = latest
    page = staff_client.get(reverse("reporting:history_preview", args=[record.pk])).content.decode()
    assert "1.250" in page and 'name="digest"' in page
    preview = history_services.history_preview(record=record)
    response = staff_client.post(reverse("reporting:history_apply", args=[record.pk]), {"digest": preview.digest})
    assert response.status_code == 302
    assert IndicatorValue.objects.filter(unit=unit_a).count() == 2
    assert "ls2.xlsx" in staff_client.get(reverse("reporting:history")).content.decode()


def test_summary_upload_goes_through_the_mapping(catalogue: None, staff_client: Client, unit_a: Unit) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Năm 2023"
    sheet.append(["Mã đơn vị", "Doanh thu cả năm"])
    sheet.append([unit_a.code, 90])
    buffer = io.BytesIO()
    book.save(buffer)
    response = staff_client.post(
        reverse("reporting:history"), {"layout": "summary", "file": xlsx("th.xlsx", buffer.getvalue())}
    )
    record = HistoryImport.objects.get()
    assert response["Location"] == reverse("reporting:history_mapping", args=[record.pk])
    page = staff_client.get(response["Location"]).content.decode()
    assert "Doanh thu cả năm" in page and 'value="2023-Y" selected' in page
    response = staff_client.post(response["Location"], {"sheet_0": "2023-Y", "column_0": "revenue"})
    assert response["Location"] == reverse("reporting:history_preview", args=[record.pk])
    record.refresh_from_db()
    assert record.mapping == {"sheets": {"Năm 2023": "2023-Y"}, "columns": {"Doanh thu cả năm": "revenue"}}
    assert "90" in staff_client.get(response["Location"]).content.decode()
