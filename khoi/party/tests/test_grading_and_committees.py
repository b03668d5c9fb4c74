"""Annual grading with the quota in force, committee changes; refusals write nothing."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from khoi.party import selectors, services
from khoi.party.models import CommitteeAppointment, Decision, Grading, GradingSubject
from khoi.units.models import UnitKind
from khoi.units.tests.factories import make_unit

from .factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def ten_units(bloc):
    return [make_unit(bloc, kind=UnitKind.BASE_CELL) for _ in range(10)]


def _grades(units, excellent):
    return {u.pk: ("excellent" if i < excellent else "good") for i, u in enumerate(units)}


def test_the_rules_in_force_are_data_with_their_legal_basis():
    assert "124-QĐ/TW" in selectors.grading_rule_for(year=2023).legal_basis
    assert selectors.grading_rule_for(year=2023).binding
    old = selectors.grading_rule_for(year=2020)
    assert "132-QĐ/TW" in old.legal_basis and not old.binding
    assert selectors.grading_rule_for(year=2025).excellent_cap_percent is None
    ceremony = selectors.deadline_rule_on(kind="ceremony_deadline", on=dt.date(2021, 1, 1))
    assert (ceremony.amount, ceremony.unit) == (30, "working_days")


def test_a_grade_above_a_binding_quota_is_refused_and_nothing_written(ten_units):
    with pytest.raises(ValidationError) as caught:
        services.grading_record(
            subject=GradingSubject.ORGANISATIONS,
            year=2023,
            decision_number="88-QĐ/ĐUK",
            signed_on=dt.date(2024, 1, 20),
            grades=_grades(ten_units, 3),
            by=None,
        )
    assert "tối đa 2" in " ".join(caught.value.messages)
    assert not Decision.objects.exists() and not Grading.objects.exists()
    result = services.grading_record(
        subject=GradingSubject.ORGANISATIONS,
        year=2023,
        decision_number="88-QĐ/ĐUK",
        signed_on=dt.date(2024, 1, 20),
        grades=_grades(ten_units, 2),
        by=None,
    )
    assert result.warnings == [] and Grading.objects.count() == 10


def test_an_unconfirmed_quota_only_warns(ten_units):
    result = services.grading_record(
        subject=GradingSubject.ORGANISATIONS,
        year=2020,
        decision_number="15-QĐ/ĐUK",
        signed_on=dt.date(2021, 1, 20),
        grades=_grades(ten_units, 4),
        by=None,
    )
    assert result.warnings and "132-QĐ/TW" in result.warnings[0]
    assert Grading.objects.filter(grade="excellent").count() == 4


def test_an_organisation_is_graded_once_a_year(ten_units):
    kwargs: dict[str, Any] = {
        "subject": GradingSubject.ORGANISATIONS,
        "year": 2020,
        "signed_on": dt.date(2021, 1, 20),
        "by": None,
    }
    services.grading_record(decision_number="15-QĐ/ĐUK", grades=_grades(ten_units[:5], 0), **kwargs)
    with pytest.raises(ValidationError):
        services.grading_record(decision_number="16-QĐ/ĐUK", grades=_grades(ten_units[4:], 0), **kwargs)
    assert Grading.objects.count() == 5 and Decision.objects.count() == 1


def test_members_are_graded_by_their_own_organisation(unit_a, unit_b):
    own = make_person(unit_a)
    other = make_person(unit_b, "Hoàng Văn Giang")
    kwargs: dict[str, Any] = {
        "subject": GradingSubject.MEMBERS,
        "year": 2023,
        "signed_on": dt.date(2024, 1, 5),
        "by": None,
    }
    with pytest.raises(ValidationError):
        services.grading_record(
            decision_number="3-QĐ/ĐU", grades={own.pk: "good", other.pk: "good"}, issuer=unit_a, **kwargs
        )
    services.grading_record(decision_number="3-QĐ/ĐU", grades={own.pk: "good"}, issuer=unit_a, **kwargs)
    # another issuer may use the same number
    services.grading_record(decision_number="3-QĐ/ĐU", grades={other.pk: "completed"}, issuer=unit_b, **kwargs)
    assert Grading.objects.count() == 2


def test_a_committee_change(unit_a):
    decision = services.committee_change_record(
        unit=unit_a,
        decision_number="201-QĐ/ĐUK",
        signed_on=dt.date(2021, 4, 2),
        appointments=[("secretary", "Phạm Văn Hải"), ("deputy", "Ngô Thị Lan"), ("member", "Bùi Văn Minh")],
        by=None,
    )
    assert decision.appointments.count() == 3
    for bad in (
        [("secretary", "A Văn B"), ("secretary", "C Văn D")],
        [("member", "Phan Văn Nam"), ("deputy", "phan  văn nam")],
        [("chief", "Phan Văn Nam")],
        [],
    ):
        with pytest.raises(ValidationError):
            services.committee_change_record(
                unit=unit_a, decision_number="202-QĐ/ĐUK", signed_on=dt.date(2021, 4, 3), appointments=bad, by=None
            )
    assert CommitteeAppointment.objects.count() == 3 and Decision.objects.count() == 1


def test_inspections_supervisions_and_discipline_are_counted(unit_a, unit_b):
    services.review_record(
        kind="inspection", year=2021, unit=unit_a, subject="Chấp hành Điều lệ", done_on=dt.date(2021, 3, 2)
    )
    services.review_record(
        kind="supervision", year=2021, unit=unit_b, subject="Sinh hoạt chi bộ", done_on=dt.date(2021, 8, 2)
    )
    services.review_record(kind="supervision", year=2021, unit=unit_b, subject="Kế hoạch chưa làm")
    with pytest.raises(ValidationError):
        services.review_record(
            kind="inspection", year=2021, unit=unit_a, subject="Sai năm", done_on=dt.date(2022, 1, 5)
        )
    services.discipline_record(
        unit=unit_a, form="reprimand", decision_number="5-QĐ/UBKTĐUK", signed_on=dt.date(2021, 5, 4), by=None
    )
    half = selectors.party_figures(start=dt.date(2021, 1, 1), end=dt.date(2021, 6, 30), unit_ids=[unit_a.pk, unit_b.pk])
    year = selectors.party_figures(
        start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31), unit_ids=[unit_a.pk, unit_b.pk]
    )
    assert (half.inspections, half.supervisions, half.discipline_cases) == (1, 0, 1)
    assert (year.inspections, year.supervisions) == (1, 1)
    committees = selectors.party_figures(start=dt.date(2021, 1, 1), end=dt.date(2021, 6, 30), unit_ids=[unit_b.pk])
    assert committees.discipline_cases == 0  # another organisation's case is not counted
