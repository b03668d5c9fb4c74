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
