"""Personal records: the Organisation Board and the member's own secretary only; leadership sees
counts; every read logged. 403/404 for each page and API family."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from khoi.accounts.models import Department, Role
from khoi.accounts.tests.factories import make_user
from khoi.party.models import RecordRead

from .factories import admit, convert, make_person, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(unit_a, unit_b):
    own = admit(make_person(unit_a), dt.date(2025, 10, 6))
    other = admit(make_person(unit_b, "Phan Thị Hoa", gender="female"), dt.date(2025, 10, 6))
    converted = convert(admit(make_person(unit_a, "Lý Văn Sơn"), dt.date(2020, 3, 2)), dt.date(2021, 3, 20))
    return {"own": own, "other": other, "converted": converted}


@pytest.fixture
def clients(organisation_user, leader_user, staff_user, reporter_a, secretary_a):
    inspection = make_user("kiemtra", role=Role.STAFF, department=Department.INSPECTION)
    return {
        "board": signed_in(organisation_user),
        "secretary": signed_in(secretary_a),
        "leader": signed_in(leader_user),
        "office": signed_in(staff_user),
        "reporter": signed_in(reporter_a),
        "inspection": signed_in(inspection),
    }


def test_a_person_page_is_seen_by_the_board_and_the_own_secretary_only(people, clients):
    own, other = people["own"], people["other"]
    url = reverse("party:person_detail", args=[own.pk])
    assert clients["board"].get(url).status_code == 200
    assert clients["secretary"].get(url).status_code == 200
    for name in ("leader", "office", "reporter", "inspection"):
        assert clients[name].get(url).status_code == 404, name
    assert clients["secretary"].get(reverse("party:person_detail", args=[other.pk])).status_code == 404
    assert RecordRead.objects.filter(person=own).count() == 2
    assert not RecordRead.objects.filter(person=other).exists()


def test_anonymous_users_go_to_the_login_page(people):
    response = Client().get(reverse("party:person_detail", args=[people["own"].pk]))
    assert response.status_code == 302


def test_the_due_list_is_for_record_holders(people, clients):
    url = reverse("party:due_list")
    for name in ("leader", "office", "reporter"):
        assert clients[name].get(url).status_code == 403, name
        assert clients[name].get(reverse("party:due_list_excel")).status_code == 403
    board = clients["board"].get(url)
    assert board.status_code == 200
    assert people["own"].full_name in board.content.decode() and "Phan Thị Hoa" in board.content.decode()
    secretary = clients["secretary"].get(url)
    assert people["own"].full_name in secretary.content.decode()
    assert "Phan Thị Hoa" not in secretary.content.decode()
    # Another organisation's id answers 404 to the secretary.
    assert clients["secretary"].get(url, {"unit": people["other"].unit_id}).status_code == 404


def test_leadership_sees_counts_not_records(people, clients):
    response = clients["leader"].get(reverse("party:index"), {"period": "2025-Y"})
    assert response.status_code == 200
    assert people["own"].full_name not in response.content.decode()
    assert clients["reporter"].get(reverse("party:index")).status_code == 403


def test_decision_documents(people, clients):
    own, converted = people["own"], people["converted"]
    admission = reverse("party:person_decision", args=[own.pk, "admission"])
    response = clients["board"].get(admission)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert clients["leader"].get(admission).status_code == 404
    assert (
        clients["secretary"].get(reverse("party:person_decision", args=[converted.pk, "conversion"])).status_code == 200
    )
    assert clients["board"].get(reverse("party:person_decision", args=[converted.pk, "nonsense"])).status_code == 403


def test_api_people_scoped_by_the_same_selector(people, clients):
    url = reverse("party_api:people")
    board = clients["board"].get(url).json()
    assert {row["full_name"] for row in board["results"]} >= {"Nguyễn Văn An", "Phan Thị Hoa"}
    secretary = clients["secretary"].get(url).json()
    assert {row["full_name"] for row in secretary["results"]} == {"Nguyễn Văn An", "Lý Văn Sơn"}
    assert clients["leader"].get(url).json()["results"] == []
    detail = reverse("party_api:person", args=[people["other"].pk])
    assert clients["secretary"].get(detail).status_code == 404
    assert clients["leader"].get(detail).status_code == 404
    assert clients["board"].get(detail).status_code == 200
    assert RecordRead.objects.filter(person=people["other"], via="api").count() == 1
    assert Client().get(url).status_code == 401


def test_api_due_and_figures(people, clients):
    assert clients["leader"].get(reverse("party_api:due")).status_code == 403
    assert clients["secretary"].get(reverse("party_api:due")).status_code == 200
    figures = clients["leader"].get(reverse("party_api:figures"), {"period": "2021-H1"})
    assert figures.status_code == 200 and figures.json()["conversions"] == 1
    assert clients["reporter"].get(reverse("party_api:figures"), {"period": "2021-H1"}).status_code == 403
    assert clients["leader"].get(reverse("party_api:figures"), {"period": "xx"}).status_code == 400


def test_the_secretarys_home_page_reminds_of_members_due(people, clients, secretary_a):
    from django.utils import timezone

    own = people["own"]
    own.probation_ends_on = timezone.localdate()
    own.save(update_fields=["probation_ends_on"])
    panel = clients["secretary"].get(reverse("party:home_panel"))
    assert own.full_name in panel.content.decode()
    assert "Phan Thị Hoa" not in panel.content.decode()
    assert clients["leader"].get(reverse("party:home_panel")).content == b""
