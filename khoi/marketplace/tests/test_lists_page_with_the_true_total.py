"""Lists that can exceed a page show the true total and page through it, in a fixed number of
queries whatever the page."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from khoi.marketplace import selectors, services
from khoi.marketplace.tests.conftest import HP, category


@pytest.fixture
def many_cold_stores(enterprise_in, enterprise_out):
    for number in range(1, 46):
        services.listing_create(
            actor=None,
            enterprise=enterprise_in if number % 2 else enterprise_out,
            fields={
                "kind": "offer",
                "category": category("kho-bai"),
                "title": f"Kho lạnh số {number}",
                "regions": HP,
                "valid_from": dt.date(2024, 1, 1),
            },
        )


def test_a_text_search_counts_every_match_and_pages_through_them(many_cold_stores):
    first = selectors.listing_search_page(query="kho lanh", page=1)
    assert first.page.paginator.count == 45
    assert len(first.hits) == 20
    last = selectors.listing_search_page(query="kho lanh", page=3)
    assert len(last.hits) == 5
    seen = {hit.listing.pk for p in (1, 2, 3) for hit in selectors.listing_search_page(query="kho lanh", page=p).hits}
    assert len(seen) == 45


def test_the_search_page_shows_the_total_not_the_page_size(
    many_cold_stores, staff_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        page = staff_client.get("/market/", {"category": category("kho-bai").pk, "page": "2"}).content.decode()
    assert "Kết quả: 45" in page
    assert "Trang 2 / 3" in page
    assert 'rel="next"' in page and 'rel="prev"' in page
    assert len(re.findall(r'class="hit"', page)) == 20


def test_the_participant_list_pages_in_fifty(
    conference, staff_client, bloc, participant_a, django_assert_max_num_queries
):
    from khoi.marketplace.models import Enterprise, Participant
    from khoi.units.tests.factories import valid_tax_code

    enterprises = [
        Enterprise.objects.create(name=f"Công ty {n:03d}", tax_code=valid_tax_code(7000 + n), province="Hà Nội")
        for n in range(60)
    ]
    Participant.objects.bulk_create([Participant(conference=conference, enterprise=e) for e in enterprises])
    with django_assert_max_num_queries(20):
        page = staff_client.get(f"/market/conferences/{conference.pk}/", {"page": "2"}).content.decode()
    assert "Tìm thấy 61 doanh nghiệp" in page
    assert "Trang 2 / 2" in page
