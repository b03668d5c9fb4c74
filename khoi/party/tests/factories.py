"""Test data of Party building, made through the services."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.test import Client
from rest_framework.test import APIClient

from khoi.party import services
from khoi.party.models import CourseBatch, CourseKind, Person, Step
from khoi.party.services import StepInput
from khoi.units.models import Unit

_numbers = itertools.count(1)


def awareness_course(year: int = 2020, number: int = 1) -> CourseBatch:
    return CourseBatch.objects.get_or_create(
        kind=CourseKind.AWARENESS,
        year=year,
        number=number,
        defaults={"starts_on": dt.date(year, 1, 6), "ends_on": dt.date(year, 1, 10)},
    )[0]


def new_member_course(year: int = 2021, number: int = 1) -> CourseBatch:
    return CourseBatch.objects.get_or_create(
        kind=CourseKind.NEW_MEMBERS,
        year=year,
        number=number,
        defaults={"starts_on": dt.date(year, 3, 1), "ends_on": dt.date(year, 3, 5)},
    )[0]


def make_person(unit: Unit, name: str = "Nguyễn Văn An", birth: dt.date = dt.date(1995, 5, 17), **kw: Any) -> Person:
    return services.person_create(unit=unit, full_name=name, birth_date=birth, gender=kw.pop("gender", "male"), **kw)


def step(person: Person, kind: Step, on: dt.date, **kw: Any) -> Any:
    return services.step_record(person=person, data=StepInput(step=kind, done_on=on, **kw), by=None)


def admit(person: Person, decided: dt.date, ceremony: dt.date | None = None) -> Person:
    """All the steps up to the ceremony (the decision numbered uniquely)."""
    course = awareness_course(decided.year - 1)
    step(person, Step.COURSE, course.ends_on, course=course)
    step(person, Step.APPLICATION, decided - dt.timedelta(days=60), introducers=("Trần Văn Bình", "Lê Thị Cúc"))
    step(person, Step.CELL_VOTE, decided - dt.timedelta(days=40), votes_for=9, votes_total=10)
    step(person, Step.BASE_PROPOSAL, decided - dt.timedelta(days=20))
    step(person, Step.DECISION, decided, decision_number=f"{next(_numbers)}-QĐ/ĐUK")
    step(person, Step.CEREMONY, ceremony or decided + dt.timedelta(days=7))
    person.refresh_from_db()
    return person


def convert(person: Person, on: dt.date) -> Person:
    course = new_member_course(person.admitted_on.year if person.admitted_on else on.year)
    if not person.steps.filter(step=Step.NEW_MEMBER_COURSE).exists():
        step(person, Step.NEW_MEMBER_COURSE, max(course.ends_on, person.admitted_on or on), course=course)
    step(person, Step.CONVERSION_VOTE, on, votes_for=8, votes_total=9)
    step(person, Step.CONVERSION, on, decision_number=f"{next(_numbers)}-QĐ/ĐUK")
    person.refresh_from_db()
    return person


def signed_in(user: Any) -> Client:
    """A browser session of `user`."""
    client = Client()
    client.force_login(user)
    return client


def api_as(user: Any) -> APIClient:
    """An API client authenticated as `user`."""
    client = APIClient()
    client.force_authenticate(user)
    return client
