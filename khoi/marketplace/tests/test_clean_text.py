"""Listings, enterprises and registrations are stored clean: NFC, no control characters."""

import unicodedata

from khoi.marketplace.models import Enterprise, Listing, Participant

from .conftest import category

API = "/api/v1/marketplace"


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_a_listing_posted_on_the_page_in_nfd_with_control_characters_is_stored_as_nfc(reporter_a_client, unit_a):
    response = reporter_a_client.post(
        "/market/listings/new/",
        {
            "kind": "offer",
            "category": category("logistics").pk,
            "title": _nfd("Dịch vụ\x01 kho bãi\x1b"),
            "description": _nfd("Kho 5.000 m²\r\nGần cảng\x07 Đình Vũ"),
            "regions": ["Hải Phòng"],
            "contact_name": _nfd("Lê\x7f Văn Nam"),
            "valid_from": "2024-05-01",
        },
    )
    assert response.status_code == 302
    listing = Listing.objects.get()
    assert listing.title == "Dịch vụ kho bãi"
    assert listing.description == "Kho 5.000 m²\nGần cảng Đình Vũ"
    assert listing.contact_name == "Lê Văn Nam"


def test_a_listing_posted_through_the_api_in_nfd_with_control_characters_is_stored_as_nfc(reporter_a_client, unit_a):
    response = reporter_a_client.post(
        f"{API}/listings/",
        {
            "kind": "need",
            "category": category("logistics").pk,
            "title": _nfd("Cần\x02 vận tải"),
            "description": _nfd("Hàng\rcontainer\x03"),
            "regions": ["Hải Phòng"],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    listing = Listing.objects.get()
    assert (listing.title, listing.description) == ("Cần vận tải", "Hàng\ncontainer")


def test_a_registration_posted_without_a_form_is_stored_as_nfc_without_control_characters(
    staff_client, reporter_a_client, conference, unit_a
):
    staff_client.post(
        f"/market/conferences/{conference.pk}/register/",
        {
            "outside": "1",
            "name": _nfd("Công ty\x01 Thép Việt"),
            "tax_code": "0100109106",
            "province": "Hà Nội",
            "representative": _nfd("Ngô\x1f Thị Lan"),
        },
    )
    outside = Enterprise.objects.get(tax_code="0100109106")
    assert outside.name == "Công ty Thép Việt"
    assert Participant.objects.get(enterprise=outside).representative == "Ngô Thị Lan"
    reporter_a_client.post(
        f"/market/conferences/{conference.pk}/register/",
        {"unit": unit_a.pk, "representative": "Trần An", "about": _nfd("Chúng tôi cần\r\nthép\x08 tấm")},
    )
    assert Participant.objects.get(enterprise__unit=unit_a).about == "Chúng tôi cần\nthép tấm"
