"""The demo bloc's register: the Enterprise Bloc's Party Committee of the seed articles.

95 base Party organisations in 2021 (37 đảng bộ cơ sở, 58 chi bộ cơ sở): 93 enterprises and 2
business associations. Two enterprises leave in 2022–2023, leaving 93 in 2024 (36 + 57), as the
2024-07-10 seed says. Names and tax codes are synthetic (tax codes carry valid check digits).
Deterministic: the same input always gives the same register.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from stdnum.vn import mst

from khoi.accounts import demo as accounts_demo
from khoi.accounts.models import Role, User

from . import services
from .models import BASE_KINDS, Ownership, Sector, Unit, UnitGroup, UnitKind, Zone, ZoneKind

BLOC_CODE = "DUK"
PROVINCE = "Hải Phòng"

ZONES = [
    ("KCN Đình Vũ", ZoneKind.INDUSTRIAL_PARK),
    ("KCN Nomura – Hải Phòng", ZoneKind.INDUSTRIAL_PARK),
    ("KCN Tràng Duệ", ZoneKind.INDUSTRIAL_PARK),
    ("KCN VSIP Hải Phòng", ZoneKind.INDUSTRIAL_PARK),
    ("KCN Nam Cầu Kiền", ZoneKind.INDUSTRIAL_PARK),
    ("KKT Đình Vũ – Cát Hải", ZoneKind.ECONOMIC_ZONE),
]

PLACES = [
    "Lạch Tray",
    "Tam Bạc",
    "Sông Cấm",
    "Văn Cao",
    "Bạch Đằng",
    "Đình Vũ",
    "An Biên",
    "Hồng Bàng",
    "Lê Chân",
    "Kiến An",
    "Thủy Nguyên",
    "Cát Bi",
    "Đồ Sơn",
    "Hải An",
    "Ngô Quyền",
    "Dương Kinh",
    "An Lão",
    "Tiên Lãng",
    "Vĩnh Bảo",
    "Cát Hải",
    "Minh Đức",
    "Lạc Long",
    "Hoàng Văn Thụ",
    "Trần Phú",
]
STREETS = ["Lạch Tray", "Lê Hồng Phong", "Trần Phú", "Điện Biên Phủ", "Văn Cao", "Nguyễn Văn Linh", "Hạ Lý", "Đà Nẵng"]
DISTRICTS = ["Ngô Quyền", "Lê Chân", "Hồng Bàng", "Hải An", "Kiến An", "Dương Kinh"]

# (business line, VSIC division, how many, enterprise-name pattern). 93 enterprises in all.
LINES: list[tuple[str, str, int, str]] = [
    ("banking", "64", 8, "Ngân hàng TMCP {place} – Chi nhánh Hải Phòng"),
    ("insurance", "65", 3, "Tổng Công ty Bảo hiểm {place} – Công ty Bảo hiểm Hải Phòng"),
    ("water", "36", 2, "Công ty Cổ phần Cấp nước {place}"),
    ("drainage", "37", 1, "Công ty TNHH MTV Thoát nước {place}"),
    ("environment", "38", 3, "Công ty TNHH MTV Môi trường Đô thị {place}"),
    ("lighting", "35", 1, "Công ty Cổ phần Chiếu sáng Công cộng {place}"),
    ("greenery", "81", 1, "Công ty Cổ phần Công viên Cây xanh {place}"),
    ("power", "35", 1, "Công ty Điện lực {place}"),
    ("port", "52", 10, "Công ty Cổ phần Cảng {place}"),
    ("shipping", "50", 4, "Công ty Cổ phần Vận tải Biển {place}"),
    ("courier", "53", 2, "Công ty Cổ phần Chuyển phát {place}"),
    ("road_transport", "49", 5, "Công ty Cổ phần Vận tải {place}"),
    ("garment", "14", 6, "Công ty Cổ phần May {place}"),
    ("shipbuilding", "30", 3, "Công ty TNHH MTV Đóng tàu {place}"),
    ("engineering", "28", 5, "Công ty Cổ phần Cơ khí {place}"),
    ("materials", "23", 3, "Công ty Cổ phần Xi măng {place}"),
    ("pharma", "21", 2, "Công ty Cổ phần Dược phẩm {place}"),
    ("food", "10", 4, "Công ty Cổ phần Thực phẩm {place}"),
    ("plastics", "22", 2, "Công ty Cổ phần Nhựa {place}"),
    ("printing", "18", 2, "Công ty Cổ phần In {place}"),
    ("construction", "42", 8, "Công ty Cổ phần Xây dựng {place}"),
    ("trade", "46", 7, "Công ty Cổ phần Thương mại {place}"),
    ("tourism", "55", 4, "Công ty Cổ phần Du lịch {place}"),
    ("health", "86", 3, "Bệnh viện Đa khoa {place}"),
    ("it", "62", 3, "Công ty Cổ phần Công nghệ Thông tin {place}"),
]
ASSOCIATIONS = [
    "Hiệp hội Doanh nghiệp thành phố Hải Phòng",
    "Liên minh Hợp tác xã thành phố Hải Phòng",
]
# Enterprises that leave the bloc (merged, dissolved): one đảng bộ, one chi bộ.
LEAVERS = {"DV013": dt.date(2022, 12, 31), "DV050": dt.date(2023, 6, 30)}
BASE_COMMITTEES_2021 = 37
UNITS_2021 = 95
CELL_NAMES = ["Văn phòng", "Xí nghiệp số 1"]
PUBLIC_UTILITY_LINES = {"water", "drainage", "environment", "lighting", "greenery"}


def _tax_code(seed: int) -> str:
    """A valid synthetic tax code (Hải Phòng codes start with 02)."""
    candidate = 0
    while True:
        body = f"02{(seed * 7919 + candidate * 104729) % 10_000_000:07d}"
        check = mst.calc_check_digit(body)
        if len(check) == 1:
            return body + check
        candidate += 1


def _ownership(line: str, index: int) -> str:
    if line in PUBLIC_UTILITY_LINES or line in {"power", "port", "shipbuilding"}:
        return Ownership.STATE if index % 3 != 2 else Ownership.NON_STATE
    if line in {"garment", "engineering", "plastics"} and index % 3 == 0:
        return Ownership.FDI
    if line == "banking":
        return Ownership.STATE if index % 8 < 3 else Ownership.NON_STATE
    return Ownership.NON_STATE


def load() -> str:
    if Unit.objects.filter(code=BLOC_CODE).exists():
        return "already loaded"
    with transaction.atomic():
        return _load()


def _load() -> str:
    if not Sector.objects.exists():  # a flushed test database has lost the data migration's rows
        services.sector_load_vsic()
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    zones = [
        Zone.objects.get_or_create(name=name, defaults={"kind": kind, "province": PROVINCE})[0] for name, kind in ZONES
    ]
    bloc = services.unit_create(
        actor=None,
        parent=None,
        joined_on=dt.date(2008, 1, 1),
        fields={
            "code": BLOC_CODE,
            "name": "Đảng bộ Khối Doanh nghiệp thành phố Hải Phòng",
            "short_name": "Đảng bộ Khối DN",
            "kind": UnitKind.BLOC,
            "ownership": Ownership.OTHER,
            "sector": sectors["84"],
            "province": PROVINCE,
            "address": "Số 2 đường Lê Đại Hành, quận Hồng Bàng, Hải Phòng",
        },
    )
    banks = UnitGroup.objects.create(
        code="ngan-hang", name="Nhóm ngân hàng", description="Các chi nhánh ngân hàng trong Khối."
    )
    utilities = UnitGroup.objects.create(
        code="cong-ich",
        name="Nhóm dịch vụ công ích",
        description="Cấp nước, thoát nước, vệ sinh môi trường, chiếu sáng, cây xanh: dịch vụ thiết yếu.",
    )

    specs: list[tuple[str, str, str, str | None]] = []  # (line, division, enterprise name, association?)
    place_index = 0
    for line, division, count, pattern in LINES:
        for _ in range(count):
            specs.append((line, division, pattern.format(place=PLACES[place_index % len(PLACES)]), None))
            place_index += 1
    specs.extend(("association", "94", name, name) for name in ASSOCIATIONS)
    assert len(specs) == UNITS_2021

    created = 0
    for index, (line, division, enterprise, association) in enumerate(specs):
        number = index + 1
        code = f"DV{number:03d}"
        # Spread the 37 đảng bộ evenly over the list.
        committee = (index * BASE_COMMITTEES_2021) // UNITS_2021 != ((index + 1) * BASE_COMMITTEES_2021) // UNITS_2021
        kind = UnitKind.BASE_COMMITTEE if committee else UnitKind.BASE_CELL
        prefix = "Đảng bộ" if committee else "Chi bộ"
        is_branch = line in {"banking", "insurance"}
        tax_code = "" if association else _tax_code(number)
        if is_branch:
            tax_code = f"{tax_code}-{(number % 50) + 1:03d}"
        zone = zones[index % len(zones)] if division in {"14", "21", "22", "23", "28", "30", "10"} else None
        unit = services.unit_create(
            actor=None,
            parent=bloc,
            joined_on=dt.date(2010 + index % 10, 1 + index % 12, 1),
            fields={
                "code": code,
                "name": f"{prefix} {enterprise}",
                "short_name": enterprise.replace("Công ty Cổ phần", "CTCP").replace("Công ty TNHH MTV", "Cty TNHH MTV"),
                "kind": kind,
                "enterprise_name": "" if association else enterprise,
                "tax_code": tax_code,
                "ownership": Ownership.OTHER if association else _ownership(line, index),
                "sector": sectors[division],
                "zone": zone,
                "address": (
                    f"Số {10 + (index * 7) % 190} đường {STREETS[index % len(STREETS)]}, "
                    f"quận {DISTRICTS[index % len(DISTRICTS)]}, Hải Phòng"
                ),
                "province": PROVINCE,
                "registered_capital": None if association else Decimal(50_000 + (index * 37_813) % 950_000),
            },
        )
        created += 1
        if line == "banking":
            banks.members.add(unit)
        if line in PUBLIC_UTILITY_LINES:
            utilities.members.add(unit)
        # The first dozen đảng bộ have subordinate cells in their workshops and branches.
        if committee and number <= 40:
            for cell in range(1, 3):
                services.unit_create(
                    actor=None,
                    parent=unit,
                    joined_on=unit.joined_on,
                    fields={
                        "code": f"{code}-{cell:02d}",
                        "name": f"Chi bộ {CELL_NAMES[cell - 1]} – {unit.short_name}",
                        "kind": UnitKind.SUBORDINATE_CELL,
                        "ownership": unit.ownership,
                        "sector": unit.sector,
                        "province": PROVINCE,
                    },
                )
                created += 1
    for code, left_on in LEAVERS.items():
        services.unit_close(unit=Unit.objects.get(code=code), left_on=left_on, actor=None)
    reporters = _load_reporters()
    return f"{created} units under {bloc.short_name}, {reporters} reporters"


def _load_reporters() -> int:
    """A reporter for each base unit (baocao.dv001 …), with the demo password; the staff accounts
    are khoi.accounts.demo's."""
    password = accounts_demo.demo_password_hash()
    reporters = [
        User(
            username=f"baocao.{unit.code.lower()}",
            password=password,
            first_name=f"Báo cáo viên {unit.code}",
            role=Role.REPORTER,
            unit=unit,
        )
        for unit in Unit.objects.filter(kind__in=BASE_KINDS).order_by("code")
    ]
    User.objects.bulk_create(reporters)
    return len(reporters)
