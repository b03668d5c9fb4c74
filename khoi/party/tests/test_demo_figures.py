"""The demo records reproduce the seed's Party-building figures, reporting's indicators are
counted from them (bloc_figures shows the same values), and the records obey the rules."""

import datetime as dt
import io
import itertools
import json
from decimal import Decimal

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


RECORD_COUNTED = ("party_admissions", "party_conversions", "party_quality_assessed")


def test_the_record_counted_indicators_are_not_on_the_standard_form_nor_under_a_typing_rule(party_demo):
    from khoi.reporting import catalogue
    from khoi.reporting.models import FormIndicator, IndicatorValue, ValidationRule

    form_codes = set(
        FormIndicator.objects.filter(form__code=catalogue.STANDARD_FORM["code"]).values_list(
            "indicator__code", flat=True
        )
    )
    assert "revenue" in form_codes and not form_codes & set(RECORD_COUNTED)
    assert not IndicatorValue.objects.filter(indicator__code__in=RECORD_COUNTED).exists()  # the demo types none
    for rule in ValidationRule.objects.filter(active=True):
        assert not any(code in rule.expression for code in RECORD_COUNTED), rule.code
    assert ValidationRule.objects.filter(code="budget-within-year", active=True).exists()


def test_the_migration_takes_the_indicators_off_every_form_and_back(party_demo):
    import importlib

    from django.apps import apps

    from khoi.reporting import catalogue
    from khoi.reporting.models import FormIndicator, Indicator, ReportForm, ValidationRule

    migration = importlib.import_module("khoi.reporting.migrations.0011_record_counted_off_forms")
    form = ReportForm.objects.get(code=catalogue.STANDARD_FORM["code"])
    migration.put_back(apps, None)
    assert FormIndicator.objects.filter(form=form, indicator__code__in=RECORD_COUNTED).count() == 3
    ValidationRule.objects.create(code="party-admissions-within-year", name="x", expression="party_admissions >= 0")
    migration.take_off(apps, None)
    assert not FormIndicator.objects.filter(indicator__code__in=RECORD_COUNTED).exists()
    assert not ValidationRule.objects.get(code="party-admissions-within-year").active
    assert Indicator.objects.filter(code__in=RECORD_COUNTED).count() == 3  # the figures stay


def test_the_demo_grades_members_within_the_quota_and_the_page_shows_their_shares(party_demo):
    from collections import Counter

    from django.test import Client
    from django.urls import reverse

    from khoi.accounts.models import User
    from khoi.party.models import Decision, Grade, Grading

    for decision in Decision.objects.filter(kind="grading", unit__isnull=False).prefetch_related("gradings"):
        counts = Counter(g.grade for g in decision.gradings.all())
        assert all(g.person_id and g.person.unit_id == decision.unit_id for g in decision.gradings.all())
        assert counts[Grade.EXCELLENT] <= rules.excellent_allowed(counts, Decimal(20))
    members = Counter(Grading.objects.filter(person__isnull=False, year=2020).values_list("grade", flat=True))
    assert members[Grade.EXCELLENT] > 0 and members[Grade.GOOD] > members[Grade.EXCELLENT]
    client = Client()
    client.force_login(User.objects.get(username="bantochuc"))
    page = client.get(reverse("party:index"), {"period": "2021-H1"}).content.decode()
    assert 'id="member-grades"' in page and "%" in page.split('id="member-grades"')[1]
