"""One search service, two backends: the same answers on SQLite and PostgreSQL for a fixed list of
Vietnamese queries (accents stripped, typos, word order)."""

from __future__ import annotations

import pytest

from khoi.marketplace import selectors
from khoi.marketplace.tests.conftest import category

# query → the title that must come first
QUERIES: list[tuple[str, str]] = [
    ("nuoc sach", "Cung cấp nước sạch cho khu công nghiệp"),
    ("NƯỚC SẠCH", "Cung cấp nước sạch cho khu công nghiệp"),
    ("sach nuoc", "Cung cấp nước sạch cho khu công nghiệp"),
    ("nươc sach", "Cung cấp nước sạch cho khu công nghiệp"),
    ("logictic", "Dịch vụ logistics trọn gói"),
    ("logistics", "Dịch vụ logistics trọn gói"),
    ("van tai bien", "Vận tải biển tuyến Bắc Nam"),
    ("bien van tai", "Vận tải biển tuyến Bắc Nam"),
    ("van tai container", "Vận tải hàng hóa bằng container"),
    ("kho lanh", "Cho thuê kho lạnh bảo quản thủy sản"),
    ("kho lạnh thủy sản", "Cho thuê kho lạnh bảo quản thủy sản"),
    ("chuyen phat nhanh", "Chuyển phát nhanh toàn quốc"),
    ("chuyen phatt", "Chuyển phát nhanh toàn quốc"),
    ("dong phuc bao ho", "May đồng phục bảo hộ lao động"),
    ("đồng phục", "May đồng phục bảo hộ lao động"),
    ("kham suc khoe", "Khám sức khỏe định kỳ cho người lao động"),
    ("bao hiem suc khoe", "Bảo hiểm sức khỏe cho nhân viên"),
    ("cho vay von", "Cho vay vốn lưu động ưu đãi"),
    ("hoa don dien tu", "Phần mềm hóa đơn điện tử"),
    ("phan mem hoa don", "Phần mềm hóa đơn điện tử"),
    ("bao bi carton", "In bao bì carton"),
    ("suat an cong nghiep", "Suất ăn công nghiệp"),
    ("cay xanh", "Trồng và chăm sóc cây xanh"),
    ("den led chieu sang", "Đèn LED chiếu sáng đường phố"),
    ("thoat nuoc", "Nạo vét hệ thống thoát nước"),
    ("sua chua tau", "Sửa chữa tàu biển"),
    ("xi mang portland", "Xi măng Portland hỗn hợp"),
    ("ong nhua", "Ống nhựa PVC"),
    ("hoi nghi khach hang", "Tổ chức hội nghị khách hàng"),
    ("xep do congtainer", "Xếp dỡ container tại cảng Đình Vũ"),
    ("cang dinh vu", "Xếp dỡ container tại cảng Đình Vũ"),
    ("DINH VU", "Xếp dỡ container tại cảng Đình Vũ"),
    ("thiet bi y te", "Cần mua thiết bị y tế"),
    ("dien nang", "Điện năng tiết kiệm cho nhà xưởng"),
    ("dong tau", "Cần tìm đối tác đóng tàu"),
    ("thi cong nha xuong", "Thi công nhà xưởng tiền chế"),
    ("ve sinh cong nghiep", "Dịch vụ vệ sinh công nghiệp"),
    ("thuoc thiet yeu", "Thuốc thiết yếu cho tủ thuốc doanh nghiệp"),
    ("xu ly chat thai", "Xử lý chất thải nguy hại"),
    ("xe dua don cong nhan", "Cần thuê xe đưa đón công nhân"),
]


def test_the_fixed_query_list_has_at_least_thirty_queries():
    assert len(QUERIES) >= 30


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[query for query, _ in QUERIES])
def test_each_query_puts_the_expected_listing_first(corpus, query, expected):
    hits = selectors.listing_search(query=query)
    assert hits, f"nothing found for {query!r}"
    assert hits[0].listing.title == expected


def test_accent_free_queries_give_the_same_ranking_as_accented_ones(corpus):
    plain = [hit.listing.pk for hit in selectors.listing_search(query="kho lanh")]
    accented = [hit.listing.pk for hit in selectors.listing_search(query="kho lạnh")]
    assert plain == accented


def test_a_query_that_matches_nothing_returns_nothing(corpus):
    assert selectors.listing_search(query="tàu vũ trụ sao hỏa") == []


def test_the_kind_filter_keeps_only_needs(corpus):
    hits = selectors.listing_search(query="kho lanh", kind="need")
    assert [hit.listing.title for hit in hits] == ["Cần kho lạnh cho hàng đông lạnh"]


def test_the_bloc_filter_keeps_only_outside_enterprises(corpus):
    hits = selectors.listing_search(query="kho lanh", in_bloc=False)
    assert {hit.listing.title for hit in hits} == {"Cần kho lạnh cho hàng đông lạnh"}
    inside = selectors.listing_search(query="kho lanh", in_bloc=True)
    assert {hit.listing.title for hit in inside} == {"Cho thuê kho lạnh bảo quản thủy sản"}


def test_the_region_filter_keeps_listings_serving_that_province_or_the_whole_country(corpus):
    hits = selectors.listing_search(query="van tai", region="Quảng Ninh")
    titles = [hit.listing.title for hit in hits]
    # Titles saying "vận tải" first; then other listings of the transport field (by its name).
    assert set(titles[:2]) == {"Vận tải hàng hóa bằng container", "Vận tải biển tuyến Bắc Nam"}
    assert "Cần thuê xe đưa đón công nhân" not in titles  # serves Hải Phòng only


def test_the_category_filter_includes_the_children_of_a_field(corpus):
    field = category("van-tai-logistics")
    titles = {hit.listing.title for hit in selectors.listing_search(query="container", category=field)}
    assert titles == {"Vận tải hàng hóa bằng container", "Xếp dỡ container tại cảng Đình Vũ"}


def test_listings_awaiting_moderation_are_not_found(corpus):
    listing = corpus["Cung cấp nước sạch cho khu công nghiệp"]
    listing.status = "pending"
    listing.save()
    titles = [hit.listing.title for hit in selectors.listing_search(query="nuoc sach")]
    assert "Cung cấp nước sạch cho khu công nghiệp" not in titles
