"""The data-entry pages: each calls its service, shows the service's Vietnamese message on the form
and writes nothing on bad input; each answers 403 to a role that may not write, 404 out of scope."""

import datetime as dt

import pytest
from django.urls import reverse

from khoi.accounts.models import Department, Role
from khoi.accounts.tests.factories import make_user
from khoi.party.models import (
    AdmissionStep,
    CommitteeAppointment,
    Decision,
    DisciplineCase,
    Grading,
    Person,
    Review,
    Step,
)
from khoi.units.models import UnitKind
from khoi.units.tests.factories import make_unit

from .factories import admit, awareness_course, make_person, signed_in, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(organisation_user, leader_user, reporter_a, secretary_a):
    inspection = make_user("kiemtra", role=Role.STAFF, department=Department.INSPECTION)
    return {
        "board": signed_in(organisation_user),
        "secretary": signed_in(secretary_a),
        "leader": signed_in(leader_user),
        "reporter": signed_in(reporter_a),
        "inspection": signed_in(inspection),
    }


@pytest.fixture
def candidate(unit_a):
    person = make_person(unit_a, "Đỗ Thị Mai", dt.date(1998, 2, 3), gender="female")
    course = awareness_course(2025)
    step(person, Step.COURSE, course.ends_on, course=course)
    return person


def test_a_secretary_records_the_next_step_of_their_own_candidate(clients, candidate, secretary_a):
    url = reverse("party:step_create", args=[candidate.pk])
    page = clients["secretary"].get(url)
    assert page.status_code == 200
    assert 'name="introducer_1"' in page.content.decode() and 'name="votes_for"' not in page.content.decode()
    response = clients["secretary"].post(
        url, {"done_on": "2025-03-02", "introducer_1": "Trần Văn Bình", "introducer_2": "Lê Thị Cúc"}
    )
    assert response.status_code == 302
    row = AdmissionStep.objects.get(person=candidate, step=Step.APPLICATION)
    assert row.recorded_by == secretary_a and row.introducers == "Trần Văn Bình; Lê Thị Cúc"


def test_a_step_dated_before_the_previous_one_is_refused_on_the_form_and_nothing_written(clients, candidate):
    url = reverse("party:step_create", args=[candidate.pk])
    response = clients["secretary"].post(
        url, {"done_on": "2024-01-02", "introducer_1": "Trần Văn Bình", "introducer_2": "Lê Thị Cúc"}
    )
    assert response.status_code == 200
    assert "Ngày không được trước bước liền trước" in response.content.decode()
    assert not AdmissionStep.objects.filter(person=candidate, step=Step.APPLICATION).exists()
    one_introducer = clients["secretary"].post(url, {"done_on": "2025-03-02", "introducer_1": "Trần Văn Bình"})
    assert "hai đảng viên chính thức" in one_introducer.content.decode()
    assert not AdmissionStep.objects.filter(person=candidate, step=Step.APPLICATION).exists()


def test_step_pages_answer_404_out_of_scope_and_403_past_the_secretarys_steps(clients, candidate, unit_a, unit_b):
    other = make_person(unit_b, "Phan Văn Hải")
    assert clients["secretary"].get(reverse("party:step_create", args=[other.pk])).status_code == 404
    assert clients["leader"].get(reverse("party:step_create", args=[candidate.pk])).status_code == 404
    assert clients["reporter"].get(reverse("party:step_create", args=[candidate.pk])).status_code == 404
    admitted = admit(make_person(unit_a, "Vũ Văn Long"), dt.date(2025, 10, 6))  # next: the new members' course
    assert clients["secretary"].get(reverse("party:step_create", args=[admitted.pk])).status_code == 403
    assert clients["board"].get(reverse("party:step_create", args=[admitted.pk])).status_code == 200


