"""Fixtures of the marketplace tests: enterprises in and outside the bloc, a search corpus, a
small conference with participants."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from khoi.marketplace import services
from khoi.marketplace.models import Category, Conference, Enterprise, Listing, Participant
from khoi.units.models import Unit
from khoi.units.tests.factories import valid_tax_code

HP = ["Hải Phòng"]
NORTH = ["Hải Phòng", "Hà Nội", "Quảng Ninh"]

# (title, category code, kind, regions, in the bloc?)
CORPUS: list[tuple[str, str, str, list[str], bool]] = [
    ("Cung cấp nước sạch cho khu công nghiệp", "nuoc-sach", "offer", HP, True),
    ("Xử lý chất thải nguy hại", "xu-ly-moi-truong", "offer", HP, True),
    ("Dịch vụ logistics trọn gói", "logistics", "offer", NORTH, False),
    ("Vận tải hàng hóa bằng container", "van-tai-duong-bo", "offer", NORTH, True),
    ("Cho thuê kho lạnh bảo quản thủy sản", "kho-bai", "offer", HP, True),
    ("Chuyển phát nhanh toàn quốc", "chuyen-phat", "offer", ["Toàn quốc"], False),
    ("May đồng phục bảo hộ lao động", "dong-phuc", "offer", NORTH, False),
    ("Khám sức khỏe định kỳ cho người lao động", "kham-suc-khoe", "offer", HP, True),
    ("Bảo hiểm sức khỏe cho nhân viên", "bao-hiem", "offer", NORTH, True),
    ("Cho vay vốn lưu động ưu đãi", "ngan-hang", "offer", HP, True),
    ("Phần mềm hóa đơn điện tử", "cong-nghe-thong-tin", "offer", ["Toàn quốc"], False),
    ("In bao bì carton", "in-an", "offer", NORTH, False),
    ("Suất ăn công nghiệp", "thuc-pham", "offer", HP, True),
    ("Trồng và chăm sóc cây xanh", "cay-xanh", "offer", HP, True),
    ("Đèn LED chiếu sáng đường phố", "chieu-sang", "offer", HP, True),
    ("Nạo vét hệ thống thoát nước", "thoat-nuoc", "offer", HP, True),
    ("Sửa chữa tàu biển", "co-khi", "offer", HP, True),
    ("Xi măng Portland hỗn hợp", "vat-lieu-xay-dung", "offer", NORTH, False),
    ("Ống nhựa PVC", "nhua-bao-bi", "offer", NORTH, False),
    ("Tổ chức hội nghị khách hàng", "du-lich-hoi-nghi", "offer", HP, True),
    ("Vận tải biển tuyến Bắc Nam", "van-tai-bien", "offer", ["Toàn quốc"], True),
    ("Xếp dỡ container tại cảng Đình Vũ", "dich-vu-cang", "offer", HP, True),
    ("Cần thuê xe đưa đón công nhân", "van-tai-duong-bo", "need", HP, True),
    ("Cần mua thiết bị y tế", "duoc-thiet-bi-y-te", "need", HP, False),
    ("Điện năng tiết kiệm cho nhà xưởng", "dien-nang", "offer", HP, True),
    ("Cần tìm đối tác đóng tàu", "co-khi", "need", HP, False),
    ("Thi công nhà xưởng tiền chế", "xay-dung", "offer", NORTH, True),
    ("Nước đá tinh khiết", "thuc-pham", "offer", HP, False),
    ("Dịch vụ vệ sinh công nghiệp", "xu-ly-moi-truong", "offer", HP, True),
    ("Thuốc thiết yếu cho tủ thuốc doanh nghiệp", "duoc-thiet-bi-y-te", "offer", HP, True),
    ("Cần kho lạnh cho hàng đông lạnh", "kho-bai", "need", HP, False),
]

postgres_only = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (real concurrency and locking)"),
]


def category(code: str) -> Category:
    return Category.objects.get(code=code)


@pytest.fixture
def enterprise_in(unit_a: Unit) -> Enterprise:
    return services.enterprise_for_unit(unit=unit_a)


@pytest.fixture
def enterprise_b(unit_b: Unit) -> Enterprise:
    return services.enterprise_for_unit(unit=unit_b)


@pytest.fixture
def enterprise_out(db: None) -> Enterprise:
    return services.enterprise_register_outside(
        actor=None, name="Công ty TNHH Ngoài Khối", tax_code=valid_tax_code(9001), province="Hà Nội"
    )


@pytest.fixture
def corpus(enterprise_in: Enterprise, enterprise_out: Enterprise) -> dict[str, Listing]:
    listings = {}
    for title, code, kind, regions, in_bloc in CORPUS:
        listings[title] = services.listing_create(
            actor=None,
            enterprise=enterprise_in if in_bloc else enterprise_out,
            fields={
                "kind": kind,
                "category": category(code),
                "title": title,
                "description": "",
                "regions": regions,
                "valid_from": dt.date(2024, 1, 1),
            },
        )
    return listings


@pytest.fixture
def conference(db: None) -> Conference:
    return services.conference_create(
        actor=None,
        title="Hội nghị thử",
        date=dt.date(2030, 7, 10),
        venue="Hải Phòng",
        table_count=2,
        starts_at=dt.time(14, 0),
        slot_minutes=20,
        slot_count=4,
        breaks=[(2, 15)],
    )


@pytest.fixture
def participant_a(conference: Conference, enterprise_in: Enterprise) -> Participant:
    return services.participant_register(
        actor=None, conference=conference, enterprise=enterprise_in, representative="Nguyễn Văn An", phone="0912345678"
    )


@pytest.fixture
def participant_b(conference: Conference, enterprise_b: Enterprise) -> Participant:
    return services.participant_register(actor=None, conference=conference, enterprise=enterprise_b, phone="0987654321")


@pytest.fixture
def participant_out(conference: Conference, enterprise_out: Enterprise) -> Participant:
    return services.participant_register(
        actor=None, conference=conference, enterprise=enterprise_out, unavailable_slots=[4]
    )
