"""Fixtures of the reports tests: the demo bloc (register, figures, commendations, wording) loaded
once for this package, inside a transaction rolled back when the package's tests are done (so no
other app's tests ever see it).

The browser test needs committed data for the live server, so it lives in its own package
(khoi/reports/tests_browser/): this package's transaction is rolled back before it runs.
"""

from __future__ import annotations

import pytest
from django.test import Client

from khoi.core.tests.once import rolled_back_after_module


def load_demo() -> None:
    from khoi.accounts import demo as accounts_demo
    from khoi.emulation import demo as emulation_demo
    from khoi.party import demo as party_demo
    from khoi.reporting import demo as reporting_demo
    from khoi.reports import demo as reports_demo
    from khoi.units import demo as units_demo

    units_demo.load()
    accounts_demo.load()
    reporting_demo.load()
    reports_demo.load()
    emulation_demo.load()
    party_demo.load()  # the Party-building indicators are counted from its records


@pytest.fixture(scope="package")
def demo_bloc(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        load_demo()
        yield


@pytest.fixture
def demo(demo_bloc, db):
    """The demo bloc, inside the test's own transaction."""
    return None


def client_for(username: str) -> Client:
    from khoi.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def demo_staff(demo) -> Client:
    return client_for("vanphong")


@pytest.fixture
def demo_leader(demo) -> Client:
    return client_for("lanhdao")


@pytest.fixture
def demo_reporter(demo) -> Client:
    return client_for("baocao.dv001")
