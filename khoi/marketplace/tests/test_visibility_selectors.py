"""The MoU and meeting visibility rules are written once, as selectors (mou_list_visible,
meeting_list_visible) with their one-object checks in access; the pages and the API give the same
lists for every role."""

from __future__ import annotations

import datetime as dt

import pytest

from khoi.marketplace import access, selectors, services
from khoi.marketplace.models import Meeting, Mou
from khoi.marketplace.tests.conftest import category

API = "/api/v1/marketplace"
ROLES = [("staff_user", "staff_client"), ("leader_user", "leader_client"), ("reporter_a", "reporter_a_client"),
         ("reporter_b", "reporter_b_client")]  # fmt: skip


@pytest.fixture
def mous(enterprise_in, enterprise_b, enterprise_out) -> list[Mou]:
    pairs = [(enterprise_out, enterprise_in), (enterprise_b, enterprise_out), (enterprise_in, enterprise_b)]
    return [
        services.mou_create(
            actor=None,
            provider=provider,
            customer=customer,
            subject=f"Hợp tác {n}",
            category=category("logistics"),
            signed_on=dt.date(2024, 7, 10),
        )
        for n, (provider, customer) in enumerate(pairs)
    ]


@pytest.fixture
def meetings(participant_a, participant_b, participant_out) -> list[Meeting]:
    made = []
    for requester, recipient in ((participant_out, participant_a), (participant_out, participant_b)):
        request = services.meeting_request_send(actor=None, requester=requester, recipient=recipient)
        services.meeting_request_answer(actor=None, request=request, accept=True)
        made.append(Meeting.objects.get(request=request))
    return made


@pytest.mark.parametrize(("user_fixture", "client_fixture"), ROLES)
def test_memoranda_are_the_same_for_the_selector_the_check_the_page_and_the_api(
    request, mous, user_fixture, client_fixture
):
    user, client = request.getfixturevalue(user_fixture), request.getfixturevalue(client_fixture)
    visible = {mou.pk for mou in selectors.mou_list_visible(user=user)}
    assert visible == {mou.pk for mou in mous if access.can_see_mou(user, mou)}
    assert visible == {row["id"] for row in client.get(f"{API}/mous/").json()}
    page = client.get("/market/mous/")
    assert page.status_code == 200
    assert visible == {mou.pk for mou in page.context["mous"]}
    expected = {"staff_user": 3, "leader_user": 3, "reporter_a": 2, "reporter_b": 2}[user_fixture]
    assert len(visible) == expected


@pytest.mark.parametrize(("user_fixture", "client_fixture"), ROLES)
def test_meetings_are_the_same_for_the_selector_the_check_and_the_api(
    request, conference, meetings, user_fixture, client_fixture
):
    user, client = request.getfixturevalue(user_fixture), request.getfixturevalue(client_fixture)
    visible = {meeting.pk for meeting in selectors.meeting_list_visible(user=user, conference=conference)}
    assert visible == {meeting.pk for meeting in meetings if access.can_see_meeting(user, meeting)}
    assert visible == {row["id"] for row in client.get(f"{API}/conferences/{conference.pk}/meetings/").json()}
    expected = {"staff_user": 2, "leader_user": 2, "reporter_a": 1, "reporter_b": 1}[user_fixture]
    assert len(visible) == expected
