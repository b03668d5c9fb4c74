"""The attacker's findings, one test each: odd input is a Vietnamese 400 (or a 404 for an address
that can name nothing), never a 500 — on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from khoi.emulation.tests.factories import make_catalogue
from khoi.marketplace import services as market
from khoi.units.models import Unit

HUGE = "9223372036854775808"  # 2^63: one more than the largest bigint
VIETNAMESE_BAD_DATA = "Dữ liệu chứa ký tự không hợp lệ."


@pytest.fixture
def conference(db):
    return market.conference_create(
        actor=None, title="Hội nghị thử", date=dt.date(2030, 7, 10), venue="Hải Phòng", table_count=2,
        starts_at=dt.time(14, 0), slot_minutes=20, slot_count=4, breaks=[],
    )  # fmt: skip


@pytest.fixture
def participant_a(conference, unit_a: Unit):
    return market.participant_register(
        actor=None, conference=conference, enterprise=market.enterprise_for_unit(unit=unit_a), phone="0912345678"
    )


def test_a_non_numeric_participant_id_in_a_marketplace_post_is_a_400(participant_a, conference, reporter_a_client):
    url = f"/market/conferences/{conference.pk}/participants/{participant_a.pk}/request/"
    response = reporter_a_client.post(url, {"requester": "abc", "message": "Xin chào"})
    assert response.status_code == 400


def test_non_numeric_and_huge_ids_in_the_memorandum_form_are_refused_without_a_500(unit_a, staff_client):
    market.enterprise_for_unit(unit=unit_a)
    for value in ("abc", HUGE, "-3"):
        response = staff_client.post(
            "/market/mous/new/", {"provider": value, "customer": value, "conference": value, "subject": "Hợp tác"}
        )
        assert response.status_code in (200, 400)


def test_a_non_numeric_unit_in_a_conference_registration_is_a_400(conference, reporter_a_client):
    response = reporter_a_client.post(f"/market/conferences/{conference.pk}/register/", {"unit": "abc"})
    assert response.status_code == 400


def test_a_limit_beyond_a_bigint_gives_at_most_the_largest_page(unit_a, staff_client):
    response = staff_client.get(f"/api/v1/units/?limit={HUGE}")
    assert response.status_code == 200
    assert response.json()["count"] == 2


@pytest.mark.parametrize("value", ["-1", "0", "abc", "1.5"])
def test_a_limit_that_is_not_a_positive_whole_number_is_a_vietnamese_400(value, unit_a, staff_client):
    response = staff_client.get(f"/api/v1/units/?limit={value}")
    assert response.status_code == 400
    assert "số nguyên" in response.json()["limit"][0]


def test_a_huge_or_negative_offset_is_handled(unit_a, staff_client):
    assert staff_client.get(f"/api/v1/units/?offset={HUGE}").json()["results"] == []
    assert staff_client.get("/api/v1/units/?offset=-5").status_code == 400


def test_a_huge_id_in_an_address_is_a_404(staff_client):
    assert staff_client.get(f"/api/v1/units/{HUGE}/").status_code == 404
    assert staff_client.get(f"/api/v1/marketplace/listings/{HUGE}/").status_code == 404
    assert staff_client.get(f"/units/{HUGE}/").status_code == 404


def test_a_256_character_position_of_a_proposed_person_is_a_vietnamese_400(unit_a, staff_client):
    make_catalogue()
    response = staff_client.post(
        "/api/v1/emulation/proposals/",
        {
            "unit": unit_a.pk, "year": 2024, "title": "Đề nghị khen thưởng", "form": "GK-DUK",
            "people": [{"full_name": "Nguyễn Văn An", "position": "x" * 256}],
        },
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "255" in str(response.json())


def test_huge_integers_in_a_list_of_proposal_ids_are_a_vietnamese_400(staff_client):
    make_catalogue()
    response = staff_client.post(
        "/api/v1/emulation/decisions/",
        {
            "issuer": "x", "form": "GK-DUK", "number": 1, "signed_on": "2024-01-05", "signer_name": "A",
            "signer_title": "B", "subject": "C", "year": 2024, "proposals": [int(HUGE), 10**30],
        },
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "proposals" in response.json()


def test_a_huge_number_in_a_count_is_a_vietnamese_400_not_an_overflow(staff_client):
    response = staff_client.post(
        "/api/v1/marketplace/conferences/",
        {
            "title": "Hội nghị", "date": "2030-01-01", "venue": "Hải Phòng", "table_count": 10**20,
            "starts_at": "08:00", "slot_minutes": 20, "slot_count": 3,
        },
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "table_count" in response.json()


def test_a_nul_in_the_search_words_is_a_vietnamese_400(reporter_a_client):
    response = reporter_a_client.get("/api/v1/marketplace/search/?q=n%00uoc")
    assert response.status_code == 400
    assert response.json() == {"detail": VIETNAMESE_BAD_DATA}
    assert reporter_a_client.get("/market/?q=%00").status_code == 400


def test_a_nul_in_a_json_or_form_body_is_a_vietnamese_400(unit_a, staff_client):
    response = staff_client.patch(
        f"/api/v1/units/{unit_a.pk}/", '{"name": "A\\u0000B"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": VIETNAMESE_BAD_DATA}
    response = staff_client.post(f"/units/{unit_a.pk}/edit/", {"name": "A\x00B"})  # multipart, as the test client sends
    assert response.status_code == 400
    assert VIETNAMESE_BAD_DATA in response.content.decode()
    response = staff_client.post(
        f"/units/{unit_a.pk}/edit/", "name=A%00B", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert VIETNAMESE_BAD_DATA in response.content.decode()
    assert Unit.objects.get(pk=unit_a.pk).name != "A\x00B"


def test_an_escaped_backslash_before_u0000_is_text_not_a_nul(unit_a, staff_client):
    response = staff_client.patch(
        f"/api/v1/units/{unit_a.pk}/", '{"short_name": "A\\\\u0000"}', content_type="application/json"
    )
    assert response.status_code != 400 or "detail" not in response.json()


def test_english_users_get_the_english_message(unit_a):
    client = Client()
    client.cookies["django_language"] = "en"
    assert client.get("/api/v1/marketplace/search/?q=%00").status_code == 400


def test_huge_ids_in_the_bulk_approval_form_and_api_are_not_a_500(unit_a, staff_client):
    from khoi.reporting import round_services
    from khoi.reporting import services as reporting
    from khoi.reporting.models import ReportForm
    from khoi.units.models import UnitGroup

    UnitGroup.objects.create(code="ngan-hang", name="Nhóm ngân hàng")
    reporting.catalogue_install()
    form = ReportForm.objects.get(code="bao-cao-dinh-ky")
    reporting_round = round_services.round_open(
        form=form, period_code="2021-H1", deadline=dt.date(2021, 7, 20), actor=None
    )
    page = staff_client.post(f"/reporting/rounds/{reporting_round.pk}/approve/", {"submission_ids": [HUGE, "1x"]})
    assert page.status_code < 500
    api = staff_client.post(
        f"/api/v1/reporting/rounds/{reporting_round.pk}/approve/",
        {"submission_ids": [int(HUGE)]},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert "submission_ids" in api.json()
