"""The kinds of figure: each carries its own typed fields, works out its shares, says which
condition it counts, and is frozen (no database)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from khoi.reporting.figure_text import same_period_text, value_text
from khoi.reporting.periods import Period
from khoi.reporting.selectors import CountIfFigure, Figure, OrganisationsFigure, PlanFigure, RatioFigure

D = Decimal
Y_2021 = Period.parse("2021-Y")


def common(**fields):
    values = {
        "indicator_code": "x",
        "indicator_name": "x",
        "unit_label": "doanh nghiệp",
        "decimals": 0,
        "period": Y_2021,
        "value": D(68),
        "same_period_value": D(60),
        "growth_percent": None,
        "units_reporting": 90,
        "units_expected": 95,
    }
    values.update(fields)
    return values


def budget_count(**fields):
    return CountIfFigure(
        **common(**fields.pop("common", {})),
        denominator=fields.pop("denominator", 93),
        same_period_denominator=fields.pop("same_period_denominator", 80),
        denominator_kind=fields.pop("denominator_kind", "enterprises"),
        base_code="budget",
        operator=">=",
        threshold=D(1),
    )


def test_a_plan_figure_gives_the_share_of_units_that_reached_their_plan():
    revenue = PlanFigure(**common(), units_with_plan=50, units_reached=38)
    assert revenue.plan_share_percent == D(76)
    assert PlanFigure(**common(), units_with_plan=0, units_reached=0).plan_share_percent is None


def test_a_count_figure_gives_its_share_of_the_denominator_now_and_a_year_before():
    counted = budget_count()
    assert counted.count == 68
    assert round(counted.share_percent, 1) == D("73.1")
    assert counted.same_period_share_percent == D(75)


def test_a_count_with_no_unit_reporting_counts_none_and_has_no_share_without_a_denominator():
    nobody = budget_count(common={"value": None, "same_period_value": None}, same_period_denominator=0)
    assert (nobody.count, nobody.share_percent, nobody.same_period_share_percent) == (0, D(0), None)


def test_a_count_figure_says_whether_it_counts_a_given_condition():
    counted = budget_count()
    assert counted.counts(base_code="budget", operator=">=", threshold=D("1.0000"))
    assert counted.counts(base_code="budget", operator=">=", threshold=D(1), denominator_kind="enterprises")
    assert not counted.counts(base_code="budget", operator=">=", threshold=D(1), denominator_kind="units")
    assert not counted.counts(base_code="budget", operator=">", threshold=D(1))
    assert not counted.counts(base_code="revenue", operator=">=", threshold=D(1))


def test_each_kind_prints_its_own_fields_under_extra_as_the_outputs_always_did():
    assert Figure(**common()).details() == {}
    assert PlanFigure(**common(), units_with_plan=50, units_reached=38).details() == {
        "plan": {"units_with_plan": 50, "units_reached": 38, "share_percent": D(76)}
    }
    ratio = RatioFigure(
        **common(unit_label="%"), numerator=D(3), denominator=D(400), numerator_code="bad", denominator_code="loans"
    )
    assert list(ratio.details()) == ["numerator", "denominator", "numerator_code", "denominator_code"]
    assert list(budget_count().details()) == [
        "denominator",
        "denominator_kind",
        "share_percent",
        "same_period_share_percent",
        "base_code",
        "operator",
        "threshold",
    ]
    units = OrganisationsFigure(**common(), base_committees=36, base_cells=57, enterprises=93)
    assert units.details() == {"base_committees": 36, "base_cells": 57, "enterprises": 93}


def test_templates_tell_the_kinds_apart_by_kind():
    kinds = [Figure.kind, PlanFigure.kind, RatioFigure.kind, CountIfFigure.kind, OrganisationsFigure.kind]
    assert kinds == ["value", "plan", "ratio", "count_if", "organisations"]
    assert budget_count().kind == "count_if"


def test_a_figure_cannot_be_changed_once_made():
    counted = budget_count()
    with pytest.raises(dataclasses.FrozenInstanceError):
        counted.value = D(1)


def test_words_are_made_from_the_numbers_where_the_figure_is_shown():
    revenue = Figure(**common(unit_label="tỷ đồng", value=D(14167), same_period_value=None))
    npl = Figure(**common(unit_label="%", decimals=2, value=D("0.78"), same_period_value=D("0.85")))
    assert (value_text(revenue), same_period_text(revenue)) == ("14.167 tỷ đồng", "")
    assert (value_text(npl), same_period_text(npl)) == ("0,78%", "0,85%")
