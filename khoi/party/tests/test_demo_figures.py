"""The demo records reproduce the seed's Party-building figures, reporting's indicators are
counted from them (bloc_figures shows the same values), and the records obey the rules."""

import datetime as dt
import io
import itertools
import json

import pytest
from django.core.management import call_command

from khoi.party import rules, selectors
from khoi.party.models import AdmissionStep, Person, PersonStatus, Step
from khoi.reporting.periods import Period
from khoi.reporting.selectors import Scope, bloc_overview, scope_units

pytestmark = pytest.mark.django_db


def _figures(code: str):
    period = Period.parse(code)
    ids = list(scope_units(scope=Scope(), period=period).values_list("id", flat=True))
    return selectors.party_figures(start=period.start, end=period.end, unit_ids=ids)


def test_the_half_year_2021_figures_of_the_seed(party_demo):
    figures = _figures("2021-H1")
    assert (figures.admissions, figures.conversions) == (36, 70)
    assert figures.organisations_graded == 95
    assert figures.committees_changed == 4
    assert any("đợt 1-2021" in batch and "đảng viên mới" in batch for batch in figures.course_batches)
    assert sum(figures.grades.values()) == 95


@pytest.mark.parametrize(
    ("period", "admissions", "conversions"),
    [("2020-H1", 30, 62), ("2020-Y", 105, 120), ("2021-Y", 118, 131), ("2024-H1", 41, 66)],
)
def test_the_other_windows_keep_the_catalogues_figures(party_demo, period, admissions, conversions):
    figures = _figures(period)
    assert (figures.admissions, figures.conversions) == (admissions, conversions)


def test_reporting_counts_the_indicators_from_the_records(party_demo):
    for code in ("2021-H1", "2021-Y", "2024-H1"):
        by_code = {f.indicator_code: f for f in bloc_overview(period=Period.parse(code))}
        figures = _figures(code)
        assert by_code["party_admissions"].value == figures.admissions
        assert by_code["party_conversions"].value == figures.conversions
        assert by_code["party_quality_assessed"].value == figures.organisations_graded


def test_bloc_figures_and_party_figures_print_the_same(party_demo):
    out = io.StringIO()
    call_command("party_figures", "--period", "2021-H1", "--json", stdout=out)
    party = json.loads(out.getvalue())
    out = io.StringIO()
    call_command("bloc_figures", "--period", "2021-H1", "--json", stdout=out)
    bloc = {row["code"]: row for row in json.loads(out.getvalue())["figures"]}
    assert party["admissions"] == 36 and party["conversions"] == 70 and party["organisations_graded"] == 95
    assert party["committees_changed"] == 4
    assert bloc["party_admissions"]["value"] in ("36", "36.0000", 36)
    assert bloc["party_conversions"]["value"] in ("70", "70.0000", 70)
    text = io.StringIO()
    call_command("party_figures", "--period", "2021-H1", stdout=text)
    assert "Kết nạp mới: 36 đảng viên" in text.getvalue()
    assert "Kiện toàn cấp ủy: 4 đơn vị" in text.getvalue()


def test_every_demo_record_obeys_the_rules(party_demo):
    steps: dict[int, dict[int, AdmissionStep]] = {}
    for row in AdmissionStep.objects.select_related("decision", "course"):
        steps.setdefault(row.person_id, {})[row.step] = row
    for person in Person.objects.all():
        mine = steps[person.pk]
        ordered = [mine[s] for s in sorted(mine)]
        assert sorted(mine) == list(range(1, len(mine) + 1)), person  # no step skipped
        assert all(a.done_on <= b.done_on for a, b in itertools.pairwise(ordered)), person
        decided, ceremony = mine[Step.DECISION].done_on, mine[Step.CEREMONY].done_on
        assert ceremony <= rules.add_working_days(decided, 30)
        assert person.probation_ends_on == rules.add_months(ceremony, 12)
        if Step.CONVERSION in mine:
            assert mine[Step.CONVERSION].decision.signed_on >= person.probation_ends_on
            assert person.status == PersonStatus.FULL
        assert rules.identity_problem(person.identity_number, person.birth_date) is None
    assert Person.objects.filter(status=PersonStatus.PROBATIONARY, admitted_on__gte=dt.date(2025, 1, 1)).exists()
