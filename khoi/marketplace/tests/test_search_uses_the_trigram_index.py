"""PostgreSQL: the text search's candidate query runs on the GIN trigram index of the stored
accent-free key, for one word, a corrected typo (alternatives OR-ed) and several words (AND-ed).

The table gets a few thousand other listings and fresh statistics (ANALYZE), so the planner
weighs the index against a sequential scan as it would on a real table; a plan that does not name
the index means the query's shape cannot use it (another expression, operator or operator class
than the index's) or that the planner judged it worse. A word in a third of the listings is the
hard case: the search orders only its first 1.000 matches, and the planner preferred a sequential
scan that stops early. The plans are read as the search gets them (`listing_search_plan`: the
search's planner settings)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from khoi.marketplace import selectors
from khoi.marketplace.models import Enterprise, Listing
from khoi.marketplace.services import listings as listing_services
from khoi.marketplace.tests.conftest import category, postgres_only

pytestmark = postgres_only

INDEX = "listing_search_key_trgm"
FILLER_WORDS = ["cơ khí", "nhựa", "thực phẩm", "nhà xưởng", "đường bộ", "in ấn", "cảng", "hội nghị"]
COMMON_WORDS = ["logistics", "vận tải", "container"]


def _add_listings(enterprise: Enterprise, titles: list[str]) -> None:
    field = category("co-khi")
    filler = []
    for title in titles:
        listing = Listing(
            kind="offer",
            enterprise=enterprise,
            category=field,
            title=title,
            description="cho doanh nghiệp trong khối",
            regions="|Hải Phòng|",
            valid_from=dt.date(2024, 1, 1),
            status="approved",
        )
        listing_services._search_fields(listing, vocabulary=False)
        filler.append(listing)
    Listing.objects.bulk_create(filler, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE marketplace_listing")


@pytest.fixture
def big_table(corpus: dict[str, Listing], enterprise_out: Enterprise) -> None:
    _add_listings(
        enterprise_out, [f"{FILLER_WORDS[i % 8]} {FILLER_WORDS[(i * 3 + 1) % 8]} số {i}" for i in range(3000)]
    )


@pytest.fixture
def common_words_table(corpus: dict[str, Listing], enterprise_out: Enterprise) -> None:
    """As on the bench: each common word in a third of 3.000 listings."""
    _add_listings(enterprise_out, [f"{COMMON_WORDS[i % 3]} {FILLER_WORDS[i % 8]} số {i}" for i in range(3000)])


@pytest.mark.parametrize("query", ["logistics", "logictic", "kho lanh", "dong phuc bao ho"])
def test_the_candidate_query_of_a_search_uses_the_trigram_index(big_table, query):
    plan = selectors.listing_search_plan(query=query)
    assert INDEX in plan, plan
    assert "Seq Scan on marketplace_listing" not in plan, plan


@pytest.mark.parametrize("query", ["logistics", "logictic", "van tai", "container"])
def test_the_candidate_query_uses_the_trigram_index_for_a_word_in_a_third_of_the_listings(common_words_table, query):
    plan = selectors.listing_search_plan(query=query)
    assert INDEX in plan, plan
    assert "Seq Scan on marketplace_listing" not in plan, plan


def test_the_candidate_query_for_a_common_word_hands_on_its_cap_of_listings_containing_it(common_words_table):
    rows = list(selectors.listing_search_candidates(query="vận tải", cap=120))
    assert len(rows) == 120
    assert all("van tai" in text for _id, text in rows)
    assert len({pk for pk, _text in rows}) == 120


def test_the_index_is_on_the_column_the_search_filters_on(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
        (definition,) = cursor.fetchone()
    assert "gin (search_key_pg gin_trgm_ops)" in definition
    assert "search_key_pg LIKE" in str(selectors.listing_search_candidates(query="logistics").query)
