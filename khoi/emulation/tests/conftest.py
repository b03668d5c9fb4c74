"""Fixtures only the emulation tests need."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from khoi.accounts.models import Department, Role, User
from khoi.accounts.tests.factories import make_user
from khoi.units.models import Unit
from khoi.units.tests.factories import make_unit

from .factories import make_catalogue


@pytest.fixture
def catalogue(db: None) -> dict[str, Any]:
    return make_catalogue()


@pytest.fixture
def more_units(bloc: Unit) -> list[Unit]:
    return [make_unit(bloc, name=f"Chi bộ Công ty Thử nghiệm {i}") for i in range(3)]


@pytest.fixture
def organisation_user(db: None) -> User:
    return make_user("bantochuc", role=Role.STAFF, department=Department.ORGANISATION)


@pytest.fixture
def admin_client(admin_user: User) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.fixture
def propaganda_client(propaganda_user: User) -> Client:
    client = Client()
    client.force_login(propaganda_user)
    return client
