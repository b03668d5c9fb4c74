"""Demo records of Party building behind the seed figures (safe to run twice).

From these records, counted by the selectors (and so by reporting's indicators):
- 6 tháng 2021: kết nạp 36, chuyển chính thức 70; quyết định công nhận đánh giá chất lượng năm
  2020 của 95 tổ chức cơ sở đảng; kiện toàn cấp ủy tại 4 đơn vị; lớp bồi dưỡng nhận thức về Đảng
  và lớp lý luận chính trị cho đảng viên mới "đợt 1-2021".
- The other approved windows keep the catalogue's figures: admissions 2020-H1 30, 2020-Y 105,
  2021-Y 118, 2024-H1 41; conversions 2020-H1 62, 2020-Y 120, 2021-Y 131, 2024-H1 66; and one
  grading decision a year for every base organisation of the bloc then.
Every conversion follows its person's ceremony by at least twelve months; every ceremony is
within the 30 working days after its decision. A few members admitted at the end of 2025 are
still on probation, so the due-for-conversion list has something to show.
Names are generated (family, middle and given names); birth dates and identity numbers are
consistent (the CCCD's century digit and year match the birth year).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from khoi.accounts.models import Role, User
from khoi.core.text import name_key
from khoi.units.models import Unit
from khoi.units.selectors import unit_list_active_on

from . import rules
from .models import (
    AdmissionStep,
    CommitteeAppointment,
    CourseBatch,
    CourseKind,
    Decision,
    DecisionKind,
    DisciplineCase,
    Grade,
    Grading,
    Person,
    PersonStatus,
    Position,
    Review,
    ReviewKind,
    SecretaryAccount,
    Step,
)
from .services import number_key

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Công"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Mai"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn"]
GIVEN_F = ["Anh", "Chi", "Dung", "Hà", "Hoa", "Hương", "Lan", "Linh", "Ngân", "Nhung", "Oanh", "Phương", "Trang"]

# (number of people, first and last decision date, months from ceremony to conversion or None)
COHORTS: list[tuple[int, dt.date, dt.date, tuple[int, int] | None]] = [
    (62, dt.date(2019, 1, 7), dt.date(2019, 5, 20), (12, 12)),  # converted 2020-H1
    (58, dt.date(2019, 6, 24), dt.date(2019, 11, 18), (12, 12)),  # converted 2020-H2
    (40, dt.date(2019, 12, 2), dt.date(2019, 12, 13), (12, 13)),  # ceremonies December 2019: converted January 2021
    (30, dt.date(2020, 1, 6), dt.date(2020, 5, 25), (12, 12)),  # admitted 2020-H1, converted 2021-H1
    (61, dt.date(2020, 7, 6), dt.date(2020, 11, 16), (12, 12)),  # admitted 2020-H2, converted 2021-H2
    (14, dt.date(2020, 12, 1), dt.date(2020, 12, 14), (13, 13)),  # admitted 2020-H2, converted January 2022
    (36, dt.date(2021, 1, 11), dt.date(2021, 6, 14), (12, 12)),  # admitted 2021-H1
    (82, dt.date(2021, 7, 5), dt.date(2021, 12, 13), (12, 12)),  # admitted 2021-H2
    (55, dt.date(2022, 1, 10), dt.date(2022, 5, 23), (12, 12)),  # converted 2023-H1
    (60, dt.date(2022, 7, 4), dt.date(2022, 11, 14), (12, 12)),  # converted 2023-H2
    (66, dt.date(2023, 1, 9), dt.date(2023, 5, 22), (12, 12)),  # converted 2024-H1
    (41, dt.date(2024, 1, 8), dt.date(2024, 6, 17), (12, 12)),  # admitted 2024-H1
    (8, dt.date(2025, 9, 8), dt.date(2025, 12, 15), None),  # on probation now
]
# Grading year -> decision date (the grading of 2020 decided in 2021-H1).
GRADINGS = {
    2018: dt.date(2019, 1, 21),
    2019: dt.date(2020, 1, 20),
    2020: dt.date(2021, 1, 25),
    2022: dt.date(2023, 1, 16),
    2023: dt.date(2024, 1, 22),
}
COMMITTEE_CHANGES = [
    dt.date(2021, 3, 8),
    dt.date(2021, 4, 12),
    dt.date(2021, 5, 17),
    dt.date(2021, 6, 7),
    dt.date(2020, 9, 14),
    dt.date(2021, 10, 4),
    dt.date(2024, 3, 11),
]


@dataclass
class _Numbers:
    used: dict[int, int]

    def next(self, year: int) -> str:
        self.used[year] = self.used.get(year, 0) + 1
        return f"{self.used[year]}-QĐ/ĐUK"


def _next_weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _spread(count: int, first: dt.date, last: dt.date) -> list[dt.date]:
    span = (last - first).days
    return [_next_weekday(first + dt.timedelta(days=span * i // max(count - 1, 1))) for i in range(count)]


def _courses() -> dict[tuple[str, int, int], CourseBatch]:
    batches = {}
    for year in range(2018, 2027):
        for number, (start, end) in enumerate(((dt.date(year, 3, 1), dt.date(year, 3, 5)),
                                               (dt.date(year, 9, 6), dt.date(year, 9, 10))), start=1):  # fmt: skip
            for kind in CourseKind.values:
                batch, _ = CourseBatch.objects.get_or_create(
                    kind=kind, year=year, number=number, defaults={"starts_on": start, "ends_on": end,
                                                                   "place": "Trung tâm Chính trị"}
                )  # fmt: skip
                batches[(kind, year, number)] = batch
    return batches


def _batch_before(batches: dict, kind: str, day: dt.date) -> CourseBatch:
    fitting = [b for (k, _y, _n), b in batches.items() if k == kind and b.ends_on <= day]
    return max(fitting, key=lambda b: b.ends_on)


def _batch_after(batches: dict, kind: str, day: dt.date) -> CourseBatch:
    fitting = [b for (k, _y, _n), b in batches.items() if k == kind and b.starts_on >= day]
    return min(fitting, key=lambda b: b.starts_on)


def _identity(rng: random.Random, birth: dt.date, female: bool) -> str:
    century = (birth.year - 1900) // 100 * 2 + (1 if female else 0)
    return f"031{century}{birth.year % 100:02d}{rng.randrange(10**6):06d}"


def load() -> str:
    if Person.objects.exists():
        return "already loaded"
    rng = random.Random("khoi-party-demo")
    early = list(unit_list_active_on(on_date=dt.date(2021, 6, 30)).filter(joined_on__lte=dt.date(2019, 1, 1)))
    late = list(unit_list_active_on(on_date=dt.date(2024, 6, 30)).filter(joined_on__lte=dt.date(2019, 1, 1)))
    if not early or not late:
        return "skipped (no register)"
    early.sort(key=lambda u: u.code)
    late.sort(key=lambda u: u.code)
    numbers = _Numbers({})
    with transaction.atomic():
        batches = _courses()
        people, steps = _people_and_steps(rng, early, late, batches, numbers)
        _gradings(rng, numbers)
        _member_gradings(rng)
        _committees(rng, early, numbers)
        _inspections(early)
        _secretary()
    return f"{people} people, {steps} admission steps"


def _people_and_steps(
    rng: random.Random, early: list[Unit], late: list[Unit], batches: dict, numbers: _Numbers
) -> tuple[int, int]:
    seen: set[tuple[int, str, dt.date]] = set()
    planned = []
    for count, first, last, conversion in COHORTS:
        units = late if first.year >= 2023 else early
        for decided in _spread(count, first, last):
            unit = units[rng.randrange(len(units))]
            female = rng.random() < 0.45
            while True:
                name = " ".join((rng.choice(FAMILY), rng.choice(MIDDLE_F if female else MIDDLE_M),
                                 rng.choice(GIVEN_F if female else GIVEN_M)))  # fmt: skip
                birth = dt.date(decided.year - rng.randint(22, 40), rng.randint(1, 12), rng.randint(1, 28))
                if (unit.pk, name_key(name), birth) not in seen:
                    seen.add((unit.pk, name_key(name), birth))
                    break
            planned.append((unit, name, female, birth, decided, conversion))
    people = Person.objects.bulk_create(
        [
            Person(unit=unit, full_name=name, name_key=name_key(name), birth_date=birth,
                   gender="female" if female else "male", identity_number=_identity(rng, birth, female))
            for unit, name, female, birth, _d, _c in planned
        ],
        batch_size=500,
    )  # fmt: skip
    decisions: list[Decision] = []
    step_rows: list[tuple[int, AdmissionStep]] = []
    for index, (person, (_u, _n, _f, _b, decided, conversion)) in enumerate(zip(people, planned, strict=True)):
        ceremony = rules.add_working_days(decided, rng.randint(5, 20))
        course = _batch_before(batches, CourseKind.AWARENESS, decided - dt.timedelta(days=100))
        application = course.ends_on + dt.timedelta(days=rng.randint(20, 40))
        vote = application + dt.timedelta(days=rng.randint(10, 25))
        proposal = vote + dt.timedelta(days=rng.randint(5, 15))
        number = numbers.next(decided.year)
        decisions.append(Decision(kind=DecisionKind.ADMISSION, number=number, number_key=number_key(number),
                                  year=decided.year, signed_on=decided, subject=person.full_name))  # fmt: skip
        introducers = f"{rng.choice(FAMILY)} Văn {rng.choice(GIVEN_M)}; {rng.choice(FAMILY)} Thị {rng.choice(GIVEN_F)}"
        rows = [
            AdmissionStep(person=person, step=Step.COURSE, done_on=course.ends_on, course=course,
                          certificate_number=f"{index + 1:04d}/GCN"),
            AdmissionStep(person=person, step=Step.APPLICATION, done_on=application, introducers=introducers),
            AdmissionStep(person=person, step=Step.CELL_VOTE, done_on=vote, votes_for=9, votes_total=10),
            AdmissionStep(person=person, step=Step.BASE_PROPOSAL, done_on=proposal),
            AdmissionStep(person=person, step=Step.DECISION, done_on=decided),
            AdmissionStep(person=person, step=Step.CEREMONY, done_on=ceremony),
        ]  # fmt: skip
        ends = rules.add_months(ceremony, 12)
        person.status, person.admitted_on, person.probation_ends_on = PersonStatus.PROBATIONARY, ceremony, ends
        new_course = _batch_after(batches, CourseKind.NEW_MEMBERS, ceremony)
        if new_course.ends_on < min(ends, dt.date(2026, 11, 1)):
            rows.append(AdmissionStep(person=person, step=Step.NEW_MEMBER_COURSE, done_on=new_course.ends_on,
                                      course=new_course))  # fmt: skip
        if conversion is not None:
            converted = _next_weekday(max(rules.add_months(ceremony, conversion[1]), ends) + dt.timedelta(days=3))
            if conversion[1] == 12:
                converted = min(converted, rules.add_working_days(ends, 25))
            number = numbers.next(converted.year)
            decisions.append(Decision(kind=DecisionKind.CONVERSION, number=number, number_key=number_key(number),
                                      year=converted.year, signed_on=converted, subject=person.full_name))  # fmt: skip
            rows.append(AdmissionStep(person=person, step=Step.CONVERSION_VOTE, done_on=ends, votes_for=9,
                                      votes_total=10))  # fmt: skip
            rows.append(AdmissionStep(person=person, step=Step.CONVERSION, done_on=converted))
            person.status, person.full_member_on = PersonStatus.FULL, ends
        step_rows.extend((len(decisions), row) for row in rows)
    Person.objects.bulk_update(people, ["status", "admitted_on", "probation_ends_on", "full_member_on"], 500)
    saved = Decision.objects.bulk_create(decisions, batch_size=500)
    # Attach each decision step to its decision: admissions and conversions in creation order.
    iterator = iter(saved)
    for _count, row in step_rows:
        if row.step in (Step.DECISION, Step.CONVERSION):
            row.decision = next(iterator)
    AdmissionStep.objects.bulk_create([row for _c, row in step_rows], batch_size=1000)
    return len(people), len(step_rows)


def _gradings(rng: random.Random, numbers: _Numbers) -> None:
    for year, signed_on in GRADINGS.items():
        units = sorted(unit_list_active_on(on_date=dt.date(signed_on.year, 6, 30)), key=lambda u: u.code)
        number = numbers.next(signed_on.year)
        decision = Decision.objects.create(kind=DecisionKind.GRADING, number=number, number_key=number_key(number),
                                           year=signed_on.year, signed_on=signed_on,
                                           subject=f"{year}: tổ chức cơ sở đảng")  # fmt: skip
        shuffled = units[:]
        rng.shuffle(shuffled)
        excellent = len(units) * 15 // 100  # within 20% of those rated good or excellent
        grades = [Grade.EXCELLENT] * excellent + [Grade.NOT_COMPLETED] + [Grade.COMPLETED] * 6
        grades += [Grade.GOOD] * (len(units) - len(grades))
        Grading.objects.bulk_create(
            [
                Grading(year=year, decision=decision, unit=unit, grade=grade)
                for unit, grade in zip(shuffled, grades, strict=True)
            ]
        )


# Members' grading year -> the base committees' decision date (before the bloc's grading of the
# organisations). The seeds give no member figures: in each organisation about 10% "completed",
# and as many "excellent" as 20% of those rated good or excellent allows (the quota of both
# regulations; small organisations have none), one member of the largest not completing.
MEMBER_GRADINGS = {2020: dt.date(2021, 1, 12), 2023: dt.date(2024, 1, 11)}


def _member_gradings(rng: random.Random) -> None:
    """Each base organisation's committee grades its members (admitted by the end of the year)."""
    rows: list[Grading] = []
    for year, signed_on in MEMBER_GRADINGS.items():
        members = Person.objects.filter(
            status__in=[PersonStatus.PROBATIONARY, PersonStatus.FULL], admitted_on__lte=dt.date(year, 12, 31)
        ).order_by("unit_id", "pk")
        by_unit: dict[int, list[Person]] = {}
        for person in members:
            by_unit.setdefault(person.unit_id, []).append(person)
        largest = max(by_unit, key=lambda unit_id: len(by_unit[unit_id]))
        for number, (unit_id, people) in enumerate(sorted(by_unit.items()), start=1):
            text = f"{number}-QĐ/ĐU"
            decision = Decision.objects.create(kind=DecisionKind.GRADING, number=text, number_key=number_key(text),
                                               year=signed_on.year, signed_on=signed_on, unit_id=unit_id,
                                               subject=f"{year}: đảng viên")  # fmt: skip
            rng.shuffle(people)
            count = len(people)
            failed = 1 if unit_id == largest else 0
            completed = sum(1 for _p in people[failed:] if rng.random() < 0.1)
            excellent = rules.excellent_allowed({"good": count - completed - failed}, Decimal(20))
            grades = [Grade.NOT_COMPLETED] * failed + [Grade.COMPLETED] * completed + [Grade.EXCELLENT] * excellent
            grades += [Grade.GOOD] * (count - len(grades))
            rows += [
                Grading(year=year, decision=decision, person=person, grade=grade)
                for person, grade in zip(people, grades, strict=True)
            ]
    Grading.objects.bulk_create(rows, batch_size=500)


