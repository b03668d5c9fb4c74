"""Time and unit aggregation on small hand-made data: flow vs stock, tiling of months and
half-years, ratio of sums, count-if, plans, approved-only, and a constant number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from khoi.reporting.figure_text import change_text, same_period_ratio_text
from khoi.reporting.models import Plan, SubmissionStatus
from khoi.reporting.periods import Period
from khoi.reporting.selectors import (
    CountIfFigure,
    Figure,
    OrganisationsFigure,
    PlanFigure,
    RatioFigure,
    Scope,
    bloc_overview,
    count_units_meeting,
    figure_drilldown,
    indicator_figure,
    plan_completion,
    scope_units,
)
from khoi.reporting.tests.factories import make_indicator, record
from khoi.units.models import UnitGroup
from khoi.units.tests.factories import make_unit

pytestmark = pytest.mark.django_db
H1 = Period.parse("2021-H1")
Y = Period.parse("2021-Y")


@pytest.fixture
def revenue():
    return make_indicator("revenue", time_aggregation="flow")


@pytest.fixture
def deposits():
    return make_indicator("deposits", time_aggregation="stock")


def test_a_flow_adds_up_over_the_year_and_a_stock_takes_the_year_end(unit_a, revenue, deposits):
    record(unit_a, revenue, "2021-H1", 100)
    record(unit_a, revenue, "2021-Y", 230)
    record(unit_a, deposits, "2021-H1", 57_763)
    record(unit_a, deposits, "2021-Y", 50_009)
    assert indicator_figure(code="revenue", period=Y).value == 230
    assert indicator_figure(code="revenue", period=H1).value == 100
    assert indicator_figure(code="deposits", period=Y).value == 50_009
    assert indicator_figure(code="deposits", period=H1).value == 57_763


def test_a_half_year_flow_is_the_sum_of_six_months_and_a_stock_is_june(unit_a, revenue, deposits):
    for month in range(1, 13):
        record(unit_a, revenue, f"2021-{month:02d}", 10)
        record(unit_a, deposits, f"2021-{month:02d}", 1000 + month)
    assert indicator_figure(code="revenue", period=H1).value == 60
    assert indicator_figure(code="revenue", period=Y).value == 120
    assert indicator_figure(code="revenue", period=Period.parse("2021-Q3")).value == 30
    assert indicator_figure(code="deposits", period=H1).value == 1006
    assert indicator_figure(code="deposits", period=Y).value == 1012


def test_monthly_and_half_yearly_reporters_are_added_together(unit_a, unit_b, revenue):
    for month in range(1, 7):
        record(unit_a, revenue, f"2021-{month:02d}", 10)
    record(unit_b, revenue, "2021-H1", 500)
    result = indicator_figure(code="revenue", period=H1)
    assert result.value == 560 and result.units_reporting == 2


def test_a_units_own_half_year_figure_wins_over_the_sum_of_its_months(unit_a, revenue):
    for month in range(1, 7):
        record(unit_a, revenue, f"2021-{month:02d}", 10)
    record(unit_a, revenue, "2021-H1", 65)  # carries a correction
    assert indicator_figure(code="revenue", period=H1).value == 65


def test_incomplete_months_do_not_make_a_half_year(unit_a, unit_b, revenue):
    for month in range(1, 6):  # June missing
        record(unit_a, revenue, f"2021-{month:02d}", 10)
    record(unit_b, revenue, "2021-H1", 500)
    result = indicator_figure(code="revenue", period=H1)
    assert result.value == 500 and (result.units_reporting, result.units_expected) == (1, 2)


def test_quarters_tile_a_year(unit_a, revenue):
    for quarter in range(1, 5):
        record(unit_a, revenue, f"2021-Q{quarter}", 25)
    assert indicator_figure(code="revenue", period=Y).value == 100
    assert indicator_figure(code="revenue", period=Period.parse("2021-9M")).value == 75


def test_a_ratio_is_the_ratio_of_the_sums_not_the_average_of_ratios(unit_a, unit_b):
    loans = make_indicator("loans", time_aggregation="stock")
    bad = make_indicator("bad_loans", time_aggregation="stock")
    make_indicator(
        "npl_ratio",
        unit_aggregation="ratio",
        numerator=bad,
        denominator=loans,
        multiplier=Decimal(100),
        unit_label="%",
        decimals=2,
    )
    record(unit_a, loans, "2021-Y", 1000)
    record(unit_a, bad, "2021-Y", 10)  # 1%
    record(unit_b, loans, "2021-Y", 100)
    record(unit_b, bad, "2021-Y", 5)  # 5%
    ratio = indicator_figure(code="npl_ratio", period=Y).value
    assert ratio is not None
    average_of_ratios = (Decimal(1) + Decimal(5)) / 2
    assert round(ratio, 4) == round(Decimal(15) / Decimal(1100) * 100, 4)
    assert round(ratio, 2) == Decimal("1.36") and ratio != average_of_ratios
    rows = {row.unit_id: row.value for row in figure_drilldown(code="npl_ratio", period=Y)}
    assert rows[unit_b.pk] == 5


def test_average_income_divides_the_wage_fund_by_worker_months(unit_a, unit_b):
    wages = make_indicator("wage_fund", unit_label="triệu đồng")
    months = make_indicator("worker_months", unit_label="người-tháng")
    make_indicator("average_income", unit_aggregation="ratio", numerator=wages, denominator=months, decimals=1)
    record(unit_a, wages, "2021-Y", 120_000)
    record(unit_a, months, "2021-Y", 12_000)  # 10 triệu
    record(unit_b, wages, "2021-Y", 6_000)
    record(unit_b, months, "2021-Y", 1_200)  # 5 triệu
    income = indicator_figure(code="average_income", period=Y).value
    assert income is not None and round(income, 4) == round(Decimal(126_000) / 13_200, 4)


def test_count_if_counts_enterprises_out_of_the_enterprises_of_the_scope(bloc, unit_a, unit_b):
    budget = make_indicator("budget", decimals=1)
    association = make_unit(bloc, tax_code="", enterprise_name="", name="Chi bộ Hiệp hội")
    record(unit_a, budget, "2021-Y", "1.0")
    record(unit_b, budget, "2021-Y", "0.99")
    record(association, budget, "2021-Y", 5)
    counted = count_units_meeting(code="budget", period=Y, operator=">=", threshold=Decimal(1))
    assert (counted.count, counted.denominator) == (1, 2)
    assert counted.share_percent == 50
    every_unit = count_units_meeting(code="budget", period=Y, operator=">=", threshold=Decimal(1), denominator="units")
    assert (every_unit.count, every_unit.denominator) == (2, 3)


def test_plan_completion_counts_units_at_or_above_their_plan(unit_a, unit_b, revenue):
    revenue.has_plan = True
    revenue.save()
    record(unit_a, revenue, "2021-Y", 100)
    record(unit_b, revenue, "2021-Y", 99)
    Plan.objects.create(unit=unit_a, indicator=revenue, year=2021, value=100)
    Plan.objects.create(unit=unit_b, indicator=revenue, year=2021, value=100)
    completion = plan_completion(code="revenue", year=2021)
    assert (completion.units_with_plan, completion.units_reached) == (2, 1)
    assert [row.unit_id for row in completion.units] == [unit_a.pk]
    assert plan_completion(code="revenue", year=2021, threshold=Decimal(99)).units_reached == 2


def test_only_approved_values_count_unless_submitted_ones_are_asked_for(unit_a, unit_b, revenue):
    record(unit_a, revenue, "2021-H1", 100)
    record(unit_b, revenue, "2021-H1", 50, status=SubmissionStatus.SUBMITTED)
    approved = indicator_figure(code="revenue", period=H1)
    both = indicator_figure(code="revenue", period=H1, include_submitted=True)
    assert (approved.value, approved.includes_unapproved) == (100, False)
    assert (both.value, both.includes_unapproved) == (150, True)
    record(unit_b, revenue, "2021-Q3", 50, status=SubmissionStatus.DRAFT)
    assert indicator_figure(code="revenue", period=Period.parse("2021-Q3"), include_submitted=True).value is None


def test_growth_compares_with_the_same_period_of_the_year_before(unit_a, revenue):
    record(unit_a, revenue, "2020-H1", 100)
    record(unit_a, revenue, "2021-H1", 128.7)
    result = indicator_figure(code="revenue", period=H1)
    assert result.same_period_value == 100 and change_text(result) == "tăng 28,7%"
    record(unit_a, revenue, "2020-Y", 300)
    record(unit_a, revenue, "2021-Y", 290.4)
    year = indicator_figure(code="revenue", period=Y)
    assert (change_text(year), same_period_ratio_text(year)) == ("giảm 3,2%", "bằng 96,8% cùng kỳ")


def test_group_indicators_expect_only_the_groups_units(unit_a, unit_b):
    deposits = make_indicator("deposits", time_aggregation="stock")
    banks = UnitGroup.objects.create(code="ngan-hang", name="Nhóm ngân hàng")
    banks.members.add(unit_a)
    deposits.groups.add(banks)
    record(unit_a, deposits, "2021-Y", 10)
    result = indicator_figure(code="deposits", period=Y)
    assert (result.units_reporting, result.units_expected) == (1, 1)


def test_scope_filters_by_subtree_ownership_and_membership_date(bloc, unit_a, unit_b):
    assert set(scope_units(scope=Scope(), period=Y)) == {unit_a, unit_b}
    assert list(scope_units(scope=Scope(root_unit_id=unit_a.pk), period=Y)) == [unit_a]
    assert not scope_units(scope=Scope(ownership="fdi"), period=Y).exists()
    from khoi.units import services as unit_services

    unit_services.unit_close(unit=unit_b, left_on=Period.parse("2022-Y").start, actor=None)
    assert unit_b in scope_units(scope=Scope(), period=Y)
    assert unit_b not in scope_units(scope=Scope(), period=Period.parse("2022-Y"))


def test_the_overview_takes_the_same_number_of_queries_for_5_and_40_units(bloc, revenue, deposits):
    budget = make_indicator("budget")
    make_indicator("budget_1bn", unit_aggregation="count_if", base=budget, count_operator=">=", count_threshold=1)
    revenue.has_plan = True
    revenue.save()

    def grow_to(count):
        from khoi.units.models import Unit

        while Unit.objects.exclude(pk=bloc.pk).count() < count:
            unit = make_unit(bloc)
            for indicator in (revenue, deposits, budget):
                record(unit, indicator, "2021-Y", 3)
                record(unit, indicator, "2020-Y", 2)
            Plan.objects.create(unit=unit, indicator=revenue, year=2021, value=3)

    counts = []
    for size in (5, 40):
        grow_to(size)
        with CaptureQueriesContext(connection) as context:
            figures = bloc_overview(period=Y)
        counts.append(len(context.captured_queries))
        assert next(f for f in figures if f.indicator_code == "revenue").value == 3 * size
    assert counts[0] == counts[1] <= 12


def test_each_kind_of_indicator_answers_with_its_own_kind_of_figure(unit_a, unit_b, revenue):
    revenue.has_plan = True
    revenue.save()
    loans = make_indicator("loans")
    bad = make_indicator("bad_debt")
    make_indicator("npl_ratio", unit_aggregation="ratio", numerator=bad, denominator=loans, unit_label="%")
    make_indicator(
        "revenue_100bn_units", unit_aggregation="count_if", base=revenue, count_operator=">=", count_threshold=100
    )
    for unit, value in ((unit_a, 150), (unit_b, 50)):
        record(unit, revenue, "2021-Y", value)
        record(unit, loans, "2021-Y", 1000)
        record(unit, bad, "2021-Y", 10)
        Plan.objects.create(unit=unit, indicator=revenue, year=2021, value=100)
    by_code = {figure.indicator_code: figure for figure in bloc_overview(period=Y)}
    units, plan = by_code["base_organisations"], by_code["revenue"]
    ratio, counted = by_code["npl_ratio"], by_code["revenue_100bn_units"]
    assert isinstance(units, OrganisationsFigure) and (units.base_committees, units.base_cells) == (1, 1)
    assert isinstance(plan, PlanFigure) and (plan.units_reached, plan.units_with_plan) == (1, 2)
    assert isinstance(ratio, RatioFigure) and (ratio.numerator, ratio.denominator) == (20, 2000)
    assert isinstance(counted, CountIfFigure) and (counted.count, counted.denominator) == (1, 2)
    assert type(indicator_figure(code="revenue", period=H1)) is Figure
