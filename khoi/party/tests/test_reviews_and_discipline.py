"""Inspection, supervision and discipline: bad input gives a Vietnamese message and writes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from khoi.party import services
from khoi.party.models import Decision, DisciplineCase, Review

pytestmark = pytest.mark.django_db


def test_a_review_of_an_unknown_kind_or_of_a_non_base_unit_is_refused(unit_a, bloc):
    with pytest.raises(ValidationError) as caught:
        services.review_record(kind="audit", year=2021, unit=unit_a, subject="Thu chi")
    assert "kiểm tra hoặc giám sát" in " ".join(caught.value.messages)
    with pytest.raises(ValidationError):
        services.review_record(kind="inspection", year=2021, unit=bloc, subject="Thu chi")
    assert not Review.objects.exists()


def test_a_disciplinary_case_needs_a_known_form_and_a_fresh_number(unit_a):
    with pytest.raises(ValidationError) as caught:
        services.discipline_record(
            unit=unit_a, form="fine", decision_number="1-QĐ/UBKT", signed_on=dt.date(2021, 5, 5), by=None
        )
    assert "hình thức kỷ luật" in " ".join(caught.value.messages)
    assert not Decision.objects.exists() and not DisciplineCase.objects.exists()
    services.discipline_record(
        unit=unit_a, form="warning", decision_number="1-QĐ/UBKT", signed_on=dt.date(2021, 5, 5), by=None
    )
    with pytest.raises(ValidationError):
        services.discipline_record(
            unit=unit_a, form="warning", decision_number="1 - qđ/ubkt", signed_on=dt.date(2021, 8, 5), by=None
        )
    assert DisciplineCase.objects.count() == 1
