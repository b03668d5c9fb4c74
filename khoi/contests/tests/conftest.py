"""Fixtures of the contests app: a small bank of two topics and an open round."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from khoi.accounts.models import Department, Role
from khoi.accounts.tests.factories import make_user
from khoi.contests import selectors, services, throttle
from khoi.contests.models import Contest, Entry, Question, Round, Topic
from khoi.units.models import Unit

from .factories import make_contest, make_question, make_round, make_topic, next_phone


@pytest.fixture(autouse=True)
def _fresh_process_caches() -> Iterator[None]:
    """The pool and unit copies live in the process: start each test without them."""
    selectors.round_pool_forget()
    selectors.unit_forget()
    if "LocMemCache" in settings.CACHES["default"]["BACKEND"]:
        cache.clear()  # local memory only: never flush a shared Redis
    yield
    selectors.round_pool_forget()
    selectors.unit_forget()


@pytest.fixture(autouse=True)
def _no_challenge_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(throttle, "CHALLENGE_MIN_AGE", 0)


@dataclass
class Bank:
    topics: list[Topic]
    questions: dict[int, list[Question]]


@pytest.fixture
def bank(db: None) -> Bank:
    topics = [make_topic("Nghị quyết Đại hội XIII"), make_topic("Lịch sử Đảng bộ Khối")]
    questions = {topic.pk: [make_question(topic, correct="ABCD"[i % 4]) for i in range(6)] for topic in topics}
    return Bank(topics=topics, questions=questions)


@pytest.fixture
def contest(db: None) -> Contest:
    return make_contest()


@pytest.fixture
def open_round(contest: Contest, bank: Bank, unit_a: Unit) -> Round:
    return make_round(contest, [(bank.topics[0], 3), (bank.topics[1], 2)])


@pytest.fixture
def start_entry(open_round: Round, unit_a: Unit) -> Callable[..., Entry]:
    def start(**fields: object) -> Entry:
        data: dict[str, object] = {
            "round_id": open_round.pk,
            "name": "Nguyễn Thị Lan",
            "phone": next_phone(),
            "unit_id": unit_a.pk,
        }
        data.update(fields)
        return services.entry_start(**data)  # type: ignore[arg-type]

    return start


@pytest.fixture
def contest_admin_client(db: None) -> Client:
    client = Client()
    client.force_login(make_user("quantri_thi", role=Role.ADMIN, is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def office_client(db: None) -> Client:
    client = Client()
    client.force_login(make_user("vanphong_thi", role=Role.STAFF, department=Department.OFFICE))
    return client
