"""From each figure to the decisions behind it: the same period and organisations; the people's
names only for those who read the records."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from khoi.party import selectors, services
from khoi.party.models import GradingSubject

from .factories import admit, convert, make_person, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(unit_a, unit_b):
    admitted = admit(make_person(unit_a, "Trịnh Văn Khải"), dt.date(2021, 3, 1))
    converted = convert(
        admit(make_person(unit_b, "Mai Thị Oanh", gender="female"), dt.date(2020, 2, 3)), dt.date(2021, 2, 22)
    )
    services.grading_record(
        subject=GradingSubject.ORGANISATIONS, year=2020, decision_number="907-QĐ/ĐUK", signed_on=dt.date(2021, 1, 25),
        grades={unit_a.pk: "good", unit_b.pk: "completed"}, by=None,
    )  # fmt: skip
    services.committee_change_record(
        unit=unit_a, decision_number="915-QĐ/ĐUK", signed_on=dt.date(2021, 4, 12),
        appointments=[("secretary", "Cao Văn Tú")], by=None,
    )  # fmt: skip
    return {"admitted": admitted, "converted": converted}


def test_every_figure_has_as_many_rows_as_it_counts(records, unit_a, unit_b):
    start, end, ids = dt.date(2021, 1, 1), dt.date(2021, 6, 30), [unit_a.pk, unit_b.pk]
    figures = selectors.party_figures(start=start, end=end, unit_ids=ids)
    for figure, value in (
        ("admissions", figures.admissions),
        ("conversions", figures.conversions),
        ("organisations_graded", figures.organisations_graded),
        ("committees_changed", figures.committees_changed),
        ("courses_held", figures.courses_held),
    ):
        rows = selectors.figure_rows(figure=figure, start=start, end=end, unit_ids=ids, with_people=False)
        assert sum(row.count for row in rows) == value, figure
        assert all(row.person is None for row in rows)
    assert figures.admissions == 1 and figures.committees_changed == 1


def test_leadership_sees_the_decisions_numbers_and_dates_but_no_names(records, leader_user, organisation_user):
    url = reverse("party:figure_detail", args=["admissions"])
    leader = signed_in(leader_user).get(url, {"period": "2021-H1"}).content.decode()
    number = records["admitted"].steps.get(step=5).decision.number
    assert number in leader and "01/03/2021" in leader
    assert "Trịnh Văn Khải" not in leader
    board = signed_in(organisation_user).get(url, {"period": "2021-H1"}).content.decode()
    assert "Trịnh Văn Khải" in board
    graded = signed_in(leader_user).get(
        reverse("party:figure_detail", args=["organisations_graded"]), {"period": "2021-H1"}
    )
    assert "907-QĐ/ĐUK" in graded.content.decode()


def test_the_drill_down_is_for_those_who_read_figures(records, reporter_a, leader_user):
    url = reverse("party:figure_detail", args=["conversions"])
    assert signed_in(reporter_a).get(url).status_code == 403
    assert signed_in(reporter_a).get(reverse("party:person_list")).status_code == 403
    assert signed_in(leader_user).get(reverse("party:person_list")).status_code == 403
    assert signed_in(leader_user).get(reverse("party:figure_detail", args=["nonsense"])).status_code == 404
    assert Client().get(url).status_code == 302


def test_a_secretarys_drill_down_keeps_to_their_organisation(records, unit_a):
    from khoi.accounts.models import Role
    from khoi.accounts.tests.factories import make_user

    secretary = make_user("bithu_a", role=Role.REPORTER, unit=unit_a)
    services.secretary_assign(user=secretary, unit=unit_a)
    page = signed_in(secretary).get(reverse("party:figure_detail", args=["conversions"]), {"period": "2021-H1"})
    assert "Mai Thị Oanh" not in page.content.decode()


def test_the_drill_down_and_the_people_list_take_as_many_queries_for_five_rows_as_for_one(
    records, organisation_user, unit_a
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(organisation_user)

    def queries(url, **params):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, params).status_code == 200
        return len(captured)

    drill = reverse("party:figure_detail", args=["admissions"])
    people = reverse("party:person_list")
    before = (queries(drill, period="2021-H1"), queries(people, status="probationary"))
    for n, name in enumerate(("Lê Văn Bảo", "Lê Văn Cảnh", "Lê Văn Đạt", "Lê Văn Hiếu")):
        admit(make_person(unit_a, name), dt.date(2021, 4, 5 + n))
    assert (queries(drill, period="2021-H1"), queries(people, status="probationary")) == before


def test_the_people_list_filters_in_place_with_htmx_and_keeps_to_the_users_organisations(records, unit_a, unit_b):
    from khoi.accounts.models import Role
    from khoi.accounts.tests.factories import make_user

    secretary = make_user("bithu_a", role=Role.REPORTER, unit=unit_a)
    services.secretary_assign(user=secretary, unit=unit_a)
    client = signed_in(secretary)
    url = reverse("party:person_list")
    fragment = client.get(url, {"status": "probationary"}, headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith('<div id="people-rows">') and "Trịnh Văn Khải" in fragment
    assert "<html" not in fragment and "Mai Thị Oanh" not in client.get(url, {"status": "full"}).content.decode()
    assert client.get(url, {"unit": unit_b.pk}).status_code == 404
