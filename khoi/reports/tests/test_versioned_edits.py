"""The report wording, indicator wording and document header forms are versioned: of two people
editing the same row, the second's stale save is refused with who saved it and when, and the
first's change is kept."""

from __future__ import annotations

import html

from khoi.core.tests.test_versioned_forms import REFUSED, _form_fields
from khoi.reports.models import DocumentSettings, IndicatorStyle, ProseTemplate

from .conftest import client_for


def _two_forms(url: str, first_client, second_client) -> tuple[dict[str, str], dict[str, str]]:
    first, second = (
        {name: html.unescape(value) for name, value in _form_fields(client.get(url)).items()}
        for client in (first_client, second_client)
    )
    return first, second


def _refused(response) -> None:
    text = response.content.decode()
    assert response.status_code == 400, response.status_code
    assert REFUSED in text
    assert "Nguyễn Thị Lan" in text  # who saved it first (the demo's office staff member)


def test_a_stale_wording_template_form_is_refused_and_the_first_change_is_kept(demo_staff):
    template = ProseTemplate.objects.filter(is_active=True).first()
    url = f"/reports/wording/{template.pk}/"
    first, second = _two_forms(url, demo_staff, client_for("admin"))
    assert first["version"] == second["version"] == "0"
    assert demo_staff.post(url, {**first, "name": "Báo cáo (sửa)", "is_active": "on"}).status_code == 302
    _refused(client_for("admin").post(url, {**second, "name": "Báo cáo (sửa lần hai)", "is_active": "on"}))
    saved = ProseTemplate.objects.get(pk=template.pk)
    assert (saved.name, saved.version, saved.is_active) == ("Báo cáo (sửa)", 1, True)


def test_a_stale_indicator_wording_form_is_refused_and_the_first_change_is_kept(demo_staff):
    style = IndicatorStyle.objects.first()
    url = f"/reports/wording/indicators/{style.indicator_code}/"
    first, second = _two_forms(url, demo_staff, client_for("admin"))
    assert first["version"] == "0"
    assert demo_staff.post(url, {**first, "unit_label": "đơn vị một"}).status_code == 302
    _refused(client_for("admin").post(url, {**second, "unit_label": "đơn vị hai"}))
    assert IndicatorStyle.objects.get(pk=style.pk).unit_label == "đơn vị một"


def test_a_stale_document_header_form_is_refused_and_the_first_change_is_kept(demo_staff):
    url = "/reports/wording/document/"
    first, second = _two_forms(url, demo_staff, client_for("admin"))
    assert first["version"] == "0"
    assert demo_staff.post(url, {**first, "signer_name": "Nguyễn Văn A"}).status_code == 302
    _refused(client_for("admin").post(url, {**second, "signer_name": "Trần Thị B"}))
    assert DocumentSettings.objects.get().signer_name == "Nguyễn Văn A"
