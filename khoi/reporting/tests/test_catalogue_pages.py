"""The catalogue is the committee's: standard indicators chosen, its own added, forms composed,
and an indicator with data never silently changes meaning."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from khoi.accounts.models import User
from khoi.reporting import catalogue_services
from khoi.reporting.models import FormIndicator, Indicator, ReportForm
from khoi.reporting.tests.factories import record
from khoi.units.models import Unit


def indicator_post(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Số sáng kiến được công nhận",
        "name_en": "",
        "unit_label": "sáng kiến",
        "value_type": "integer",
        "decimals": 0,
        "time_aggregation": "flow",
        "unit_aggregation": "sum",
        "multiplier": "1",
        "count_denominator": "enterprises",
        "order": 500,
        "definition": "",
    }
    data.update(changes)
    return data


def test_catalogue_pages_are_for_staff(db: None, reporter_a_client: Client, leader_client: Client) -> None:
    indicator = Indicator.objects.create(code="x", name="X")
    form = ReportForm.objects.create(code="f", name="F")
    urls = [
        reverse("reporting:catalogue"),
        reverse("reporting:indicator_create"),
        reverse("reporting:indicator_edit", args=[indicator.pk]),
        reverse("reporting:report_form_create"),
        reverse("reporting:report_form_edit", args=[form.pk]),
    ]
    for client in (reporter_a_client, leader_client):
        for url in urls:
            assert client.get(url).status_code == 403, url
        assert client.post(reverse("reporting:catalogue_standard"), {"code": "revenue"}).status_code == 403
        assert client.post(reverse("reporting:indicator_create"), indicator_post()).status_code == 403
    assert not Indicator.objects.filter(code="revenue").exists()
    assert Client().get(urls[0]).status_code == 302


def test_unknown_indicator_is_404(staff_client: Client) -> None:
    assert staff_client.get(reverse("reporting:indicator_edit", args=[999])).status_code == 404


def test_choose_standard_add_own_and_compose_a_form(staff_client: Client) -> None:
    response = staff_client.post(reverse("reporting:catalogue_standard"), {"code": ["revenue", "npl_ratio"]})
    assert response.status_code == 302
    # the ratio brings its terms along
    assert set(Indicator.objects.values_list("code", flat=True)) == {"revenue", "npl_ratio", "bad_loans", "loans"}
    response = staff_client.post(reverse("reporting:indicator_create"), indicator_post())
    assert response.status_code == 302
    own = Indicator.objects.get(name="Số sáng kiến được công nhận")
    assert own.code == "so_sang_kien_duoc_cong_nhan"
    page = staff_client.get(reverse("reporting:catalogue")).content.decode()
    assert "Số sáng kiến được công nhận" in page and own.code not in page  # no internal code on the screen
    revenue = Indicator.objects.get(code="revenue")
    ratio = Indicator.objects.get(code="npl_ratio")
    response = staff_client.post(
        reverse("reporting:report_form_create"),
        {
            "name": "Báo cáo 6 tháng",
            "frequency": "window",
            "indicators": [revenue.pk, own.pk],
            "optional": [own.pk],
        },
    )
    assert response.status_code == 302
    form = ReportForm.objects.get(name="Báo cáo 6 tháng")
    items = {item.indicator.code: item.required for item in form.items.select_related("indicator")}
    assert items == {"revenue": True, own.code: False}
    page = staff_client.get(reverse("reporting:report_form_edit", args=[form.pk])).content.decode()
    assert f'value="{ratio.pk}"' not in page  # the ratio is computed, never typed


def test_an_indicator_with_data_keeps_its_meaning(staff_user: User, unit_a: Unit) -> None:
    workers = Indicator.objects.create(code="workers", name="Lao động", unit_label="người", time_aggregation="stock")
    form = ReportForm.objects.create(code="f", name="F")
    FormIndicator.objects.create(form=form, indicator=workers)
    record(unit_a, workers, "2024-H1", 40)
    with pytest.raises(ValidationError, match=r"new version|phiên bản mới"):
        catalogue_services.indicator_save(
            indicator=workers, actor=staff_user, fields={"time_aggregation": "flow"}, expected_version=0
        )
    workers.refresh_from_db()
    assert workers.time_aggregation == "stock" and workers.version == 0
    # a name or decimals may change (optimistic-locked)
    catalogue_services.indicator_save(
        indicator=workers, actor=staff_user, fields={"name": "Tổng số lao động", "decimals": 0}, expected_version=0
    )
    workers.refresh_from_db()
    assert workers.name == "Tổng số lao động" and workers.version == 1 and workers.updated_by == staff_user
    with pytest.raises(ValidationError):
        catalogue_services.indicator_save(
            indicator=workers, actor=staff_user, fields={"decimals": 1}, expected_version=0
        )
    copy = catalogue_services.indicator_new_version(
        indicator=workers, actor=staff_user, fields={"unit_label": "nghìn người"}
    )
    assert copy.code == "workers-v2" and copy.unit_label == "nghìn người"
    assert list(form.items.values_list("indicator__code", flat=True)) == ["workers-v2"]
    assert workers.values.get().value == Decimal(40)  # the old one keeps its history


def test_stale_indicator_page_edit_is_refused(staff_client: Client, staff_user: User) -> None:
    indicator = Indicator.objects.create(code="x", name="Chỉ tiêu X")
    catalogue_services.indicator_save(
        indicator=indicator, actor=staff_user, fields={"name": "Chỉ tiêu Y"}, expected_version=0
    )
    response = staff_client.post(
        reverse("reporting:indicator_edit", args=[indicator.pk]), indicator_post(name="Chỉ tiêu Z", version=0)
    )
    assert response.status_code == 200
    indicator.refresh_from_db()
    assert indicator.name == "Chỉ tiêu Y"
