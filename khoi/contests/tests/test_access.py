"""403/404 for every endpoint family: staff pages, exports, the participant's pages, the API."""

import pytest
from django.test import Client
from django.urls import reverse

from khoi.core.phones import format_phone

STAFF_PAGES: list[tuple[str, list[int]]] = [
    ("contests:manage", []),
    ("contests:question_list", []),
    ("contests:question_create", []),
    ("contests:questions_export", []),
    ("contests:questions_import", []),
]


@pytest.fixture
def staff_urls(open_round, start_entry, bank, contest):
    entry = start_entry()
    question = bank.questions[bank.topics[0].pk][0]
    urls = [reverse(name, args=args) for name, args in STAFF_PAGES]
    urls += [
        reverse("contests:question_edit", args=[question.pk]),
        reverse("contests:round_entries", args=[open_round.pk]),
        reverse("contests:round_statistics", args=[open_round.pk]),
        reverse("contests:entry_detail", args=[entry.pk]),
        reverse("contests:contest_export", args=[contest.pk]),
    ]
    return urls


def test_anonymous_visitors_are_sent_to_sign_in_for_staff_pages(client, staff_urls):
    for url in staff_urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["office_client", "leader_client", "reporter_a_client"])
def test_staff_of_other_departments_leadership_and_reporters_get_403(request, who, staff_urls):
    client = request.getfixturevalue(who)
    for url in staff_urls:
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("who", ["propaganda_client", "contest_admin_client"])
def test_the_propaganda_board_and_admins_open_every_staff_page(request, who, staff_urls):
    client = request.getfixturevalue(who)
    for url in staff_urls:
        assert client.get(url).status_code == 200, url


def test_staff_objects_that_do_not_exist_are_404(propaganda_client):
    for name in (
        "contests:round_entries",
        "contests:round_statistics",
        "contests:entry_detail",
        "contests:contest_export",
    ):
        assert propaganda_client.get(reverse(name, args=[999999])).status_code == 404, name
    assert propaganda_client.get(reverse("contests:question_edit", args=[999999])).status_code == 404


def test_phones_in_full_only_for_the_propaganda_board(
    propaganda_client, office_client, client, open_round, start_entry, contest
):
    entry = start_entry(phone="0987 654 321")
    from khoi.contests import services

    services.entry_submit(entry=entry)
    entries_url = reverse("contests:round_entries", args=[open_round.pk])
    assert "+84987654321" in propaganda_client.get(entries_url).content.decode()
    assert (
        format_phone("+84987654321")
        in propaganda_client.get(reverse("contests:entry_detail", args=[entry.pk])).content.decode()
    )
    assert office_client.get(entries_url).status_code == 403
    public = client.get(reverse("contests:results", args=[contest.slug])).content.decode()
    assert "987654321" not in public and "0987 654 321" not in public


def test_unknown_or_unpublished_contests_and_unknown_tokens_are_404(
    client, contest, open_round, django_capture_on_commit_callbacks
):
    assert client.get(reverse("contests:landing", args=["khong-co"])).status_code == 404
    assert client.get(reverse("contests:attempt", args=["x" * 24])).status_code == 404
    assert client.post(reverse("contests:attempt_answer", args=["x" * 24]), {"q1": "A"}).status_code == 404
    assert client.post(reverse("contests:attempt_submit", args=["x" * 24])).status_code == 404
    assert client.get(reverse("contests:receipt", args=["x" * 24])).status_code == 404
    assert client.get(reverse("contests:round_count", args=[contest.slug, 99])).status_code == 404
    assert client.get(reverse("contests:landing", args=[contest.slug])).status_code == 200  # now kept by the process
    contest.is_published = False
    with django_capture_on_commit_callbacks(execute=True):  # as the staff's request commits
        contest.save()
    assert client.get(reverse("contests:landing", args=[contest.slug])).status_code == 404
    assert client.get(reverse("contests:results", args=[contest.slug])).status_code == 404


def test_public_posts_keep_csrf_protection(open_round, contest, unit_a):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("contests:entry_start", args=[contest.slug, open_round.number]), {"name": "A"})
    assert response.status_code == 403


def test_the_staff_api_needs_the_propaganda_board(client, office_client, propaganda_client, open_round):
    for name in ("contests_api:round_ranking", "contests_api:round_item_statistics"):
        url = reverse(name, args=[open_round.pk])
        assert client.get(url).status_code == 401  # anonymous: not authenticated
        assert office_client.get(url).status_code == 403
        assert propaganda_client.get(url).status_code == 200
        assert propaganda_client.get(reverse(name, args=[999999])).status_code == 404


def test_the_public_api_answers_404_for_unknown_rounds_and_tokens(client, db):
    assert client.get(reverse("contests_api:round", args=[999999])).status_code == 404
    assert (
        client.post(reverse("contests_api:entry_start", args=[999999]), {}, content_type="application/json").status_code
        == 404
    )
    assert (
        client.post(
            reverse("contests_api:entry_answers", args=["nope"]), {}, content_type="application/json"
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("contests_api:entry_submit", args=["nope"]), {}, content_type="application/json"
        ).status_code
        == 404
    )


def test_the_navigation_shows_contests_to_the_propaganda_board_only(propaganda_user, staff_user):
    from khoi.core.navigation import navigation_for

    def urls(user):
        return {item["url"] for group in navigation_for(user) for item in group.items}

    assert {reverse("contests:manage"), reverse("contests:question_list")} <= urls(propaganda_user)
    assert reverse("contests:manage") not in urls(staff_user)
