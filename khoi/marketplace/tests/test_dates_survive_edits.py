"""A listing edited without touching its dates keeps both, in Vietnamese and in English, on the
page and through the API."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from khoi.marketplace import services
from khoi.marketplace.models import Listing
from khoi.marketplace.tests.conftest import HP, category

API = "/api/v1/marketplace"


@pytest.fixture
def dated_listing(enterprise_in):
    return services.listing_create(
        actor=None,
        enterprise=enterprise_in,
        fields={
            "kind": "offer",
            "category": category("kho-bai"),
            "title": "Cho thuê kho lạnh",
            "regions": HP,
            "valid_from": dt.date(2026, 12, 1),
            "valid_until": dt.date(2027, 6, 30),
        },
    )


def _form_values(page: str) -> dict[str, list[str]]:
    """What a browser would post back for the form as rendered (text, date, select, checkbox)."""
    values: dict[str, list[str]] = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="submit"' in tag:
            continue
        if 'type="checkbox"' in tag and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        values.setdefault(name.group(1), []).append(value.group(1) if value else "")
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        values[name] = [chosen.group(1) if chosen else ""]
    for name, body in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        values[name] = [body.strip()]
    return values


@pytest.mark.parametrize("language", ["vi", "en"])
def test_editing_only_the_title_keeps_both_dates(dated_listing, staff_client, language):
    staff_client.cookies["django_language"] = language
    page = staff_client.get(f"/market/listings/{dated_listing.pk}/edit/").content.decode()
    assert 'value="2026-12-01"' in page
    assert 'value="2027-06-30"' in page
    values = _form_values(page)
    values["title"] = ["Cho thuê kho lạnh bảo quản thủy sản"]
    response = staff_client.post(f"/market/listings/{dated_listing.pk}/edit/", values)
    assert response.status_code == 302, response.content.decode()[:2000]
    listing = Listing.objects.get(pk=dated_listing.pk)
    assert listing.title == "Cho thuê kho lạnh bảo quản thủy sản"
    assert (listing.valid_from, listing.valid_until) == (dt.date(2026, 12, 1), dt.date(2027, 6, 30))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_api_edit_of_the_title_keeps_both_dates(dated_listing, staff_client, language):
    staff_client.cookies["django_language"] = language
    shown = staff_client.get(f"{API}/listings/{dated_listing.pk}/").json()
    assert (shown["valid_from"], shown["valid_until"]) == ("2026-12-01", "2027-06-30")
    response = staff_client.patch(
        f"{API}/listings/{dated_listing.pk}/", {"title": "Kho lạnh"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    listing = Listing.objects.get(pk=dated_listing.pk)
    assert (listing.title, listing.valid_from, listing.valid_until) == (
        "Kho lạnh",
        dt.date(2026, 12, 1),
        dt.date(2027, 6, 30),
    )
