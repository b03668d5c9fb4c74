"""The leaders' pages are cached under a stamp of the data they count (khoi.core.data_stamp). A
page would show stale official figures if it read a table whose changes do not change its stamp:
these tests read every table the overview and the dashboard's figures read, on the demo bloc, and
ask the database which tables carry the stamp's triggers."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from khoi.core.data_stamp import Stamp, watched_tables
from khoi.reporting import selectors as reporting
from khoi.reporting.models import Submission, SubmissionStatus
from khoi.reporting.periods import Period
from khoi.reports import dashboard
from khoi.units.models import Ownership, UnitGroup, Zone

pytestmark = pytest.mark.django_db

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
# Approved figures are read from the window store, which is derived from the forms' statuses and
# values in the transaction that changes them; those two tables change the approved stamp.
DERIVED_FOR_APPROVED = {"reporting_windowvalue"}
TABLE = re.compile(r'(?:FROM|JOIN)\s+"?([a-z_0-9]+)"?', re.IGNORECASE)


def tables_read(call) -> set[str]:
    with override_settings(CACHES=NO_CACHE), CaptureQueriesContext(connection) as queries:
        call()
    return {table for query in queries.captured_queries for table in TABLE.findall(query["sql"])} - {"core_datastamp"}


def scopes() -> list[reporting.Scope]:
    group = UnitGroup.objects.order_by("pk").first()
    zone = Zone.objects.order_by("pk").first()
    return [
        reporting.Scope(),
        reporting.Scope(ownership=Ownership.STATE),
        reporting.Scope(sector_code="C"),
        reporting.Scope(zone_id=zone.pk if zone else None),
        reporting.Scope(group_code=group.code if group else None),
    ]


def test_every_table_the_approved_figures_count_from_changes_the_approved_stamp(demo):
    read: set[str] = set()
    for period in (Period(2021, "H1"), Period(2021, "Y")):
        for scope in scopes():
            read |= tables_read(lambda p=period, s=scope: reporting.bloc_overview(period=p, scope=s))
        for indicator in reporting.indicator_list(key_only=False):
            read |= tables_read(
                lambda p=period, code=indicator.code: dashboard.dashboard_figures(
                    period=p, scope=reporting.Scope(), indicator_code=code
                )
            )
    assert {"units_unit", "reporting_indicator", "reporting_plan", "party_admissionstep"} <= read  # it read them
    assert read - DERIVED_FOR_APPROVED <= watched_tables(stamp=Stamp.APPROVED)
    # The window store is derived from these, so they must change the approved stamp.
    assert {"reporting_submission", "reporting_indicatorvalue"} <= watched_tables(stamp=Stamp.APPROVED)


def test_every_table_the_figures_with_submitted_values_count_from_changes_their_stamp(demo):
    read: set[str] = set()
    for period in (Period(2021, "H1"), Period(2021, "Y")):
        for scope in scopes():
            read |= tables_read(
                lambda p=period, s=scope: reporting.bloc_overview(period=p, scope=s, include_submitted=True)
            )
    assert {"units_unit", "reporting_windowvalue", "party_admissionstep"} <= read
    assert read <= watched_tables(stamp=Stamp.SUBMITTED)


def test_the_tables_of_other_apps_records_are_watched_too(demo):
    """Not read by the pages above unless a figure needs them; watched all the same."""
    approved = watched_tables(stamp=Stamp.APPROVED)
    assert {"party_person", "party_decision", "party_grading", "units_sector", "units_zone"} <= approved


def test_the_dashboards_completeness_follows_a_submit_while_its_figures_come_from_the_cache(demo):
    draft = Submission.objects.filter(status=SubmissionStatus.DRAFT).select_related("reporting_round").first()
    assert draft is not None, "the demo bloc has a form not yet submitted"
    period = Period.parse(draft.reporting_round.period_code)
    key = f"round-{draft.reporting_round.pk}"

    def board() -> dashboard.Dashboard:
        return dashboard.dashboard(period=period, scope=reporting.Scope())

    def not_submitted(found: dashboard.Dashboard) -> str:
        return next(block.rows[0][2] for block in found.blocks if block.key == key)

    before = board()
    Submission.objects.filter(pk=draft.pk).update(status=SubmissionStatus.SUBMITTED, submitted_at=timezone.now())
    after = board()

    assert int(not_submitted(after)) == int(not_submitted(before)) - 1
    assert [k.number for k in after.key_figures] == [k.number for k in before.key_figures]  # nothing approved
    assert [b.key for b in after.blocks].count(key) == 1  # the live block is added once, not to the cached copy