def _committees(rng: random.Random, units: list[Unit], numbers: _Numbers) -> None:
    chosen = rng.sample(units, len(COMMITTEE_CHANGES))
    for unit, signed_on in zip(chosen, COMMITTEE_CHANGES, strict=True):
        number = numbers.next(signed_on.year)
        decision = Decision.objects.create(kind=DecisionKind.COMMITTEE, number=number, number_key=number_key(number),
                                           year=signed_on.year, signed_on=signed_on, subject=unit.name)  # fmt: skip
        holders = [
            (Position.SECRETARY, f"{rng.choice(FAMILY)} Văn {rng.choice(GIVEN_M)}"),
            (Position.DEPUTY, f"{rng.choice(FAMILY)} Thị {rng.choice(GIVEN_F)}"),
            (Position.MEMBER, f"{rng.choice(FAMILY)} Đức {rng.choice(GIVEN_M)}"),
        ]
        CommitteeAppointment.objects.bulk_create(
            [
                CommitteeAppointment(unit=unit, decision=decision, position=position, holder_name=name,
                                     name_key=name_key(name), starts_on=signed_on)
                for position, name in holders
            ]
        )  # fmt: skip


def _inspections(units: list[Unit]) -> None:
    rows = []
    for i, unit in enumerate(units[:12]):
        kind = ReviewKind.INSPECTION if i % 3 == 0 else ReviewKind.SUPERVISION
        rows.append(Review(kind=kind, year=2021, unit=unit, subject="Việc chấp hành Điều lệ Đảng và nghị quyết",
                           done_on=dt.date(2021, 3 + i % 8, 10)))  # fmt: skip
    Review.objects.bulk_create(rows)
    decision = Decision.objects.create(kind=DecisionKind.DISCIPLINE, number="5-QĐ/UBKTĐUK",
                                       number_key=number_key("5-QĐ/UBKTĐUK"), year=2021,
                                       signed_on=dt.date(2021, 9, 15))  # fmt: skip
    DisciplineCase.objects.create(unit=units[-1], form="reprimand", decision=decision)


def _secretary() -> None:
    """bithu.dv001: the secretary of the first base organisation, who reads its people's records."""
    unit = Unit.objects.filter(code="DV001").first()
    if unit is None or User.objects.filter(username="bithu.dv001").exists():
        return
    user = User.objects.create(
        username="bithu.dv001",
        password=make_password(settings.KHOI_DEMO_PASSWORD),
        first_name=f"Bí thư {unit.short_name or unit.name}",
        role=Role.REPORTER,
        unit=unit,
    )
    SecretaryAccount.objects.create(user=user, unit=unit)