def test_the_board_records_a_conversion_with_its_decision_number(clients, unit_a):
    from .factories import new_member_course

    person = admit(make_person(unit_a, "Hồ Văn Nam"), dt.date(2020, 3, 2))
    course = new_member_course(2020)
    step(person, Step.NEW_MEMBER_COURSE, dt.date(2020, 4, 1), course=course)
    step(person, Step.CONVERSION_VOTE, dt.date(2021, 3, 20), votes_for=8, votes_total=9)
    url = reverse("party:step_create", args=[person.pk])
    response = clients["board"].post(url, {"done_on": "2021-03-22", "decision_number": "977-QĐ/ĐUK"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.status == "full" and Decision.objects.filter(number="977-QĐ/ĐUK", kind="conversion").exists()


def test_a_new_candidate_page_refuses_the_same_person_twice(clients, unit_a, unit_b):
    url = reverse("party:person_create")
    data = {"unit": unit_a.pk, "full_name": "Nguyễn Thị Lan", "birth_date": "1997-04-05", "gender": "female"}
    assert clients["secretary"].post(url, data).status_code == 302
    again = clients["secretary"].post(url, {**data, "full_name": "nguyễn  thị lan"})
    assert "đã có trong tổ chức này" in again.content.decode()
    assert Person.objects.filter(unit=unit_a).count() == 1
    # Another organisation is not among the secretary's choices; leadership may not add anyone.
    assert clients["secretary"].post(url, {**data, "unit": unit_b.pk}).status_code == 200
    assert not Person.objects.filter(unit=unit_b).exists()
    assert clients["leader"].get(url).status_code == 403


@pytest.fixture
def ten_units(bloc):
    return [make_unit(bloc, kind=UnitKind.BASE_CELL, joined_on=dt.date(2000, 1, 1)) for _ in range(10)]


def test_the_board_grades_organisations_and_a_grade_above_the_binding_quota_is_shown_on_the_form(clients, ten_units):
    url = reverse("party:grading_organisations")
    assert clients["board"].get(url, {"year": 2023}).status_code == 200
    data = {"year": 2023, "decision_number": "988-QĐ/ĐUK", "signed_on": "2024-01-20"}
    data |= {f"g-{u.pk}": ("excellent" if i < 3 else "good") for i, u in enumerate(ten_units)}
    refused = clients["board"].post(url + "?year=2023", data)
    assert refused.status_code == 200 and "tối đa 2" in refused.content.decode()
    assert not Grading.objects.exists() and not Decision.objects.exists()
    data[f"g-{ten_units[2].pk}"] = "good"
    assert clients["board"].post(url + "?year=2023", data).status_code == 302
    assert Grading.objects.filter(year=2023, unit__isnull=False).count() == 10
    for name in ("secretary", "leader", "inspection"):
        assert clients[name].get(url).status_code == 403, name


def test_a_secretary_grades_their_members_and_not_another_organisations(clients, unit_a, unit_b):
    members = [admit(make_person(unit_a, n), dt.date(2020, 3, 2)) for n in ("Lê Văn An", "Bùi Thị Hà")]
    url = reverse("party:grading_members")
    page = clients["secretary"].get(url, {"unit": unit_a.pk, "year": 2021})
    assert page.status_code == 200 and "Bùi Thị Hà" in page.content.decode()
    data = {"unit": unit_a.pk, "year": 2021, "decision_number": "3-QĐ/ĐU", "signed_on": "2022-01-10"}
    data |= {f"g-{p.pk}": "good" for p in members}
    assert clients["secretary"].post(url, data).status_code == 302
    decision = Decision.objects.get(number="3-QĐ/ĐU")
    assert decision.unit == unit_a and decision.gradings.count() == 2
    assert clients["secretary"].get(url, {"unit": unit_b.pk}).status_code == 404
    assert clients["leader"].get(url).status_code == 403


def test_a_committee_change_with_two_secretaries_is_refused_and_the_page_is_the_boards(clients, unit_a):
    url = reverse("party:committee_create")
    data = {"unit": unit_a.pk, "decision_number": "912-QĐ/ĐUK", "signed_on": "2021-03-08"}
    two = {**data, "position_1": "secretary", "name_1": "Lê Văn A", "position_2": "secretary", "name_2": "Lê Văn B"}
    refused = clients["board"].post(url, two)
    assert refused.status_code == 200 and "chỉ có một bí thư" in refused.content.decode()
    assert not Decision.objects.exists()
    one = {**data, "position_1": "secretary", "name_1": "Lê Văn A", "position_2": "deputy", "name_2": "Lê Văn B"}
    assert clients["board"].post(url, one).status_code == 302
    assert CommitteeAppointment.objects.filter(unit=unit_a).count() == 2
    for name in ("secretary", "leader", "inspection"):
        assert clients[name].get(url).status_code == 403, name


def test_inspections_and_discipline_are_the_inspection_boards(clients, unit_a):
    review = reverse("party:review_create")
    data = {"kind": "inspection", "unit": unit_a.pk, "year": 2021, "subject": "Chấp hành Điều lệ", "planned": "on"}
    outside = clients["inspection"].post(review, {**data, "done_on": "2022-02-01"})
    assert outside.status_code == 200 and "ngoài năm kế hoạch" in outside.content.decode()
    assert not Review.objects.exists()
    assert clients["inspection"].post(review, {**data, "done_on": "2021-05-04"}).status_code == 302
    discipline = reverse("party:discipline_create")
    case = {"unit": unit_a.pk, "form": "reprimand", "decision_number": "5-QĐ/UBKTĐUK", "signed_on": "2021-09-15"}
    assert clients["inspection"].post(discipline, case).status_code == 302
    again = clients["inspection"].post(discipline, case)
    assert "đã được dùng" in again.content.decode() and DisciplineCase.objects.count() == 1
    for name in ("board", "secretary", "leader"):
        assert clients[name].get(review).status_code == 403, name
        assert clients[name].get(discipline).status_code == 403, name
