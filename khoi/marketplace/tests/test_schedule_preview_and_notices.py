"""Scheduling says what it will change before it changes anything, keeps what firms agreed, and
tells each firm whose agenda changed; meeting requests show their status where they were made."""

from __future__ import annotations

import re

from khoi.marketplace import services
from khoi.marketplace.models import AgendaNotice, Meeting, Participant


def _accept(requester, recipient, slot=None):
    request = services.meeting_request_send(actor=None, requester=requester, recipient=recipient)
    services.meeting_request_answer(actor=None, request=request, accept=True, slot_index=slot)
    return Meeting.objects.get(request=request)


def test_the_preview_counts_the_changes_and_saves_nothing(
    staff_client, conference, participant_a, participant_b, participant_out
):
    agreed = _accept(participant_b, participant_a, slot=4)
    _accept(participant_a, participant_out)
    _accept(participant_b, participant_out)
    page = staff_client.get(f"/market/conferences/{conference.pk}/schedule/", {"preview": "1"}).content.decode()
    assert "Những gì xếp lịch sẽ thay đổi" in page
    figures = [int(n) for n in re.findall(r"<li><strong>(\d+)</strong>", page)]
    assert figures == [1, 2, 0, 0, 3]  # fixed, to place, to move, cannot place, firms told
    assert Meeting.objects.filter(slot__isnull=False).count() == 1
    assert not AgendaNotice.objects.exists()

    response = staff_client.post(f"/market/conferences/{conference.pk}/schedule/", {"replan": "1"})
    assert response.status_code == 302
    agreed.refresh_from_db()
    assert (agreed.slot.index, agreed.agreed) == (4, True)
    assert Meeting.objects.filter(slot__isnull=False).count() == 3
    participant_out.refresh_from_db()
    assert participant_out.agenda_version == 2
    assert AgendaNotice.objects.filter(participant=participant_out).count() == 2
    participant_b.refresh_from_db()
    assert participant_b.agenda_version == 2  # its agreed meeting stayed; its other one was placed


def test_a_staff_move_tells_both_firms(staff_user, participant_a, participant_b):
    meeting = _accept(participant_b, participant_a, slot=1)
    services.meeting_move(actor=staff_user, meeting=meeting, slot_index=3, table_number=2)
    for participant in (participant_a, participant_b):
        notice = AgendaNotice.objects.get(participant=participant)
        assert (notice.old_slot.index, notice.new_slot.index, notice.new_table) == (1, 3, 2)
        assert Participant.objects.get(pk=participant.pk).agenda_version == 2


def test_the_agenda_shows_its_version_and_the_committees_changes(
    reporter_a_client, staff_user, conference, participant_a, participant_b
):
    meeting = _accept(participant_b, participant_a, slot=1)
    services.meeting_move(actor=staff_user, meeting=meeting, slot_index=3, table_number=2)
    page = reporter_a_client.get(f"/market/conferences/{conference.pk}/participants/{participant_a.pk}/").content
    text = page.decode()
    assert "Phiên bản 2" in text
    assert "sang 14:55–15:15, bàn 2" in text


def test_a_sent_request_shows_its_status_instead_of_an_empty_form(
    reporter_a_client, conference, participant_a, participant_out
):
    url = f"/market/conferences/{conference.pk}/participants/{participant_out.pk}/"
    response = reporter_a_client.post(f"{url}request/", {"requester": participant_a.pk, "message": "Xin gặp"})
    assert response.status_code == 302
    page = reporter_a_client.get(url).content.decode()
    assert "Yêu cầu gặp của bạn" in page
    assert "Chờ" in page
    assert 'name="message"' not in page


def test_the_accept_list_leaves_out_slots_already_taken_in_ones_own_agenda(
    reporter_a_client, conference, participant_a, participant_b, participant_out
):
    _accept(participant_b, participant_a, slot=2)
    pending = services.meeting_request_send(actor=None, requester=participant_out, recipient=participant_a)
    page = reporter_a_client.get(f"/market/conferences/{conference.pk}/participants/{participant_a.pk}/").content
    form = re.search(rf'action="/market/requests/{pending.pk}/answer/".*?</form>', page.decode(), re.S).group(0)
    offered = re.findall(r'<option value="(\d+)"', form)
    assert offered == ["1", "3"]  # 2 is taken in its own agenda, 4 is when the other firm is away


def test_a_registered_firm_is_not_offered_to_register_again(reporter_a_client, conference, participant_a):
    page = reporter_a_client.get(f"/market/conferences/{conference.pk}/").content.decode()
    assert f"/market/conferences/{conference.pk}/register/" not in page


def test_the_api_says_what_scheduling_changed_and_which_meetings_were_agreed(
    staff_client, conference, participant_a, participant_b, participant_out
):
    _accept(participant_b, participant_a, slot=1)
    _accept(participant_a, participant_out)
    api = "/api/v1/marketplace"
    figures = staff_client.post(f"{api}/conferences/{conference.pk}/schedule/").json()
    assert (figures["placed"], figures["newly_placed"], figures["moved"], figures["firms_told"]) == (2, 1, 0, 2)
    meetings = staff_client.get(f"{api}/conferences/{conference.pk}/meetings/").json()
    assert sorted(m["agreed"] for m in meetings) == [False, True]
