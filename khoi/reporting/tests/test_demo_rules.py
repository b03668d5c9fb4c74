"""The demo bloc keeps every rule it ships with: no form breaks a period rule, no unit's part of a
year exceeds its year, and the bloc's flow figures for the first half never exceed the year's."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from khoi.reporting import demo_figures
from khoi.reporting.models import Indicator, TimeAggregation, ValidationRule
from khoi.reporting.validation import rule_findings

pytestmark = pytest.mark.usefixtures("demo_bloc")


@pytest.mark.django_db
def test_every_active_rule_holds_over_all_the_demo_data():
    assert ValidationRule.objects.filter(code="budget-within-year", active=True).exists()
    assert rule_findings() == []


@pytest.mark.django_db
def test_the_check_rules_command_says_there_is_nothing_to_report():
    out = StringIO()
    call_command("check_rules", stdout=out)
    assert "Không có vi phạm nào." in out.getvalue()


@pytest.mark.django_db
def test_the_check_rules_command_fails_on_a_broken_rule():
    ValidationRule.objects.create(
        code="no-revenue", name="Không có doanh thu", expression="revenue <= 0", severity="error", message="Sai."
    )
    with pytest.raises(CommandError):
        call_command("check_rules", "--json", stdout=StringIO())
    ValidationRule.objects.filter(code="no-revenue").delete()


@pytest.mark.django_db
def test_first_half_flow_figures_and_counts_never_exceed_the_year_2021():
    def figures(period):
        out = StringIO()
        call_command("bloc_figures", "--period", period, "--json", stdout=out)
        return {f["code"]: f for f in json.loads(out.getvalue())["figures"]}

    half, year = figures("2021-H1"), figures("2021-Y")
    flows = set(
        Indicator.objects.filter(
            time_aggregation=TimeAggregation.FLOW, unit_aggregation__in=["sum", "count_if"]
        ).values_list("code", flat=True)
    )
    compared = [code for code in flows if half.get(code, {}).get("value") and year.get(code, {}).get("value")]
    assert {"revenue", "budget", "budget_1bn_units", "party_admissions"} <= set(compared)
    for code in compared:
        assert float(half[code]["value"]) <= float(year[code]["value"]), code


@settings(max_examples=80, deadline=None)
@given(
    data=st.dictionaries(
        st.sampled_from([f"DV{n:03d}" for n in range(1, 12)]),
        st.tuples(st.integers(0, 5000), st.integers(0, 5000)),
        min_size=2,
    )
)
def test_fit_within_keeps_the_total_and_every_bound(data):
    values = {key: Decimal(a) / 10 for key, (a, _cap) in data.items()}
    total = sum(values.values())
    upper = {key: Decimal(cap) / 10 for key, (_a, cap) in data.items()}
    if sum(upper.values()) < total:
        with pytest.raises(ValueError):
            demo_figures.fit_within(values, lower={}, upper=upper, places=1)
        return
    fitted = demo_figures.fit_within(values, lower={}, upper=upper, places=1)
    assert sum(fitted.values()) == total
    assert all(Decimal(0) <= fitted[key] <= upper[key] for key in values)
