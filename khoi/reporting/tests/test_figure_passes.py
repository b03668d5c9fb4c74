"""A breakdown's parts and a trend's periods, computed in one pass, are the very figures asked one
by one: every indicator of the demo bloc, by sector, ownership and zone, and over four years."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from khoi.reporting.periods import Period
from khoi.reporting.selectors import (
    UNITS_CODE,
    Scope,
    indicator_figure,
    indicator_list,
    indicator_parts,
    indicator_series,
    scope_units,
)
from khoi.units.models import Ownership, Sector, Zone

pytestmark = [pytest.mark.usefixtures("demo_bloc"), pytest.mark.django_db]

PERIODS = [Period.parse("2021-Y"), Period.parse("2021-H1"), Period.parse("2020-Y")]


def every_part(scope: Scope) -> list[Scope]:
    sectors = [dataclasses.replace(scope, sector_code=s.code) for s in Sector.objects.filter(level=1)]
    ownerships = [dataclasses.replace(scope, ownership=value) for value, _label in Ownership.choices]
    zones = [dataclasses.replace(scope, zone_id=zone.pk) for zone in Zone.objects.all()]
    return sectors + ownerships + zones


def codes() -> list[str]:
    return [UNITS_CODE, *indicator_list().values_list("code", flat=True)]


@pytest.mark.parametrize("period", PERIODS, ids=str)
@pytest.mark.parametrize("include_submitted", [False, True])
def test_each_part_of_a_breakdown_is_the_figure_of_that_part_asked_alone(period, include_submitted):
    parts = every_part(Scope())
    compared = 0
    for code in codes():
        together = indicator_parts(
            code=code, period=period, scope=Scope(), parts=parts, include_submitted=include_submitted
        )
        for part, figure in zip(parts, together, strict=True):
            if not scope_units(scope=part, period=period).exists():
                assert figure is None, (code, part)
                continue
            alone = indicator_figure(code=code, period=period, scope=part, include_submitted=include_submitted)
            assert figure == alone, (code, part)
            compared += figure.value is not None
    assert compared > 100  # the demo bloc has figures in most parts: the comparison is not empty


def test_parts_of_a_narrowed_scope_stay_inside_it():
    state = Scope(ownership="state")
    period = Period.parse("2021-Y")
    parts = [dataclasses.replace(state, sector_code=s.code) for s in Sector.objects.filter(level=1)]
    together = indicator_parts(code="revenue", period=period, scope=state, parts=parts)
    compared = [(part, figure) for part, figure in zip(parts, together, strict=True) if figure is not None]
    for part, figure in compared:
        assert figure == indicator_figure(code="revenue", period=period, scope=part)
    # The sections split the state enterprises: their parts add up to the state's figure.
    whole = indicator_figure(code="revenue", period=period, scope=state)
    assert sum(figure.value for _part, figure in compared if figure.value) == whole.value


def test_a_breakdown_takes_the_same_queries_for_three_parts_and_for_all_of_them():
    period = Period.parse("2021-Y")
    parts = every_part(Scope())
    with CaptureQueriesContext(connection) as few:
        indicator_parts(code="revenue", period=period, scope=Scope(), parts=parts[:3])
    with CaptureQueriesContext(connection) as many:
        indicator_parts(code="revenue", period=period, scope=Scope(), parts=parts)
    assert len(parts) > 20
    assert len(many) == len(few)


def test_a_part_that_narrows_anything_but_ownership_sector_or_zone_is_refused():
    with pytest.raises(ValueError):
        indicator_parts(
            code="revenue", period=Period.parse("2021-Y"), scope=Scope(), parts=[Scope(group_code="ngan-hang")]
        )


@pytest.mark.parametrize("kind", ["Y", "H1"])
def test_a_trend_is_each_periods_figure_asked_alone(kind):
    periods = [Period.parse(f"{year}-{kind}") for year in (2019, 2020, 2021, 2022)]
    for code in codes():
        assert indicator_series(code=code, periods=periods) == [
            indicator_figure(code=code, period=period) for period in periods
        ], code


def test_a_four_year_trend_reads_five_windows_not_eight():
    periods = [Period.parse(f"{year}-Y") for year in (2019, 2020, 2021, 2022)]
    with CaptureQueriesContext(connection) as one:
        indicator_series(code="revenue", periods=periods[-1:])
    with CaptureQueriesContext(connection) as four:
        indicator_series(code="revenue", periods=periods)
    # Each window beyond the first two costs the same; four years share five windows.
    per_window = (len(four) - len(one)) / 3
    assert per_window == int(per_window)
    assert len(four) < 4 * len(one)
