"""The API's writes go through the same services and access rules as the pages: 201 with the row,
400 with the service's Vietnamese message and nothing written, 403 for a role that may not write,
404 out of scope — for each endpoint family."""

import datetime as dt

import pytest
from django.urls import reverse

from khoi.accounts.models import Department, Role
from khoi.accounts.tests.factories import make_user
from khoi.party import services
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

from .factories import admit, api_as, awareness_course, make_person, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def apis(organisation_user, leader_user, unit_a):
    secretary = make_user("bithu_a", role=Role.REPORTER, unit=unit_a)
    services.secretary_assign(user=secretary, unit=unit_a)
    inspection = make_user("kiemtra", role=Role.STAFF, department=Department.INSPECTION)
    return {
        "board": api_as(organisation_user),
        "secretary": api_as(secretary),
        "leader": api_as(leader_user),
        "inspection": api_as(inspection),
    }


def test_people_are_added_by_the_board_and_the_own_secretary(apis, unit_a, unit_b):
    url = reverse("party_api:people")
    data = {"unit": unit_a.pk, "full_name": "Ngô Thị Hoa", "birth_date": "1996-07-08", "gender": "female"}
    created = apis["secretary"].post(url, data, format="json")
    assert created.status_code == 201 and Person.objects.filter(unit=unit_a).count() == 1
    twice = apis["board"].post(url, {**data, "full_name": "NGÔ THỊ HOA"}, format="json")
    assert twice.status_code == 400 and "đã có trong tổ chức này" in twice.json()["full_name"][0]
    assert apis["secretary"].post(url, {**data, "unit": unit_b.pk}, format="json").status_code == 404
    assert apis["leader"].post(url, data, format="json").status_code == 403
    bad_id = apis["board"].post(url, {**data, "full_name": "Hồ Văn Sơn", "identity_number": "12345"}, format="json")
    assert bad_id.status_code == 400 and "12 chữ số" in bad_id.json()["identity_number"][0]
    assert Person.objects.count() == 1


def test_steps_through_the_api_keep_the_order_and_the_secretarys_limit(apis, unit_a, unit_b):
    person = make_person(unit_a)
    url = reverse("party_api:person_steps", args=[person.pk])
    out_of_order = apis["secretary"].post(url, {"step": 2, "done_on": "2025-03-02"}, format="json")
    assert out_of_order.status_code == 400 and "trước" in out_of_order.json()["step"][0]
    course = awareness_course(2025)
    unknown = apis["secretary"].post(url, {"step": 1, "done_on": "2025-03-02", "course": 999999}, format="json")
    assert unknown.status_code == 400 and "course" in unknown.json()
    ok = apis["secretary"].post(
        url, {"step": 1, "done_on": str(course.ends_on), "course": course.pk, "certificate_number": "12/GCN"},
        format="json",
    )  # fmt: skip
    assert ok.status_code == 201 and AdmissionStep.objects.filter(person=person).count() == 1
    assert apis["secretary"].post(url, {"step": 5, "done_on": "2025-06-02"}, format="json").status_code == 403
    other = make_person(unit_b, "Đặng Văn Quân")
    assert (
        apis["secretary"]
        .post(reverse("party_api:person_steps", args=[other.pk]), {"step": 1, "done_on": "2025-03-02"}, format="json")
        .status_code
        == 404
    )
    assert apis["leader"].post(url, {"step": 2, "done_on": "2025-03-02"}, format="json").status_code == 404


def test_a_decision_number_used_twice_in_a_year_is_refused_through_the_api(apis, unit_a):
    first = admit(make_person(unit_a, "Lê Văn An"), dt.date(2025, 3, 3))
    second = make_person(unit_a, "Lê Văn Bình")
    course = awareness_course(2024)
    step(second, Step.COURSE, course.ends_on, course=course)
    step(second, Step.APPLICATION, dt.date(2025, 1, 6), introducers=("Trần Văn Bình", "Lê Thị Cúc"))
    step(second, Step.CELL_VOTE, dt.date(2025, 1, 20), votes_for=9, votes_total=10)
    step(second, Step.BASE_PROPOSAL, dt.date(2025, 2, 3))
    used = first.steps.get(step=Step.DECISION).decision.number
    url = reverse("party_api:person_steps", args=[second.pk])
    response = apis["board"].post(url, {"step": 5, "done_on": "2025-05-05", "decision_number": used}, format="json")
    assert response.status_code == 400 and "đã được dùng" in response.json()["decision_number"][0]
    assert not second.steps.filter(step=Step.DECISION).exists()


