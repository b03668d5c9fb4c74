"""Forms offer only what the user may choose; a refusal is a 403 with the reason in Vietnamese."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from khoi.marketplace import services
from khoi.marketplace.models import Mou
from khoi.marketplace.tests.conftest import category


def _options(page: str, name: str) -> set[str]:
    body = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    return set(re.findall(r'<option value="(\d+)"', body.group(1))) if body else set()


def test_a_units_memorandum_form_lists_its_own_enterprise_on_its_side(
    reporter_a_client, enterprise_in, enterprise_b, enterprise_out
):
    page = reporter_a_client.get("/market/mous/new/").content.decode()
    assert _options(page, "own") == {str(enterprise_in.pk)}
    assert str(enterprise_in.pk) not in _options(page, "partner")
    assert {str(enterprise_b.pk), str(enterprise_out.pk)} <= _options(page, "partner")
    assert 'name="provider"' not in page


def test_a_unit_records_a_memorandum_as_customer(reporter_a_client, enterprise_in, enterprise_out):
    today = timezone.localdate()
    data = {
        "own": enterprise_in.pk,
        "side": "customer",
        "partner": enterprise_out.pk,
        "subject": "Dùng dịch vụ kho lạnh",
        "category": category("kho-bai").pk,
        "signed_on": today.isoformat(),
    }
    assert reporter_a_client.post("/market/mous/new/", data).status_code == 302
    mou = Mou.objects.get()
    assert (mou.provider, mou.customer, mou.signed_on) == (enterprise_out, enterprise_in, today)


def test_acting_for_two_other_enterprises_is_refused_with_a_reason(reporter_a_client, enterprise_b, enterprise_out):
    data = {
        "own": enterprise_b.pk,
        "side": "customer",
        "partner": enterprise_out.pk,
        "subject": "X",
        "category": category("kho-bai").pk,
        "signed_on": timezone.localdate().isoformat(),
    }
    response = reporter_a_client.post("/market/mous/new/", data)
    assert response.status_code == 403
    assert not Mou.objects.exists()


@pytest.mark.parametrize(
    ("signed_on", "message"),
    [(dt.date(2099, 1, 1), "tương lai"), (dt.date(2026, 1, 5), "trong vòng một năm"), (dt.date(2024, 7, 9), "ngày đó")],
)
def test_a_memorandums_date_is_checked_against_today_and_its_conference(
    staff_user, enterprise_in, enterprise_out, participant_a, participant_out, conference, signed_on, message
):
    from django.core.exceptions import ValidationError

    conference.date = dt.date(2024, 7, 10)  # the 2024 conference: signed there in 2026 is refused
    conference.save(update_fields=["date"])
    with pytest.raises(ValidationError) as error:
        services.mou_create(
            actor=staff_user,
            provider=enterprise_out,
            customer=enterprise_in,
            subject="Kho lạnh",
            category=category("kho-bai"),
            signed_on=signed_on,
            conference=conference,
        )
    assert message in str(error.value)


def test_a_firm_opening_the_staffs_exports_is_refused(reporter_a_client, conference):
    assert reporter_a_client.get(f"/market/conferences/{conference.pk}/tables.pdf").status_code == 403
    assert reporter_a_client.get(f"/market/conferences/{conference.pk}/export.xlsx").status_code == 403
