"""Fixtures of the Party-building tests: the demo bloc with its Party records, loaded once per
module that asks for it, inside a transaction rolled back at the module's end."""

from __future__ import annotations

import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def party_demo(django_db_setup, django_db_blocker):
    from khoi.accounts import demo as accounts_demo
    from khoi.party import demo as party_demo_module
    from khoi.reporting import demo as reporting_demo
    from khoi.units import demo as units_demo

    with django_db_blocker.unblock(), transaction.atomic():
        units_demo.load()
        accounts_demo.load()
        reporting_demo.load()
        party_demo_module.load()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def secretary_a(unit_a):
    """The secretary of unit A's base organisation (a reporter account assigned to it)."""
    from khoi.accounts.models import Role
    from khoi.accounts.tests.factories import make_user
    from khoi.party import services

    user = make_user("bithu_a", role=Role.REPORTER, unit=unit_a)
    services.secretary_assign(user=user, unit=unit_a)
    return user
