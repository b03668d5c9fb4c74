"""Fixtures of the reporting tests. The demo bloc is loaded once per module that asks for it,
inside a transaction rolled back at the module's end (a few seconds, not once per test)."""

from __future__ import annotations

import datetime as dt

import pytest

from khoi.core.tests.once import rolled_back_after_module
from khoi.reporting import round_services, services
from khoi.reporting.models import ReportForm, Submission
from khoi.units.models import UnitGroup


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


@pytest.fixture
def reporting_round(bloc, unit_a, unit_b, staff_user):
    """The periodic form's round for H1 2021, opened for units A and B (and a bank group)."""
    UnitGroup.objects.create(code="ngan-hang", name="Nhóm ngân hàng")
    services.catalogue_install()
    form = ReportForm.objects.get(code="bao-cao-dinh-ky")
    return round_services.round_open(form=form, period_code="2021-H1", deadline=dt.date(2021, 7, 20), actor=staff_user)


@pytest.fixture
def submission_a(reporting_round, unit_a):
    return Submission.objects.get(reporting_round=reporting_round, unit=unit_a)


@pytest.fixture
def submission_b(reporting_round, unit_b):
    return Submission.objects.get(reporting_round=reporting_round, unit=unit_b)
