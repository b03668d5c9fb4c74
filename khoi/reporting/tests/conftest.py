"""Fixtures of the reporting tests. The demo bloc is loaded once per module that asks for it,
inside a transaction rolled back at the module's end (a few seconds, not once per test)."""

from __future__ import annotations

import pytest

from khoi.core.tests.once import rolled_back_after_module


@pytest.fixture(scope="module")
def demo_bloc(django_db_setup, django_db_blocker):
    from khoi.accounts import demo as accounts_demo
    from khoi.party import demo as party_demo
    from khoi.reporting import demo as reporting_demo
    from khoi.units import demo as units_demo

    with rolled_back_after_module(django_db_blocker):
        units_demo.load()
        accounts_demo.load()
        reporting_demo.load()
        party_demo.load()  # the Party-building indicators are counted from its records
        yield
