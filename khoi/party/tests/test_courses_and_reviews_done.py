"""Course batches recorded by the Organisation Board, and a planned inspection or supervision marked
done later by the Inspection Board: pages and API call the services, a refusal is the service's
Vietnamese message with nothing written, 403 for a role that may not, 404 out of scope."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from khoi.accounts.models import Department, Role
from khoi.accounts.tests.factories import make_user
from khoi.core.navigation import navigation_for
from khoi.party import services
from khoi.party.models import CourseBatch, Review

from .factories import api_as, awareness_course, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(organisation_user, leader_user, unit_a):
    secretary = make_user("bithu_a", role=Role.REPORTER, unit=unit_a)
    services.secretary_assign(user=secretary, unit=unit_a)
    return {
        "board": organisation_user,
        "secretary": secretary,
        "leader": leader_user,
        "inspection": make_user("kiemtra", role=Role.STAFF, department=Department.INSPECTION),
    }


def _nav_urls(user):
    return {item["url"] for group in navigation_for(user) for item in group.items}


BATCH = {
    "kind": "awareness",
    "year": 2021,
    "number": 1,
    "starts_on": "2021-03-01",
    "ends_on": "2021-03-05",
    "place": "Trung tâm Chính trị",
}


@pytest.fixture
def planned(unit_a):
    return services.review_record(kind="inspection", year=2021, unit=unit_a, subject="Thu chi đảng phí")


# ---- Course batches -------------------------------------------------------------------------------


def test_the_board_creates_a_batch_and_sees_the_batches_of_that_year(users):
    client = signed_in(users["board"])
    url = reverse("party:course_batches")
    response = client.post(url, BATCH)
    assert response.status_code == 302 and response["Location"].endswith("?year=2021")
    batch = CourseBatch.objects.get()
    assert (batch.kind, batch.number, batch.place) == ("awareness", 1, "Trung tâm Chính trị")
    awareness_course(2020)
    page = client.get(url, {"year": 2021}).content.decode()
    assert "đợt 1-2021" in page and "đợt 1-2020" not in page
    assert "awareness" not in page.split('id="course-batches"')[1].split("</table>")[0]


def test_a_batch_starting_in_another_year_or_twice_is_refused_on_the_form_with_nothing_written(users):
    client = signed_in(users["board"])
    url = reverse("party:course_batches")
    response = client.post(url, {**BATCH, "starts_on": "2020-12-28"})
    assert response.status_code == 200
    assert "khai giảng trong năm 2021" in response.content.decode()
    assert not CourseBatch.objects.exists()
    client.post(url, BATCH)
    again = client.post(url, {**BATCH, "starts_on": "2021-06-01", "ends_on": "2021-06-05"})
    assert "Đợt lớp này đã có" in again.content.decode()
    assert CourseBatch.objects.count() == 1


def test_course_batches_are_the_boards_on_the_page_the_api_and_the_menu(users):
    url = reverse("party:course_batches")
    for name in ("secretary", "leader", "inspection"):
        assert signed_in(users[name]).get(url).status_code == 403, name
        assert signed_in(users[name]).post(url, BATCH).status_code == 403, name
        assert api_as(users[name]).post(reverse("party_api:courses"), BATCH, format="json").status_code == 403
        assert url not in _nav_urls(users[name]), name
    assert url in _nav_urls(users["board"])
    assert not CourseBatch.objects.exists()


def test_a_batch_through_the_api(users):
    api = api_as(users["board"])
    url = reverse("party_api:courses")
    bad = api.post(url, {**BATCH, "ends_on": "2021-02-01"}, format="json")
    assert bad.status_code == 400 and "trước ngày khai giảng" in str(bad.data)
    assert not CourseBatch.objects.exists()
    created = api.post(url, BATCH, format="json")
    assert created.status_code == 201 and created.data["id"] == CourseBatch.objects.get().pk


# ---- A planned review marked done ----------------------------------------------------------------


def test_a_planned_review_is_marked_done_once_within_its_year_and_not_in_the_future(planned):
    today = dt.date(2021, 6, 30)
    for done_on, words in [
        (dt.date(2021, 7, 1), "tương lai"),
        (dt.date(2020, 12, 31), "trước năm kế hoạch"),
    ]:
        with pytest.raises(ValidationError) as caught:
            services.review_mark_done(review=planned, done_on=done_on, today=today)
        assert words in " ".join(caught.value.messages)
    planned.refresh_from_db()
    assert planned.done_on is None
    services.review_mark_done(review=planned, done_on=dt.date(2021, 6, 2), today=today)
    with pytest.raises(ValidationError) as caught:
        services.review_mark_done(review=planned, done_on=dt.date(2021, 6, 3), today=today)
    assert "đã được ghi là hoàn thành (02/06/2021)" in " ".join(caught.value.messages)
    planned.refresh_from_db()
    assert planned.done_on == dt.date(2021, 6, 2)


def test_the_inspection_board_marks_a_planned_review_done_from_the_years_list(users, planned, unit_a):
    client = signed_in(users["inspection"])
    services.review_record(
        kind="supervision", year=2021, unit=unit_a, subject="Sinh hoạt chi bộ", done_on=dt.date(2021, 4, 1)
    )
    page = client.get(reverse("party:review_list"), {"year": 2021}).content.decode()
    done_url = reverse("party:review_done", args=[planned.pk])
    assert page.count("/done/") == 1 and done_url in page and "Thu chi đảng phí" in page
    assert "inspection" not in page.split('id="review-list"')[1]
    assert f"{reverse('party:review_list')}?year=2021" in client.get(done_url).content.decode()
    refused = client.post(done_url, {"done_on": "2020-05-05"})
    assert refused.status_code == 200 and "trước năm kế hoạch" in refused.content.decode()
    planned.refresh_from_db()
    assert planned.done_on is None
    response = client.post(done_url, {"done_on": "2021-05-05"})
    assert response.status_code == 302 and response["Location"].endswith("?year=2021")
    planned.refresh_from_db()
    assert planned.done_on == dt.date(2021, 5, 5)


def test_marking_done_is_the_inspection_boards_and_answers_404_out_of_scope(users, planned, bloc):
    url = reverse("party:review_done", args=[planned.pk])
    for name in ("board", "secretary", "leader"):
        assert signed_in(users[name]).post(url, {"done_on": "2021-05-05"}).status_code == 403, name
        assert signed_in(users[name]).get(reverse("party:review_list")).status_code == 403, name
        api_url = reverse("party_api:review_done", args=[planned.pk])
        assert api_as(users[name]).post(api_url, {"done_on": "2021-05-05"}, format="json").status_code == 403
        assert reverse("party:review_list") not in _nav_urls(users[name]), name
    assert reverse("party:review_list") in _nav_urls(users["inspection"])
    planned.refresh_from_db()
    assert planned.done_on is None
    stray = Review.objects.create(kind="inspection", year=2021, unit=bloc, subject="Khối")
    client = signed_in(users["inspection"])
    for pk in (stray.pk, 999999):
        assert client.get(reverse("party:review_done", args=[pk])).status_code == 404
        api_url = reverse("party_api:review_done", args=[pk])
        assert api_as(users["inspection"]).post(api_url, {"done_on": "2021-05-05"}, format="json").status_code == 404


def test_a_review_marked_done_through_the_api(users, planned):
    api = api_as(users["inspection"])
    url = reverse("party_api:review_done", args=[planned.pk])
    bad = api.post(url, {"done_on": "2022-01-03"}, format="json")
    assert bad.status_code == 400 and "ngoài năm kế hoạch" in str(bad.data)
    assert api.post(url, {"done_on": "2021-09-09"}, format="json").status_code == 200
    again = api.post(url, {"done_on": "2021-09-10"}, format="json")
    assert again.status_code == 400
    planned.refresh_from_db()
    assert planned.done_on == dt.date(2021, 9, 9)
