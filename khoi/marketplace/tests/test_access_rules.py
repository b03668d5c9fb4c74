"""Who may do what, pages and API: forbidden actions answer 403, objects out of scope 404, and
contact data goes only to those who need it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from khoi.marketplace import services
from khoi.marketplace.models import Listing, ListingStatus, Meeting
from khoi.marketplace.tests.conftest import HP, category

API = "/api/v1/marketplace"


@pytest.fixture
def pending_listing(enterprise_in, reporter_a):
    return services.listing_create(
        actor=reporter_a, enterprise=enterprise_in,
        fields={"kind": "need", "category": category("kho-bai"), "title": "Cần kho lạnh", "regions": HP},
    )  # fmt: skip


@pytest.fixture
def meeting(participant_a, participant_out):
    request = services.meeting_request_send(actor=None, requester=participant_out, recipient=participant_a)
    services.meeting_request_answer(actor=None, request=request, accept=True, slot_index=1)
    return Meeting.objects.get(request=request)


def test_a_reporters_post_waits_for_moderation_and_is_hidden_from_other_units(
    pending_listing, reporter_b_client, reporter_a_client
):
    assert pending_listing.status == ListingStatus.PENDING
    assert reporter_b_client.get(f"/market/listings/{pending_listing.pk}/").status_code == 404
    assert reporter_b_client.get(f"{API}/listings/{pending_listing.pk}/").status_code == 404
    assert reporter_a_client.get(f"/market/listings/{pending_listing.pk}/").status_code == 200


def test_only_staff_moderate(pending_listing, reporter_a_client, staff_client):
    assert reporter_a_client.get("/market/moderation/").status_code == 403
    response = reporter_a_client.post(
        f"{API}/listings/{pending_listing.pk}/moderate/", {"approve": True}, content_type="application/json"
    )
    assert response.status_code == 403
    response = staff_client.post(
        f"{API}/listings/{pending_listing.pk}/moderate/", {"approve": True}, content_type="application/json"
    )
    assert response.status_code == 200
    assert Listing.objects.get(pk=pending_listing.pk).status == ListingStatus.APPROVED


def test_a_reporter_cannot_edit_another_units_listing(pending_listing, staff_user, reporter_b_client):
    services.listing_moderate(actor=staff_user, listing=pending_listing, approve=True)
    assert reporter_b_client.get(f"/market/listings/{pending_listing.pk}/edit/").status_code == 403
    response = reporter_b_client.patch(
        f"{API}/listings/{pending_listing.pk}/", {"title": "X"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_a_reporter_posts_for_its_own_unit_through_the_api(reporter_a_client, unit_a):
    response = reporter_a_client.post(
        f"{API}/listings/",
        {"kind": "offer", "category": category("logistics").pk, "title": "Logistics", "regions": ["Hải Phòng"]},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert Listing.objects.get().enterprise.unit == unit_a


def test_bad_listing_input_is_refused_in_vietnamese(reporter_a_client):
    response = reporter_a_client.post(
        f"{API}/listings/",
        {"kind": "offer", "category": category("logistics").pk, "title": "Logistics", "regions": ["Hải Phòng"],
         "valid_from": "2024-05-01", "valid_until": "2024-01-01"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json() == {"valid_until": ["Ngày hết hiệu lực không được trước ngày bắt đầu."]}
    assert not Listing.objects.exists()


def test_outside_enterprises_are_registered_by_staff_only(reporter_a_client, staff_client):
    data = {"name": "Công ty E", "tax_code": "0100109106", "province": "Hà Nội"}
    assert reporter_a_client.post(f"{API}/enterprises/", data, content_type="application/json").status_code == 403
    assert reporter_a_client.get("/market/enterprises/new/").status_code == 403
    bad = staff_client.post(f"{API}/enterprises/", {**data, "tax_code": "0100233480"}, content_type="application/json")
    assert bad.status_code == 400
    assert "mã số thuế" in bad.json()["tax_code"][0].lower() or "Mã số thuế" in bad.json()["tax_code"][0]
    assert staff_client.post(f"{API}/enterprises/", data, content_type="application/json").status_code == 201


def test_conference_management_is_for_staff(conference, reporter_a_client, leader_client, staff_client):
    for client in (reporter_a_client, leader_client):
        assert client.get("/market/conferences/new/").status_code == 403
        assert client.get(f"/market/conferences/{conference.pk}/schedule/").status_code == 403
        assert client.get(f"/market/conferences/{conference.pk}/export.xlsx").status_code == 403
        assert client.get(f"/market/conferences/{conference.pk}/tables.pdf").status_code == 403
        assert client.post(f"{API}/conferences/{conference.pk}/schedule/").status_code == 403
    assert staff_client.post(f"{API}/conferences/{conference.pk}/schedule/").status_code == 200
    assert staff_client.get("/market/conferences/999999/").status_code == 404


def test_an_agenda_is_private_to_its_participant_and_staff(
    conference, participant_a, reporter_a_client, reporter_b_client, staff_client
):
    page = f"/market/conferences/{conference.pk}/participants/{participant_a.pk}/agenda.pdf"
    assert reporter_b_client.get(page).status_code == 404
    assert reporter_b_client.get(f"{API}/participants/{participant_a.pk}/agenda/").status_code == 404
    assert reporter_a_client.get(page).status_code == 200
    assert staff_client.get(f"{API}/participants/{participant_a.pk}/agenda/").status_code == 200


def test_contact_data_goes_to_staff_the_participant_and_its_meeting_partners(
    participant_a, participant_b, reporter_a_client, reporter_b_client, staff_client, meeting
):
    url = f"{API}/participants/{participant_a.pk}/"
    assert "phone" not in reporter_b_client.get(url).json()
    assert reporter_a_client.get(url).json()["phone"] == "+84912345678"
    assert staff_client.get(url).json()["phone"] == "+84912345678"
    # unit_b meets participant_a once a request between them is accepted.
    request = services.meeting_request_send(actor=None, requester=participant_b, recipient=participant_a)
    services.meeting_request_answer(actor=None, request=request, accept=True)
    assert reporter_b_client.get(url).json()["phone"] == "+84912345678"


def test_a_reporter_cannot_answer_or_book_for_another_unit(
    meeting, participant_a, participant_b, participant_out, reporter_b_client
):
    request = services.meeting_request_send(actor=None, requester=participant_out, recipient=participant_b)
    other = services.meeting_request_send(actor=None, requester=participant_b, recipient=participant_a)
    assert (
        reporter_b_client.post(
            f"{API}/requests/{other.pk}/answer/", {"accept": True}, content_type="application/json"
        ).status_code
        == 404
    )
    assert reporter_b_client.post(f"/market/requests/{other.pk}/answer/", {"accept": "1"}).status_code == 404
    assert (
        reporter_b_client.post(
            f"{API}/meetings/{meeting.pk}/book/", {"slot": 2}, content_type="application/json"
        ).status_code
        == 404
    )
    assert (
        reporter_b_client.post(
            f"{API}/requests/{request.pk}/answer/", {"accept": True}, content_type="application/json"
        ).status_code
        == 200
    )


def test_only_staff_move_or_lock_meetings(meeting, reporter_a_client, staff_client):
    data = {"slot": 3, "table_number": 2}
    assert (
        reporter_a_client.post(f"{API}/meetings/{meeting.pk}/move/", data, content_type="application/json").status_code
        == 403
    )
    assert reporter_a_client.post(f"/market/meetings/{meeting.pk}/move/", {"slot": 3, "table": 2}).status_code == 403
    response = staff_client.post(f"{API}/meetings/{meeting.pk}/move/", data, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["locked"] is True


def test_a_request_to_oneself_through_the_api_is_a_clear_400(participant_a, reporter_a_client):
    response = reporter_a_client.post(
        f"{API}/requests/",
        {"requester": participant_a.pk, "recipient": participant_a.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"recipient": ["Không thể gửi yêu cầu gặp chính mình."]}


def test_a_reporter_sends_requests_only_for_its_own_participant(participant_a, participant_b, reporter_b_client):
    response = reporter_b_client.post(
        f"{API}/requests/",
        {"requester": participant_a.pk, "recipient": participant_b.pk},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_memoranda_follow_up_is_for_the_parties_and_staff(
    enterprise_in, enterprise_out, reporter_a_client, reporter_b_client
):
    mou = services.mou_create(
        actor=None, provider=enterprise_out, customer=enterprise_in, subject="Logistics",
        category=category("logistics"), signed_on=dt.date(2024, 7, 10),
    )  # fmt: skip
    data = {"status": "contracted", "on_date": "2024-09-01"}
    assert (
        reporter_b_client.post(f"{API}/mous/{mou.pk}/status/", data, content_type="application/json").status_code == 404
    )
    assert reporter_b_client.post(f"/market/mous/{mou.pk}/status/", data).status_code == 404
    assert reporter_b_client.get(f"{API}/mous/").json() == []
    assert (
        reporter_a_client.post(f"{API}/mous/{mou.pk}/status/", data, content_type="application/json").status_code == 200
    )


def test_anonymous_visitors_get_nothing(db):
    client = Client()
    assert client.get("/market/").status_code == 302
    assert client.get(f"{API}/search/?q=nuoc").status_code in (401, 403)
    assert client.get(f"{API}/inter-use/?baseline=2021-01-01").status_code in (401, 403)


def test_the_search_api_and_page_give_the_same_ranking(corpus, reporter_a_client):
    api = [hit["listing"]["title"] for hit in reporter_a_client.get(f"{API}/search/?q=kho+lanh").json()]
    page = reporter_a_client.get("/market/?q=kho+lanh").content.decode()
    assert api[0] == "Cho thuê kho lạnh bảo quản thủy sản"
    assert page.index(api[0]) < page.index(api[1])


def test_the_inter_use_api_answers_with_the_vietnamese_change(leader_client):
    response = leader_client.get(f"{API}/inter-use/?baseline=2021-01-01&on=2024-07-10")
    assert response.status_code == 200
    assert response.json()["change"] == "chưa có số liệu cùng kỳ"


def test_leadership_does_not_see_participants_phone_numbers(participant_a, leader_client, meeting):
    assert "phone" not in leader_client.get(f"{API}/participants/{participant_a.pk}/").json()


def test_the_home_page_fragment_shows_a_units_suggestions(
    enterprise_in, enterprise_b, reporter_a_client, leader_client
):
    services.listing_create(
        actor=None, enterprise=enterprise_in,
        fields={"kind": "need", "category": category("dong-phuc"), "title": "Cần may đồng phục", "regions": HP},
    )  # fmt: skip
    services.listing_create(
        actor=None, enterprise=enterprise_b,
        fields={"kind": "offer", "category": category("dong-phuc"), "title": "May đồng phục bảo hộ", "regions": HP},
    )  # fmt: skip
    page = reporter_a_client.get("/market/suggestions/").content.decode()
    assert "May đồng phục bảo hộ" in page and "cùng lĩnh vực đồng phục, bảo hộ lao động" in page
    assert "May đồng phục bảo hộ" not in leader_client.get("/market/suggestions/").content.decode()


def test_a_participant_sets_its_availability_but_not_another_units(
    participant_a, reporter_a_client, reporter_b_client, meeting
):
    url = f"{API}/participants/{participant_a.pk}/availability/"
    assert reporter_b_client.post(url, {"unavailable_slots": [3]}, content_type="application/json").status_code == 404
    response = reporter_a_client.post(url, {"unavailable_slots": [3, 4]}, content_type="application/json")
    assert response.status_code == 200 and response.json()["unavailable_slots"] == [3, 4]
    # Slot 1 already holds a meeting: it cannot be declared unavailable.
    clash = reporter_a_client.post(url, {"unavailable_slots": [1]}, content_type="application/json")
    assert clash.status_code == 400
    assert clash.json() == {"unavailable_slots": ["Bạn đã có cuộc gặp trong một trong các khung giờ đó."]}