def test_gradings_through_the_api(apis, bloc, unit_a, unit_b):
    units = [make_unit(bloc, kind=UnitKind.BASE_CELL) for _ in range(5)]
    url = reverse("party_api:grading_organisations")
    data = {"year": 2023, "decision_number": "909-QĐ/ĐUK", "signed_on": "2024-01-15"}
    over = apis["board"].post(url, {**data, "grades": {str(u.pk): "excellent" for u in units}}, format="json")
    assert over.status_code == 400 and "tối đa 1" in over.json()["grades"][0]
    assert not Grading.objects.exists()
    assert apis["secretary"].post(url, {**data, "grades": {str(units[0].pk): "good"}}, format="json").status_code == 403
    ok = apis["board"].post(url, {**data, "grades": {str(u.pk): "good" for u in units}}, format="json")
    assert ok.status_code == 201 and Grading.objects.count() == 5
    members_url = reverse("party_api:grading_members")
    member = admit(make_person(unit_a), dt.date(2020, 3, 2))
    own = {"year": 2021, "decision_number": "1-QĐ/ĐU", "signed_on": "2022-01-10", "grades": {str(member.pk): "good"}}
    assert apis["secretary"].post(members_url, {**own, "unit": unit_b.pk}, format="json").status_code == 404
    assert apis["leader"].post(members_url, {**own, "unit": unit_a.pk}, format="json").status_code == 403
    assert apis["secretary"].post(members_url, {**own, "unit": unit_a.pk}, format="json").status_code == 201
    assert Grading.objects.filter(person=member, year=2021).exists()


def test_committee_reviews_and_discipline_through_the_api(apis, unit_a):
    committees = reverse("party_api:committees")
    data = {"unit": unit_a.pk, "decision_number": "912-QĐ/ĐUK", "signed_on": "2021-03-08"}
    twice = [{"position": "secretary", "name": "Lê Văn A"}, {"position": "member", "name": "lê văn a"}]
    refused = apis["board"].post(committees, {**data, "appointments": twice}, format="json")
    assert refused.status_code == 400 and "hai lần" in refused.json()["appointments"][0]
    assert not Decision.objects.exists()
    assert apis["inspection"].post(committees, {**data, "appointments": twice[:1]}, format="json").status_code == 403
    assert apis["board"].post(committees, {**data, "appointments": twice[:1]}, format="json").status_code == 201
    assert CommitteeAppointment.objects.count() == 1
    reviews = reverse("party_api:reviews")
    review = {"kind": "supervision", "unit": unit_a.pk, "year": 2021, "subject": "  ", "done_on": "2021-04-01"}
    assert apis["inspection"].post(reviews, review, format="json").status_code == 400
    assert apis["board"].post(reviews, {**review, "subject": "Thu chi"}, format="json").status_code == 403
    assert (
        apis["inspection"].post(reviews, {**review, "unit": 999999, "subject": "Thu chi"}, format="json").status_code
        == 404
    )
    assert apis["inspection"].post(reviews, {**review, "subject": "Thu chi"}, format="json").status_code == 201
    assert Review.objects.count() == 1
    discipline = reverse("party_api:discipline")
    case = {"unit": unit_a.pk, "form": "warning", "decision_number": "2-QĐ/UBKT", "signed_on": "2021-06-01"}
    assert apis["leader"].post(discipline, case, format="json").status_code == 403
    assert apis["inspection"].post(discipline, {**case, "form": "fine"}, format="json").status_code == 400
    assert apis["inspection"].post(discipline, case, format="json").status_code == 201
    assert DisciplineCase.objects.count() == 1
