"""Need ↔ offer matching: ranked, with a reason a person can read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from khoi.marketplace import selectors, services
from khoi.marketplace.matching import MatchFacts, match, shared_keywords
from khoi.marketplace.tests.conftest import HP, category


def facts(**overrides):
    values: dict[str, Any] = {
        "id": 1,
        "enterprise_id": 1,
        "category_id": 10,
        "category_name": "Vận tải – kho bãi",
        "field_id": 3,
        "field_name": "Vận tải – cảng – logistics – kho bãi – chuyển phát",
        "regions": frozenset({"Hải Phòng"}),
        "text": "Cần thuê kho lạnh bảo quản hàng thủy sản",
        "title": "Cần thuê kho lạnh bảo quản hàng thủy sản",
    }
    values.update(overrides)
    return MatchFacts(**values)


def test_the_reason_names_the_field_the_region_and_the_shared_words():
    need = facts()
    offer = facts(id=2, enterprise_id=2, text="Cho thuê kho lạnh và kho bãi container", title="Cho thuê kho lạnh")
    result = match(need, offer)
    assert result is not None
    assert result.reason == "cùng lĩnh vực vận tải – kho bãi; phục vụ Hải Phòng; từ khóa: kho lạnh"


def test_an_offer_of_the_same_field_but_another_category_names_the_field():
    need = facts()
    offer = facts(id=2, enterprise_id=2, category_id=11, category_name="Logistics", text="Logistics trọn gói", title="")
    result = match(need, offer)
    assert result is not None
    assert result.reason.startswith("cùng lĩnh vực vận tải – cảng – logistics")


def test_a_nationwide_offer_serves_the_needs_region():
    result = match(facts(), facts(id=2, enterprise_id=2, regions=frozenset({"Toàn quốc"})))
    assert result is not None and result.regions == ("Hải Phòng",)


def test_nothing_links_listings_of_other_fields_without_shared_words():
    other = facts(id=2, enterprise_id=2, category_id=99, field_id=98, text="Phần mềm kế toán", title="Phần mềm kế toán")
    assert match(facts(), other) is None


def test_an_enterprise_is_never_matched_with_itself():
    assert match(facts(), facts(id=2)) is None


def test_shared_keywords_ignore_common_words():
    assert shared_keywords("Công ty cung cấp dịch vụ", "Công ty cổ phần dịch vụ") == ()


def test_offers_for_a_need_are_ranked_with_their_reasons(enterprise_in, enterprise_b, enterprise_out):
    def post(enterprise, kind, code, title, regions):
        return services.listing_create(
            actor=None,
            enterprise=enterprise,
            fields={"kind": kind, "category": category(code), "title": title, "regions": regions,
                    "valid_from": dt.date(2024, 1, 1)},
        )  # fmt: skip

    need = post(enterprise_in, "need", "kho-bai", "Cần thuê kho lạnh bảo quản thủy sản", ["Hải Phòng"])
    best = post(enterprise_b, "offer", "kho-bai", "Cho thuê kho lạnh gần cảng", ["Hải Phòng"])
    field_only = post(enterprise_out, "offer", "logistics", "Logistics trọn gói", ["Hà Nội"])
    post(enterprise_out, "offer", "in-an", "In bao bì carton", ["Hải Phòng"])
    found = selectors.listing_matches(listing=need, on_date=dt.date(2024, 6, 1))
    assert [s.other.pk for s in found] == [best.pk, field_only.pk]
    assert found[0].match.reason == "cùng lĩnh vực vận tải – kho bãi; phục vụ Hải Phòng; từ khóa: kho lạnh"
    # Suggestions go both ways: the offer sees the need.
    back = selectors.listing_matches(listing=best, on_date=dt.date(2024, 6, 1))
    assert [s.other.pk for s in back] == [need.pk]


def test_a_unit_sees_suggestions_for_its_own_listings(unit_a, enterprise_in, enterprise_b):
    services.listing_create(
        actor=None, enterprise=enterprise_in,
        fields={"kind": "need", "category": category("dong-phuc"), "title": "Cần may đồng phục", "regions": HP},
    )  # fmt: skip
    offer = services.listing_create(
        actor=None, enterprise=enterprise_b,
        fields={"kind": "offer", "category": category("dong-phuc"), "title": "May đồng phục bảo hộ", "regions": HP},
    )  # fmt: skip
    suggestions = selectors.unit_suggestions(unit=unit_a)
    assert [s.other.pk for s in suggestions] == [offer.pk]
    assert "đồng phục" in suggestions[0].match.reason


def test_shared_phrases_keep_vietnamese_words_whole():
    need = "Cần vay vốn lưu động với lãi suất ưu đãi cho doanh nghiệp"
    offer = "Cho vay vốn lưu động lãi suất ưu đãi"
    found = shared_keywords(need, offer)
    assert "vay vốn lưu động" in found
    assert "lãi suất ưu đãi" in found
    assert not any(cut in found for cut in ("vốn lưu", "động lãi", "suất ưu"))


def test_a_shared_phrase_loses_the_common_words_at_its_edges():
    assert shared_keywords("Cung cấp kho lạnh cho thuê", "Dịch vụ cung cấp kho lạnh") == ("kho lạnh",)
