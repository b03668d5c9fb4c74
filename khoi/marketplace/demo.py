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
from typing import Any

from django.db import transaction
from stdnum.vn import mst

from khoi.core.demo_files import demo_data
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

# Offers by business line, needs, title details, outside enterprises and contact people as data
# (demo_data/listings.json).
DATA: dict[str, Any] = demo_data(__file__, "listings.json")
HP = ["Hải Phòng"]
# Offers by business line: (category code, title, description, regions).
OFFERS: dict[str, list[tuple[str, str, str, list[str]]]] = {
    line: [(o["category"], o["title"], o["description"], o["regions"]) for o in offers]
    for line, offers in DATA["offers"].items()
}
NEEDS: list[tuple[str, str, str]] = [(n["category"], n["title"], n["description"]) for n in DATA["needs"]]
# Needs of many enterprises differ in what they add to the same want: a list does not repeat a title.
NEED_DETAILS: list[str] = DATA["need_details"]
_TITLES_USED: Counter[str] = Counter()
OFFER_DETAILS: list[str] = DATA["offer_details"]
OUTSIDE_PROVINCES: list[tuple[str, str]] = [(name, prefix) for name, prefix in DATA["outside_provinces"]]
OUTSIDE_LINES: list[tuple[str, str]] = [(line, pattern) for line, pattern in DATA["outside_lines"]]
OUTSIDE_PLACES: list[str] = DATA["outside_places"]
OUTSIDE_COUNT = 110
BLOC_PARTICIPANTS_2024 = 88
BLOC_PARTICIPANTS_2022 = 70
OUTSIDE_PARTICIPANTS_2022 = 40
PEOPLE: list[str] = DATA["people"]


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
