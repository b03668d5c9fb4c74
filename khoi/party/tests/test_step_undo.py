"""A wrongly recorded step taken back: only the latest, by who may record it, with a reason, logged;
refused when another record rests on it; nothing written on a refusal; 403/404 as for recording."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from khoi.party import services
from khoi.party.models import AdmissionStep, Decision, Grading, PersonStatus, Step, StepUndo

from .factories import admit, api_as, awareness_course, convert, make_person, signed_in, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(unit_a):
    person = make_person(unit_a, "Đỗ Thị Mai", dt.date(1998, 2, 3), gender="female")
    course = awareness_course(2025)
    step(person, Step.COURSE, course.ends_on, course=course)
    step(person, Step.APPLICATION, dt.date(2025, 3, 2), introducers=("Trần Văn Bình", "Lê Thị Cúc"))
    return person


def test_a_secretary_undoes_the_latest_step_with_a_reason_that_is_logged(applicant, secretary_a):
    client = signed_in(secretary_a)
    url = reverse("party:step_undo", args=[applicant.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"step": Step.APPLICATION, "reason": "  Ghi nhầm\r\nngười giới thiệu  "})
    assert response.status_code == 302
    assert list(applicant.steps.values_list("step", flat=True)) == [Step.COURSE]
    log = StepUndo.objects.get()
    assert (log.step, log.reason, log.undone_by) == (Step.APPLICATION, "Ghi nhầm\nngười giới thiệu", secretary_a)
    page = client.get(reverse("party:person_detail", args=[applicant.pk])).content.decode()
    assert "Ghi nhầm<br>người giới thiệu" in page and 'id="undone-steps"' in page


def test_an_undo_without_a_reason_or_of_a_step_that_is_not_the_latest_is_refused(applicant, secretary_a):
    client = signed_in(secretary_a)
    url = reverse("party:step_undo", args=[applicant.pk])
    blank = client.post(url, {"step": Step.APPLICATION, "reason": " \u200b "})
    assert blank.status_code == 200 and "lý do" in blank.content.decode()
    stale = client.post(url, {"step": Step.COURSE, "reason": "Nhầm"})
    assert stale.status_code == 200 and "bước ghi sau cùng" in stale.content.decode()
    assert applicant.steps.count() == 2 and not StepUndo.objects.exists()


def test_undoing_the_ceremony_or_the_conversion_puts_the_status_back(unit_a, organisation_user):
    person = admit(make_person(unit_a), dt.date(2023, 3, 1))
    services.step_undo(person=person, step=Step.CEREMONY, reason="Sai ngày", by=organisation_user)
    person.refresh_from_db()
    assert (person.status, person.admitted_on, person.probation_ends_on) == (PersonStatus.CANDIDATE, None, None)
    other = convert(admit(make_person(unit_a, "Lê Văn Hòa"), dt.date(2022, 3, 1)), dt.date(2023, 3, 10))
    number = other.steps.get(step=Step.CONVERSION).decision.number
    services.step_undo(person=other, step=Step.CONVERSION, reason="Sai số quyết định", by=organisation_user)
    other.refresh_from_db()
    assert (other.status, other.full_member_on) == (PersonStatus.PROBATIONARY, None)
    assert not Decision.objects.filter(number=number).exists()
    assert StepUndo.objects.get(person=other).decision_number == number


def test_an_undo_is_refused_when_another_record_rests_on_the_step(unit_a, organisation_user):
    person = admit(make_person(unit_a), dt.date(2023, 3, 1))
    services.grading_record(
        subject="members",
        year=2023,
        decision_number="9-QĐ/ĐU",
        signed_on=dt.date(2024, 1, 10),
        grades={person.pk: "good"},
        issuer=unit_a,
        by=None,
    )
    with pytest.raises(ValidationError) as caught:
        services.step_undo(person=person, step=Step.CEREMONY, reason="Nhầm", by=organisation_user)
    assert "xếp loại" in " ".join(caught.value.messages)
    Grading.objects.all().delete()
    AdmissionStep.objects.filter(person=person, step=Step.CEREMONY).delete()
    other = make_person(unit_a, "Lê Văn Hòa")
    shared = person.steps.get(step=Step.DECISION).decision
    course = awareness_course(2022)
    step(other, Step.COURSE, course.ends_on, course=course)
    AdmissionStep.objects.filter(person=other).update(decision=shared)
    with pytest.raises(ValidationError) as caught:
        services.step_undo(person=person, step=Step.DECISION, reason="Nhầm", by=organisation_user)
    assert "Quyết định" in " ".join(caught.value.messages)
    assert person.steps.filter(step=Step.DECISION).exists() and not StepUndo.objects.exists()


def test_undo_is_refused_past_the_secretarys_steps_and_out_of_scope(unit_a, unit_b, secretary_a, leader_user):
    person = admit(make_person(unit_a), dt.date(2023, 3, 1))
    outsider = make_person(unit_b, "Phạm Thị Lan")
    course = awareness_course(2025)
    step(outsider, Step.COURSE, course.ends_on, course=course)
    data = {"step": Step.CEREMONY, "reason": "Nhầm"}
    assert signed_in(secretary_a).post(reverse("party:step_undo", args=[person.pk]), data).status_code == 403
    api = api_as(secretary_a)
    assert api.post(reverse("party_api:person_step_undo", args=[person.pk]), data, format="json").status_code == 403
    outside = {"step": Step.COURSE, "reason": "Nhầm"}
    assert signed_in(secretary_a).post(reverse("party:step_undo", args=[outsider.pk]), outside).status_code == 404
    url = reverse("party_api:person_step_undo", args=[outsider.pk])
    assert api.post(url, outside, format="json").status_code == 404
    assert signed_in(leader_user).get(reverse("party:step_undo", args=[person.pk])).status_code == 404
    assert person.steps.count() == 6 and outsider.steps.count() == 1 and not StepUndo.objects.exists()


def test_an_undo_through_the_api(applicant, organisation_user):
    api = api_as(organisation_user)
    url = reverse("party_api:person_step_undo", args=[applicant.pk])
    bad = api.post(url, {"step": Step.APPLICATION, "reason": "   "}, format="json")
    assert bad.status_code == 400 and applicant.steps.count() == 2
    done = api.post(url, {"step": Step.APPLICATION, "reason": "Nhập nhầm hồ sơ"}, format="json")
    assert done.status_code == 200 and done.data["id"] == StepUndo.objects.get().pk
    assert applicant.steps.count() == 1
