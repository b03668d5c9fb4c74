"""Demo marketplace (seed 2024-07-10): offers and needs, the 2022 and 2024 connection conferences,
meeting requests and a schedule, the 39 memoranda of 2024, and follow-up records from which the
inter-use figure gives "tăng 125%" (16 units before, 36 on 10/7/2024, essential services left out).

Deterministic (fixed random seeds, fixed order) and idempotent (a second run says "already loaded").
Everything is written through the services.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Sequence

from django.db import transaction
from stdnum.vn import mst

from khoi.units.demo import LEAVERS, LINES
from khoi.units.models import Unit

from . import services
from .models import Category, Conference, ConferenceStatus, Enterprise, MouStatus, Participant

TITLE_2022 = "Hội nghị kết nối cung – cầu sản phẩm, dịch vụ của các doanh nghiệp năm 2022"
TITLE_2024 = "Hội nghị kết nối cung – cầu sản phẩm, dịch vụ của các doanh nghiệp năm 2024"
DATE_2022 = dt.date(2022, 7, 15)
DATE_2024 = dt.date(2024, 7, 10)
VENUE = "Trung tâm Hội nghị thành phố, số 18 Hoàng Diệu, Hải Phòng"
# The committee's figure: units using other units' products or services, before and now.
BASELINE = dt.date(2021, 1, 1)
BASELINE_USERS = 16
USERS_ON_2024_07_10 = 36
MOUS_2024 = 39

# Offers by business line: (category code, title, description, regions).
HP = ["Hải Phòng"]
NORTH = ["Hải Phòng", "Hà Nội", "Quảng Ninh", "Hưng Yên", "Hải Dương", "Thái Bình"]
OFFERS: dict[str, list[tuple[str, str, str, list[str]]]] = {
    "banking": [
        (
            "ngan-hang",
            "Trả lương qua tài khoản và tín dụng ưu đãi cho doanh nghiệp",
            "Gói tài khoản trả lương, bảo lãnh, tín dụng lưu động lãi suất ưu đãi cho doanh nghiệp trong Khối.",
            NORTH,
        )
    ],
    "insurance": [
        (
            "bao-hiem",
            "Bảo hiểm sức khỏe và tài sản cho doanh nghiệp",
            "Bảo hiểm sức khỏe người lao động, bảo hiểm cháy nổ, bảo hiểm hàng hóa vận chuyển.",
            NORTH,
        )
    ],
    "water": [
        (
            "nuoc-sach",
            "Cung cấp nước sạch cho khu công nghiệp và khu dân cư",
            "Cấp nước sạch ổn định, đấu nối nhanh cho nhà máy trong các khu công nghiệp.",
            HP,
        )
    ],
    "drainage": [
        (
            "thoat-nuoc",
            "Nạo vét, thông tắc hệ thống thoát nước",
            "Dịch vụ thoát nước, nạo vét cống, xử lý ngập úng cho nhà xưởng.",
            HP,
        )
    ],
    "environment": [
        (
            "xu-ly-moi-truong",
            "Thu gom, xử lý chất thải công nghiệp và vệ sinh môi trường",
            "Thu gom rác thải, xử lý chất thải nguy hại, vệ sinh môi trường nhà máy.",
            HP,
        )
    ],
    "lighting": [
        (
            "chieu-sang",
            "Lắp đặt, bảo trì chiếu sáng nhà xưởng và đường nội bộ",
            "Chiếu sáng tiết kiệm điện bằng đèn LED, bảo trì trọn gói.",
            HP,
        )
    ],
    "greenery": [
        (
            "cay-xanh",
            "Trồng, chăm sóc cây xanh khuôn viên doanh nghiệp",
            "Thiết kế cảnh quan, chăm sóc cây xanh, thảm cỏ định kỳ.",
            HP,
        )
    ],
    "power": [
        (
            "dien-nang",
            "Cung cấp điện và tư vấn tiết kiệm năng lượng",
            "Cấp điện trung thế, kiểm toán năng lượng cho nhà máy.",
            HP,
        )
    ],
    "port": [
        (
            "kho-bai",
            "Cho thuê kho lạnh và kho bãi container",
            "Kho lạnh bảo quản hàng thủy sản, thực phẩm; bãi container gần cảng.",
            HP,
        ),
        (
            "dich-vu-cang",
            "Dịch vụ xếp dỡ hàng hóa tại cảng",
            "Xếp dỡ container, hàng rời, hàng siêu trường siêu trọng.",
            HP,
        ),
    ],
    "shipping": [
        (
            "van-tai-bien",
            "Vận tải biển nội địa và quốc tế",
            "Vận tải container bằng đường biển tuyến Bắc – Nam và đi các nước.",
            ["Toàn quốc"],
        )
    ],
    "courier": [
        (
            "chuyen-phat",
            "Chuyển phát nhanh tài liệu, hàng hóa",
            "Chuyển phát nhanh trong ngày nội thành, toàn quốc trong 48 giờ.",
            ["Toàn quốc"],
        )
    ],
    "road_transport": [
        (
            "van-tai-duong-bo",
            "Vận tải hàng hóa bằng xe tải và container",
            "Dịch vụ vận tải đường bộ, xe container, xe tải các loại.",
            NORTH,
        ),
        (
            "logistics",
            "Dịch vụ logistics trọn gói",
            "Logistics trọn gói: kho bãi, vận chuyển, thủ tục hải quan.",
            NORTH,
        ),
    ],
    "garment": [
        (
            "dong-phuc",
            "May đồng phục, quần áo bảo hộ lao động",
            "Đồng phục công sở, bảo hộ lao động đạt tiêu chuẩn, giao hàng nhanh.",
            NORTH,
        )
    ],
    "shipbuilding": [
        (
            "co-khi",
            "Đóng mới và sửa chữa tàu, sà lan",
            "Đóng mới, sửa chữa tàu biển, sà lan; gia công kết cấu thép.",
            NORTH,
        )
    ],
    "engineering": [
        (
            "co-khi",
            "Gia công cơ khí chính xác, chế tạo thiết bị",
            "Gia công chi tiết máy, chế tạo khung thép, thiết bị nâng hạ.",
            NORTH,
        )
    ],
    "materials": [
        (
            "vat-lieu-xay-dung",
            "Xi măng, vật liệu xây dựng",
            "Cung cấp xi măng bao, xi măng rời, bê tông thương phẩm.",
            NORTH,
        )
    ],
    "pharma": [
        (
            "duoc-thiet-bi-y-te",
            "Thuốc và vật tư y tế cho phòng y tế doanh nghiệp",
            "Thuốc thiết yếu, tủ thuốc, vật tư y tế cho doanh nghiệp.",
            NORTH,
        )
    ],
    "food": [
        (
            "thuc-pham",
            "Suất ăn công nghiệp cho người lao động",
            "Suất ăn ca, bếp ăn tập thể bảo đảm an toàn thực phẩm.",
            HP,
        )
    ],
    "plastics": [("nhua-bao-bi", "Bao bì nhựa, ống nhựa", "Sản xuất bao bì nhựa, ống nhựa cấp thoát nước.", NORTH)],
    "printing": [("in-an", "In ấn bao bì, tài liệu, ấn phẩm", "In offset bao bì, catalogue, ấn phẩm hội nghị.", NORTH)],
    "construction": [
        (
            "xay-dung",
            "Thi công xây dựng nhà xưởng, kho bãi",
            "Thi công nhà xưởng, kho bãi, đường nội bộ khu công nghiệp.",
            NORTH,
        )
    ],
    "trade": [
        (
            "thuc-pham",
            "Phân phối thực phẩm, hàng tiêu dùng",
            "Phân phối thực phẩm khô, hàng tiêu dùng cho bếp ăn doanh nghiệp.",
            NORTH,
        )
    ],
    "tourism": [
        (
            "du-lich-hoi-nghi",
            "Tổ chức hội nghị, du lịch cho người lao động",
            "Tour nghỉ dưỡng, hội nghị khách hàng, teambuilding.",
            NORTH,
        )
    ],
    "health": [
        (
            "kham-suc-khoe",
            "Khám sức khỏe định kỳ cho người lao động",
            "Khám sức khỏe định kỳ, khám nghề nghiệp tại doanh nghiệp.",
            NORTH,
        )
    ],
    "it": [
        (
            "cong-nghe-thong-tin",
            "Phần mềm quản trị doanh nghiệp và chữ ký số",
            "Phần mềm kế toán, quản trị nhân sự, hóa đơn điện tử, chữ ký số.",
            ["Toàn quốc"],
        )
    ],
}
NEEDS: list[tuple[str, str, str]] = [
    (
        "kho-bai",
        "Cần thuê kho lạnh bảo quản hàng thủy sản",
        "Tìm kho lạnh tại Hải Phòng, khoảng 500 tấn, thuê dài hạn.",
    ),
    ("dong-phuc", "Cần may đồng phục bảo hộ lao động", "Khoảng 800 bộ quần áo bảo hộ lao động mỗi năm."),
    ("kham-suc-khoe", "Cần đơn vị khám sức khỏe định kỳ", "Khám sức khỏe định kỳ cho 600 người lao động."),
    (
        "van-tai-duong-bo",
        "Cần vận tải container từ cảng về nhà máy",
        "Vận chuyển container 40 feet từ cảng Đình Vũ về khu công nghiệp.",
    ),
    ("logistics", "Tìm đối tác logistics xuất khẩu", "Dịch vụ logistics và thủ tục hải quan cho hàng xuất khẩu."),
    ("bao-hiem", "Cần bảo hiểm sức khỏe cho người lao động", "Bảo hiểm sức khỏe tự nguyện cho người lao động."),
    ("cong-nghe-thong-tin", "Cần phần mềm hóa đơn điện tử", "Phần mềm hóa đơn điện tử và chữ ký số."),
    ("in-an", "Cần in bao bì sản phẩm", "In bao bì carton và nhãn mác sản phẩm."),
    ("thuc-pham", "Cần suất ăn công nghiệp", "Suất ăn ca cho khoảng 400 người lao động."),
    ("chuyen-phat", "Cần dịch vụ chuyển phát nhanh", "Chuyển phát hồ sơ, hàng mẫu đi các tỉnh."),
    ("ngan-hang", "Cần vốn lưu động lãi suất ưu đãi", "Vay vốn lưu động ngắn hạn phục vụ sản xuất."),
    ("xu-ly-moi-truong", "Cần xử lý chất thải công nghiệp", "Thu gom, xử lý chất thải nguy hại phát sinh từ nhà máy."),
    ("nuoc-sach", "Cần cấp nước sạch cho nhà xưởng mới", "Đấu nối nước sạch cho nhà xưởng mới xây."),
    ("co-khi", "Cần gia công chi tiết cơ khí", "Gia công chi tiết máy, khung thép theo bản vẽ."),
    ("du-lich-hoi-nghi", "Cần tổ chức du lịch cho người lao động", "Tour nghỉ dưỡng 3 ngày cho 200 người."),
]
# Needs of many enterprises differ in what they add to the same want: a list does not repeat a title.
NEED_DETAILS = [
    "",
    " năm 2024",
    " cho 6 tháng cuối năm",
    " giai đoạn 2024–2025",
    " cho chi nhánh mới",
    " theo hợp đồng khung",
    " dài hạn",
    " từ quý III",
]
_TITLES_USED: Counter[str] = Counter()
OFFER_DETAILS = ["", " trọn gói", " theo yêu cầu", " tại Hải Phòng", " cho doanh nghiệp trong Khối", " giá ưu đãi"]
OUTSIDE_PROVINCES = [
    ("Hà Nội", "01"),
    ("Quảng Ninh", "57"),
    ("Hưng Yên", "09"),
    ("Hải Dương", "08"),
    ("Thái Bình", "10"),
    ("Nam Định", "06"),
    ("Bắc Ninh", "23"),
    ("Hải Phòng", "02"),
]
OUTSIDE_LINES = [
    ("road_transport", "Công ty Cổ phần Vận tải {place}"),
    ("garment", "Công ty TNHH May {place}"),
    ("trade", "Công ty Cổ phần Thương mại {place}"),
    ("engineering", "Công ty TNHH Cơ khí {place}"),
    ("food", "Công ty Cổ phần Thực phẩm {place}"),
    ("it", "Công ty Cổ phần Phần mềm {place}"),
    ("printing", "Công ty TNHH In và Bao bì {place}"),
    ("health", "Phòng khám Đa khoa {place}"),
    ("port", "Công ty Cổ phần Kho vận {place}"),
    ("construction", "Công ty Cổ phần Xây lắp {place}"),
]
OUTSIDE_PLACES = [
    "Hồng Hà", "Thăng Long", "Hạ Long", "Phố Hiến", "Thành Đông", "Kiến Xương", "Vị Hoàng", "Kinh Bắc",
    "Cẩm Phả", "Uông Bí", "Văn Lâm", "Cẩm Giàng", "Tiền Hải", "Giao Thủy", "Từ Sơn", "Yên Phong",
    "Long Biên", "Đông Anh", "Móng Cái", "Mỹ Hào", "Chí Linh", "Quỳnh Phụ", "Hải Hậu", "Quế Võ",
]  # fmt: skip
OUTSIDE_COUNT = 110
BLOC_PARTICIPANTS_2024 = 88
BLOC_PARTICIPANTS_2022 = 70
OUTSIDE_PARTICIPANTS_2022 = 40
PEOPLE = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Hải",
    "Vũ Thị Hạnh",
    "Đỗ Văn Hùng",
    "Bùi Thị Lan",
]


def _unit_lines() -> dict[str, str]:
    lines: dict[str, str] = {}
    number = 1
    for line, _division, count, _pattern in LINES:
        for _ in range(count):
            lines[f"DV{number:03d}"] = line
            number += 1
    return lines


def _tax_code(prefix: str, seed: int) -> str:
    extra = 0
    while True:
        body = f"{prefix}{(seed * 7727 + extra * 3571 + 1234567) % 10_000_000:07d}"[:9]
        check = mst.calc_check_digit(body)
        if len(check) == 1:
            return body + check
        extra += 1


def _phone(seed: int) -> str:
    return f"09{(seed * 7919 + 1234567) % 100_000_000:08d}"


def load() -> str:
    if Conference.objects.filter(title=TITLE_2024).exists():
        return "already loaded"
    if not Unit.objects.filter(code="DV001").exists():
        return "no register: load the units demo first"
    with transaction.atomic():
        return _load()


def _load() -> str:
    _TITLES_USED.clear()
    categories = {category.code: category for category in Category.objects.all()}
    lines = _unit_lines()
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=list(lines)).order_by("code")}
    bloc = {code: services.enterprise_for_unit(unit=unit) for code, unit in units.items()}
    for code, enterprise in bloc.items():
        enterprise.contact_name = PEOPLE[int(code[2:]) % len(PEOPLE)]
        enterprise.contact_phone = services.clean_phone(_phone(int(code[2:])))
        enterprise.save(update_fields=["contact_name", "contact_phone"])
    active = [code for code in bloc if code not in LEAVERS]

    outside: list[tuple[Enterprise, str]] = []
    for index in range(OUTSIDE_COUNT):
        province, prefix = OUTSIDE_PROVINCES[index % len(OUTSIDE_PROVINCES)]
        line, pattern = OUTSIDE_LINES[index % len(OUTSIDE_LINES)]
        place = OUTSIDE_PLACES[index % len(OUTSIDE_PLACES)]
        enterprise = services.enterprise_register_outside(
            actor=None,
            name=pattern.format(place=place),
            tax_code=_tax_code(prefix, index + 1),
            province=province,
            contact_name=PEOPLE[index % len(PEOPLE)],
            contact_phone=_phone(1000 + index),
        )
        outside.append((enterprise, line))

    rng = random.Random(20240710)
    listing_count = 0
    for code in active:
        line = lines[code]
        enterprise = bloc[code]
        if line == "association":
            continue
        for category, title, description, regions in OFFERS.get(line, []):
            _listing(enterprise, "offer", categories[category], title, description, regions, code)
            listing_count += 1
        for category, title, description in rng.sample(NEEDS, 2):
            if OFFERS.get(line) and OFFERS[line][0][0] == category:
                continue
            _listing(enterprise, "need", categories[category], title, description, HP, code)
            listing_count += 1
    for index, (enterprise, line) in enumerate(outside):
        category, title, description, _regions = OFFERS[line][-1]
        _listing(
            enterprise,
            "offer",
            categories[category],
            title,
            description,
            [enterprise.province, "Hải Phòng"],
            str(index),
        )
        listing_count += 1
        category, title, description = NEEDS[index % len(NEEDS)]
        _listing(enterprise, "need", categories[category], title, description, [enterprise.province], str(index))
        listing_count += 1

    conference_2022 = services.conference_create(
        actor=None, title=TITLE_2022, date=DATE_2022, venue=VENUE, table_count=30,
        starts_at=dt.time(8, 30), slot_minutes=20, slot_count=9, breaks=[(4, 20)],
    )  # fmt: skip
    conference_2024 = services.conference_create(
        actor=None, title=TITLE_2024, date=DATE_2024, venue=VENUE, table_count=54,
        starts_at=dt.time(13, 30), slot_minutes=20, slot_count=10, breaks=[(5, 20)],
    )  # fmt: skip

    mou_units = _memoranda_before_2024(bloc, categories, conference_2022, outside, lines)

    # 2024: 88 bloc units and 110 outside enterprises: 198, "gần 200 doanh nghiệp".
    chosen = [code for code in active if code not in mou_units["2024_excluded"]][:BLOC_PARTICIPANTS_2024]
    participants: list[Participant] = []
    for number, code in enumerate(chosen):
        participants.append(
            _register(conference_2024, bloc[code], number, unavailable=[9, 10] if number % 11 == 3 else [])
        )
    for number, (enterprise, _line) in enumerate(outside):
        participants.append(
            _register(conference_2024, enterprise, 500 + number, unavailable=[1] if number % 13 == 5 else [])
        )

    rng = random.Random(2024)
    busy: dict[int, set[int]] = {p.pk: set(p.unavailable_slots) for p in participants}
    tables_used: dict[int, int] = {}
    pairs: set[frozenset[int]] = set()
    accepted = 0
    for requester in participants:
        for recipient in rng.sample(participants, 4):
            pair = frozenset((requester.pk, recipient.pk))
            if recipient.pk == requester.pk or pair in pairs:
                continue
            pairs.add(pair)
            request = services.meeting_request_send(
                actor=None,
                requester=requester,
                recipient=recipient,
                message="Chúng tôi mong được gặp để trao đổi khả năng hợp tác cung – cầu sản phẩm, dịch vụ.",
            )
            roll = rng.random()
            if roll < 0.6:
                # One accepted meeting in five comes with a time both firms agreed on.
                slot = _agreed_slot(requester, recipient, busy, tables_used) if roll < 0.12 else None
                services.meeting_request_answer(actor=None, request=request, accept=True, slot_index=slot)
                accepted += 1
            elif roll < 0.75:
                services.meeting_request_answer(actor=None, request=request, accept=False)
    figures = services.conference_schedule(actor=None, conference=conference_2024)

    # 39 memoranda signed at the 2024 conference (followed up later; only "ký kết" on the day).
    rng = random.Random(39)
    bloc_participants = [p for p in participants if p.enterprise.unit_id is not None]
    signed = 0
    used_pairs: set[tuple[int, int]] = set()
    while signed < MOUS_2024:
        provider = rng.choice(participants)
        customer = rng.choice(bloc_participants if signed % 2 == 0 else participants)
        if provider.pk == customer.pk or (provider.pk, customer.pk) in used_pairs:
            continue
        used_pairs.add((provider.pk, customer.pk))
        offer = provider.enterprise.listings.filter(kind="offer").first()
        if offer is None:
            continue
        services.mou_create(
            actor=None,
            provider=provider.enterprise,
            customer=customer.enterprise,
            subject=f"Hợp tác sử dụng: {offer.title.lower()}",
            category=offer.category,
            signed_on=DATE_2024,
            conference=conference_2024,
        )
        signed += 1
    conference_2022.status = ConferenceStatus.CLOSED
    conference_2022.save(update_fields=["status"])
    return (
        f"{listing_count} offers and needs, {len(participants)} participants in 2024, {len(pairs)} meeting requests "
        f"({accepted} accepted, {figures['placed']} scheduled), {signed} memoranda in 2024"
    )


def _agreed_slot(
    requester: Participant, recipient: Participant, busy: dict[int, set[int]], tables_used: dict[int, int]
) -> int | None:
    """A slot free for both firms with a table left (and note it taken), or None."""
    for offset in range(10):
        slot = (requester.pk + offset) % 10 + 1
        if slot not in busy[requester.pk] and slot not in busy[recipient.pk] and tables_used.get(slot, 0) < 54:
            busy[requester.pk].add(slot)
            busy[recipient.pk].add(slot)
            tables_used[slot] = tables_used.get(slot, 0) + 1
            return slot
    return None


def _listing(
    enterprise: Enterprise, kind: str, category: Category, title: str, description: str, regions: list[str], seed: str
) -> None:
    # The n-th enterprise posting the same want or offer words it its own way.
    times = _TITLES_USED[title]
    _TITLES_USED[title] += 1
    if kind == "need":
        title += NEED_DETAILS[times % len(NEED_DETAILS)]
    elif enterprise.unit_id is None:
        title += f" tại {enterprise.province}"
    else:
        title += OFFER_DETAILS[times % len(OFFER_DETAILS)]
    services.listing_create(
        actor=None,
        enterprise=enterprise,
        fields={
            "kind": kind,
            "category": category,
            "title": title,
            "description": description,
            "regions": regions,
            "contact_name": enterprise.contact_name,
            "contact_phone": enterprise.contact_phone,
            "valid_from": dt.date(2024, 1, 1) if kind == "offer" else dt.date(2024, 3, 1),
        },
    )


def _register(conference: Conference, enterprise: Enterprise, seed: int, *, unavailable: list[int]) -> Participant:
    return services.participant_register(
        actor=None,
        conference=conference,
        enterprise=enterprise,
        representative=PEOPLE[seed % len(PEOPLE)],
        phone=_phone(seed + 77),
        about=f"{enterprise.name} tìm đối tác cung – cầu sản phẩm, dịch vụ.",
        unavailable_slots=unavailable,
    )


def _mou(provider: Enterprise, customer: Enterprise, category: Category, signed_on: dt.date,
         steps: Sequence[tuple[str, dt.date]], conference: Conference | None = None) -> None:  # fmt: skip
    mou = services.mou_create(
        actor=None,
        provider=provider,
        customer=customer,
        subject=f"Sử dụng {category.name.lower()} của {provider.name}",
        category=category,
        signed_on=signed_on,
        conference=conference,
    )
    for status, on_date in steps:
        services.mou_record_status(actor=None, mou=mou, status=status, on_date=on_date)


def _memoranda_before_2024(
    bloc: dict[str, Enterprise],
    categories: dict[str, Category],
    conference_2022: Conference,
    outside: list[tuple[Enterprise, str]],
    lines: dict[str, str],
) -> dict[str, set[str]]:
    """Use between units before the baseline (16 users) and after the 2022 conference (36 users on
    10/7/2024), plus essential services (clean water, sanitation) that the figure leaves out."""
    offer_category = {line: categories[offers[0][0]] for line, offers in OFFERS.items()}
    customers = [
        code
        for code in bloc
        if lines[code] not in {"water", "drainage", "environment", "lighting", "greenery", "association"}
        and code not in LEAVERS
    ]
    rng = random.Random(2021)
    rng.shuffle(customers)
    providers = ["DV001", "DV009", "DV021", "DV031", "DV035", "DV037", "DV042", "DV088", "DV091", "DV061", "DV084"]
    in_use = [(MouStatus.CONTRACTED, dt.date(2019, 9, 1)), (MouStatus.IN_USE, dt.date(2020, 1, 1))]

    def provider_for(customer: str, index: int) -> str:
        for offset in range(len(providers)):
            code = providers[(index + offset) % len(providers)]
            if code != customer and lines[code] != lines[customer]:
                return code
        raise AssertionError("no provider")

    # Essential services: every one of the first 30 customers uses clean water and sanitation.
    for index, code in enumerate(customers[:30]):
        _mou(bloc["DV012"], bloc[code], categories["nuoc-sach"], dt.date(2019, 3, 1), in_use)
        if index % 2 == 0:
            _mou(bloc["DV015"], bloc[code], categories["xu-ly-moi-truong"], dt.date(2019, 3, 1), in_use)

    baseline_users = customers[:BASELINE_USERS]
    for index, code in enumerate(baseline_users):
        provider = provider_for(code, index)
        steps = list(in_use)
        if index in (3, 11):  # two stop using before 2024
            steps.append((MouStatus.STOPPED, dt.date(2023, 3, 1)))
        _mou(bloc[provider], bloc[code], offer_category[lines[provider]], dt.date(2019, 5, 1), steps)

    # The 2022 conference: 22 new users, 3 that stopped, 3 only signed, 2 more for existing users,
    # and some with outside enterprises (which the bloc figure does not count).
    new_users = customers[BASELINE_USERS : BASELINE_USERS + 22]
    stopped = customers[BASELINE_USERS + 22 : BASELINE_USERS + 25]
    only_signed = customers[BASELINE_USERS + 25 : BASELINE_USERS + 28]
    parties = {*new_users, *stopped, *only_signed, baseline_users[0], baseline_users[1]}
    parties |= {provider_for(code, index) for index, code in enumerate([*new_users, *stopped, *only_signed])}
    parties |= {provider_for(baseline_users[0], 40), provider_for(baseline_users[1], 41)}
    for number, code in enumerate(sorted(parties)[:BLOC_PARTICIPANTS_2022]):
        _register(conference_2022, bloc[code], 900 + number, unavailable=[])
    for number, (enterprise, _line) in enumerate(outside[:OUTSIDE_PARTICIPANTS_2022]):
        _register(conference_2022, enterprise, 1000 + number, unavailable=[])
    contract = [(MouStatus.CONTRACTED, dt.date(2022, 10, 1)), (MouStatus.IN_USE, dt.date(2023, 1, 1))]
    for index, code in enumerate(new_users):
        provider = provider_for(code, index)
        _mou(bloc[provider], bloc[code], offer_category[lines[provider]], DATE_2022, contract, conference_2022)
    for index, code in enumerate(stopped):
        provider = provider_for(code, index + 22)
        steps = [(MouStatus.CONTRACTED, dt.date(2022, 10, 1)), (MouStatus.STOPPED, dt.date(2023, 9, 1))]
        _mou(bloc[provider], bloc[code], offer_category[lines[provider]], DATE_2022, steps, conference_2022)
    for index, code in enumerate(only_signed):
        provider = provider_for(code, index + 25)
        _mou(bloc[provider], bloc[code], offer_category[lines[provider]], DATE_2022, [], conference_2022)
    for index, code in enumerate(baseline_users[:2]):
        provider = provider_for(code, 40 + index)
        _mou(bloc[provider], bloc[code], offer_category[lines[provider]], DATE_2022, contract, conference_2022)
    for index, (enterprise, line) in enumerate(outside[:6]):
        customer = bloc[new_users[index]]
        _mou(enterprise, customer, offer_category[line], DATE_2022, contract, conference_2022)
    return {"2024_excluded": set()}
