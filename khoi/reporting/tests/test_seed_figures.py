"""Every figure of the seed articles, computed from the demo bloc's approved values through the
selectors (never from constants), rounded the way the articles round."""

from __future__ import annotations

from decimal import Decimal

import pytest

from khoi.core.formatting import format_number, format_percent
from khoi.reporting import demo, demo_figures, figure_text
from khoi.reporting.periods import Period
from khoi.reporting.selectors import (
    CountIfFigure,
    OrganisationsFigure,
    PlanFigure,
    Scope,
    bloc_overview,
    count_units_meeting,
    figure_drilldown,
    indicator_figure,
    plan_completion,
)

pytestmark = pytest.mark.usefixtures("demo_bloc")

H1_2021 = Period.parse("2021-H1")
Y_2021 = Period.parse("2021-Y")


def figure(code, period):
    return indicator_figure(code=code, period=period)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "value_text", "change_text"),
    [
        ("revenue", "14.167 tỷ đồng", "tăng 28,7%"),
        ("exports", "58 triệu USD", "tăng 129%"),
        ("budget", "711 tỷ đồng", "tăng 84,7%"),
        ("deposits", "57.763 tỷ đồng", "tăng 11,8%"),
        ("loans", "32.884 tỷ đồng", "tăng 13,9%"),
        ("party_admissions", "36 đảng viên", None),
        ("party_conversions", "70 đảng viên", None),
        ("party_quality_assessed", "95 tổ chức", None),
        ("social_welfare", "4,7 tỷ đồng", None),
        ("covid_fund", "1,3 tỷ đồng", None),
    ],
)
def test_first_half_of_2021_reproduces_the_mid_year_article(code, value_text, change_text):
    result = figure(code, H1_2021)
    assert figure_text.value_text(result) == value_text
    if change_text:
        assert figure_text.change_text(result) == change_text
    assert not result.includes_unapproved


@pytest.mark.django_db
def test_nearly_27000_workers_in_the_first_half_of_2021():
    workers = figure("workers", H1_2021).value
    assert Decimal(26_500) <= workers < Decimal(27_000)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "value_text", "change_text"),
    [
        ("revenue", "27.701 tỷ đồng", "tăng 7,7%"),
        ("budget", "975,9 tỷ đồng", "tăng 6,8%"),
        ("exports", "131 triệu USD", "tăng 79%"),
        ("deposits", "50.009 tỷ đồng", None),
        ("loans", "38.162 tỷ đồng", "tăng 22,3%"),
        ("npl_ratio", "0,78%", None),
        ("average_income", "9,9 triệu đồng/người/tháng", "tăng 10%"),
    ],
)
def test_year_2021_reproduces_the_year_end_article(code, value_text, change_text):
    result = figure(code, Y_2021)
    assert figure_text.value_text(result) == value_text
    if change_text:
        assert figure_text.change_text(result) == change_text


@pytest.mark.django_db
def test_68_enterprises_paid_at_least_1_bn_out_of_the_93_enterprises_of_2021():
    counted = count_units_meeting(code="budget", period=Y_2021, operator=">=", threshold=Decimal(1))
    assert (counted.count, counted.denominator) == (68, 93)
    assert counted.share_percent is not None and format_percent(counted.share_percent) == "73,1%"
    key = figure("budget_1bn_units", Y_2021)
    assert isinstance(key, CountIfFigure)
    assert key.value == 68 and key.denominator == 93
    assert key.share_percent is not None and format_percent(key.share_percent) == "73,1%"
    assert "93 doanh nghiệp" in key.definition


@pytest.mark.django_db
def test_38_units_reached_or_exceeded_their_2021_revenue_plan():
    completion = plan_completion(code="revenue", year=2021)
    assert completion.units_reached == 38
    assert all(row.plan_completion_percent >= 100 for row in completion.units)
    revenue = figure("revenue", Y_2021)
    assert isinstance(revenue, PlanFigure) and revenue.units_reached == 38


@pytest.mark.django_db
def test_2024_has_93_organisations_36_committees_57_cells_4272_members_over_25000_workers():
    period = Period.parse("2024-H1")
    units = figure("base_organisations", period)
    assert units.value == 93
    assert isinstance(units, OrganisationsFigure)
    assert (units.base_committees, units.base_cells) == (36, 57)
    assert figure_text.value_text(figure("party_members", period)) == "4.272 đảng viên"
    assert figure("workers", period).value > 25_000


@pytest.mark.django_db
def test_2021_counts_the_95_units_of_2021():
    assert figure("base_organisations", Y_2021).value == 95


@pytest.mark.django_db
def test_deposits_of_mid_year_and_year_end_are_never_added():
    mid, end = figure("deposits", H1_2021).value, figure("deposits", Y_2021).value
    assert (format_number(mid), format_number(end)) == ("57.763", "50.009")


@pytest.mark.django_db
def test_the_overview_holds_every_key_figure_and_drills_down_to_units_that_add_up():
    overview = {f.indicator_code: f for f in bloc_overview(period=H1_2021)}
    assert {"revenue", "exports", "budget", "deposits", "loans", "workers", "npl_ratio"} <= set(overview)
    rows = figure_drilldown(code="revenue", period=H1_2021)
    assert sum(row.value or 0 for row in rows) == overview["revenue"].value
    assert any(row.growth_percent is not None and row.growth_percent < 0 for row in rows), "some units decline"
    banks = figure_drilldown(code="deposits", period=H1_2021)
    assert len(banks) == 8


@pytest.mark.django_db
def test_scope_by_group_limits_the_figure_to_the_banks():
    banks = indicator_figure(code="revenue", period=H1_2021, scope=Scope(group_code="ngan-hang"))
    whole = figure("revenue", H1_2021)
    assert 0 < banks.value < whole.value and banks.units_expected == 8


@pytest.mark.django_db
def test_the_open_2024_round_counts_only_when_submitted_values_are_asked_for():
    period = Period.parse("2024-9M")
    approved = figure("revenue", period)
    with_submitted = indicator_figure(code="revenue", period=period, include_submitted=True)
    assert approved.units_reporting == 8
    assert with_submitted.units_reporting > approved.units_reporting
    assert with_submitted.includes_unapproved and not approved.includes_unapproved


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing():
    assert demo.load() == "already loaded"


def test_demo_generation_is_pure_and_deterministic():
    assert demo_figures.generate() == demo_figures.generate()
    assert demo_figures.generate_plans(demo_figures.generate()) == demo_figures.generate_plans(demo_figures.generate())
