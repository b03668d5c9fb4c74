"""Fixtures every app's tests share: a small bloc, and one user of each role."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from khoi.accounts.models import Department, Role, User
from khoi.accounts.tests.factories import make_user
from khoi.units.models import Unit, UnitKind
from khoi.units.tests.factories import make_bloc, make_unit


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every transactional test puts back what the migrations wrote (categories, sectors, legal
    bases, regulations) after its flush. Run one after another, pytest-django puts transactional
    tests last, so their flush harmed nobody; run in parallel, a worker goes on with other tests
    after one, and those would find the migrations' rows gone."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        kwargs = dict(marker.kwargs) if marker is not None else {}
        transactional = kwargs.get("transaction") or bool(
            {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        )
        if transactional and not kwargs.get("serialized_rollback"):
            item.add_marker(pytest.mark.django_db(**{**kwargs, "transaction": True, "serialized_rollback": True}))


@pytest.fixture(autouse=True)
def vietnamese_by_default() -> None:
    """Each test starts in Vietnamese: an English request must not leak into the next test."""
    translation.activate("vi")


@pytest.fixture
def bloc(db: None) -> Unit:
    return make_bloc()


@pytest.fixture
def unit_a(bloc: Unit) -> Unit:
    return make_unit(bloc, kind=UnitKind.BASE_COMMITTEE, name="Đảng bộ Công ty Cổ phần Cảng Hải Phòng")


@pytest.fixture
def unit_b(bloc: Unit) -> Unit:
    return make_unit(bloc, name="Chi bộ Công ty Cổ phần Nước sạch Đồ Sơn")


@pytest.fixture
def admin_user(db: None) -> User:
    return make_user("quantri", role=Role.ADMIN, is_superuser=True, is_staff=True)


@pytest.fixture
def staff_user(db: None) -> User:
    return make_user("vanphong", role=Role.STAFF, department=Department.OFFICE)


@pytest.fixture
def propaganda_user(db: None) -> User:
    return make_user("tuyengiao", role=Role.STAFF, department=Department.PROPAGANDA)


@pytest.fixture
def organisation_user(db: None) -> User:
    return make_user("bantochuc", role=Role.STAFF, department=Department.ORGANISATION)


@pytest.fixture
def leader_user(db: None) -> User:
    return make_user("lanhdao", role=Role.LEADERSHIP)


@pytest.fixture
def reporter_a(unit_a: Unit) -> User:
    return make_user("baocao_a", role=Role.REPORTER, unit=unit_a)


@pytest.fixture
def reporter_b(unit_b: Unit) -> User:
    return make_user("baocao_b", role=Role.REPORTER, unit=unit_b)


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(admin_user: User) -> Client:
    """Overrides pytest-django's own, whose superuser would lack our role fields."""
    return _client_for(admin_user)


@pytest.fixture
def staff_client(staff_user: User) -> Client:
    return _client_for(staff_user)


@pytest.fixture
def propaganda_client(propaganda_user: User) -> Client:
    return _client_for(propaganda_user)


@pytest.fixture
def leader_client(leader_user: User) -> Client:
    return _client_for(leader_user)


@pytest.fixture
def reporter_a_client(reporter_a: User) -> Client:
    return _client_for(reporter_a)


@pytest.fixture
def reporter_b_client(reporter_b: User) -> Client:
    return _client_for(reporter_b)
