"""Connection conferences: slots, registration, requests, answers, booking; bad input is refused
with a clear Vietnamese message and nothing is half-saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from khoi.marketplace import services
from khoi.marketplace.models import Booking, Enterprise, Meeting, MeetingRequest, Participant, RequestStatus


def test_slots_follow_the_chosen_length_and_break(conference):
    times = [(s.starts_at.strftime("%H:%M"), s.ends_at.strftime("%H:%M")) for s in conference.slots.order_by("index")]
    assert times == [("14:00", "14:20"), ("14:20", "14:40"), ("14:55", "15:15"), ("15:15", "15:35")]


def test_a_slot_shorter_than_fifteen_minutes_is_refused(db):
    with pytest.raises(ValidationError) as error:
        services.conference_create(
            actor=None, title="X", date=dt.date(2030, 1, 1), venue="Y", table_count=2,
            starts_at=dt.time(8, 0), slot_minutes=10, slot_count=3,
        )  # fmt: skip
    assert "ít nhất 15 phút" in str(error.value)


def test_an_outside_enterprise_with_a_bad_tax_code_is_not_registered(conference):
    with pytest.raises(ValidationError) as error:
        services.participant_register_outside(
            actor=None, conference=conference, name="Công ty A", tax_code="0100233480", province="Hà Nội"
        )
    assert "mã số thuế" in str(error.value).lower() or "Mã số thuế" in str(error.value)
    assert not Enterprise.objects.filter(name="Công ty A").exists()
    assert not Participant.objects.exists()


def test_an_outside_enterprise_registers_with_a_valid_tax_code(conference):
    participant = services.participant_register_outside(
        actor=None,
        conference=conference,
        name="Công ty B",
        tax_code="0100109106",
        province="Hà Nội",
        phone="0912 345 678",
    )
    assert participant.enterprise.tax_code == "0100109106"
    assert not participant.enterprise.in_bloc
    assert participant.phone == "+84912345678"


def test_a_request_to_oneself_is_refused(participant_a):
    with pytest.raises(ValidationError) as error:
        services.meeting_request_send(actor=None, requester=participant_a, recipient=participant_a)
    assert "chính mình" in str(error.value)
    assert not MeetingRequest.objects.exists()


def test_a_request_to_a_participant_of_another_conference_is_refused(participant_a, enterprise_b):
    other = services.conference_create(
        actor=None, title="Khác", date=dt.date(2030, 9, 1), venue="Z", table_count=1,
        starts_at=dt.time(8, 0), slot_minutes=20, slot_count=2,
    )  # fmt: skip
    stranger = services.participant_register(actor=None, conference=other, enterprise=enterprise_b)
    with pytest.raises(ValidationError) as error:
        services.meeting_request_send(actor=None, requester=participant_a, recipient=stranger)
    assert "không tham dự hội nghị này" in str(error.value)


def test_a_second_request_between_the_same_pair_is_refused(participant_a, participant_b):
    services.meeting_request_send(actor=None, requester=participant_a, recipient=participant_b)
    with pytest.raises(ValidationError):
        services.meeting_request_send(actor=None, requester=participant_b, recipient=participant_a)
    assert MeetingRequest.objects.count() == 1


def test_accepting_in_a_slot_books_both_participants_at_a_table(participant_a, participant_b):
    request = services.meeting_request_send(
        actor=None, requester=participant_a, recipient=participant_b, message="Chào"
    )
    services.meeting_request_answer(actor=None, request=request, accept=True, slot_index=2)
    meeting = Meeting.objects.get(request=request)
    assert meeting.slot.index == 2 and meeting.table_number == 1
    assert set(Booking.objects.values_list("participant_id", flat=True)) == {participant_a.pk, participant_b.pk}


def test_accepting_outside_a_participants_availability_saves_nothing(participant_a, participant_out):
    request = services.meeting_request_send(actor=None, requester=participant_a, recipient=participant_out)
    with pytest.raises(ValidationError) as error:
        services.meeting_request_answer(actor=None, request=request, accept=True, slot_index=4)
    assert "không tham dự khung giờ" in str(error.value)
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    assert not Meeting.objects.exists()


def test_a_slot_taken_meanwhile_fails_the_whole_answer(participant_a, participant_b, participant_out):
    first = services.meeting_request_send(actor=None, requester=participant_b, recipient=participant_a)
    second = services.meeting_request_send(actor=None, requester=participant_out, recipient=participant_a)
    services.meeting_request_answer(actor=None, request=first, accept=True, slot_index=1)
    with pytest.raises(ValidationError) as error:
        services.meeting_request_answer(actor=None, request=second, accept=True, slot_index=1)
    assert "đã có cuộc gặp" in str(error.value)
    assert participant_a.enterprise.name in str(error.value)  # who is busy, and since when
    assert "14:00" in str(error.value)
    second.refresh_from_db()
    assert second.status == RequestStatus.PENDING
    assert Meeting.objects.count() == 1


def test_the_tables_of_a_slot_fill_up_in_turn(conference, participant_a, participant_b, participant_out, enterprise_b):
    fourth = services.participant_register_outside(
        actor=None, conference=conference, name="Công ty D", tax_code="0100109106", province="Hà Nội"
    )
    r1 = services.meeting_request_send(actor=None, requester=participant_a, recipient=participant_b)
    r2 = services.meeting_request_send(actor=None, requester=participant_out, recipient=fourth)
    services.meeting_request_answer(actor=None, request=r1, accept=True, slot_index=1)
    services.meeting_request_answer(actor=None, request=r2, accept=True, slot_index=1)
    assert sorted(n or 0 for n in Meeting.objects.values_list("table_number", flat=True)) == [1, 2]


def test_nothing_can_be_requested_after_the_conference_closed(staff_user, conference, participant_a, participant_b):
    services.conference_close(actor=staff_user, conference=conference)
    with pytest.raises(ValidationError) as error:
        services.meeting_request_send(actor=None, requester=participant_a, recipient=participant_b)
    assert "đã kết thúc" in str(error.value)


def test_pending_requests_expire(participant_a, participant_b):
    request = services.meeting_request_send(actor=None, requester=participant_a, recipient=participant_b)
    assert services.meeting_requests_expire(now=timezone.now() + dt.timedelta(hours=73)) == 1
    request.refresh_from_db()
    assert request.status == RequestStatus.EXPIRED
    with pytest.raises(ValidationError):
        services.meeting_request_answer(actor=None, request=request, accept=True)


def test_an_expired_request_cannot_be_accepted_even_before_the_sweep(participant_a, participant_b):
    request = services.meeting_request_send(actor=None, requester=participant_a, recipient=participant_b)
    MeetingRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError) as error:
        services.meeting_request_answer(actor=None, request=request, accept=True)
    assert "hết hạn" in str(error.value)
    assert not Meeting.objects.exists()


def test_a_reporter_cannot_answer_for_another_unit(reporter_b, participant_a, participant_out):
    from django.core.exceptions import PermissionDenied

    request = services.meeting_request_send(actor=None, requester=participant_out, recipient=participant_a)
    with pytest.raises(PermissionDenied):
        services.meeting_request_answer(actor=reporter_b, request=request, accept=True)


def test_staff_scheduling_places_accepted_meetings_and_keeps_locked_ones(
    staff_user, conference, participant_a, participant_b, participant_out
):
    r1 = services.meeting_request_send(actor=None, requester=participant_a, recipient=participant_b)
    r2 = services.meeting_request_send(actor=None, requester=participant_a, recipient=participant_out)
    r3 = services.meeting_request_send(actor=None, requester=participant_b, recipient=participant_out)
    for request in (r1, r2, r3):
        services.meeting_request_answer(actor=None, request=request, accept=True)
    locked = Meeting.objects.get(request=r1)
    services.meeting_move(actor=staff_user, meeting=locked, slot_index=3, table_number=2)
    figures = services.conference_schedule(actor=staff_user, conference=conference)
    assert (figures["placed"], figures["unplaced"], figures["newly_placed"], figures["moved"]) == (3, 0, 2, 0)
    locked.refresh_from_db()
    assert (locked.slot.index, locked.table_number, locked.locked) == (3, 2, True)
    assert Meeting.objects.get(request=r2).slot.index != 4  # participant_out is away in slot 4
    assert Booking.objects.count() == 6


def test_a_reporter_may_not_press_schedule(reporter_a, conference):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.conference_schedule(actor=reporter_a, conference=conference)


def test_the_expiry_command_expires_overdue_requests(participant_a, participant_b):
    import io

    from django.core.management import call_command

    request = services.meeting_request_send(actor=None, requester=participant_a, recipient=participant_b)
    MeetingRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    out = io.StringIO()
    call_command("market_expire_requests", stdout=out)
    assert out.getvalue().strip() == "1 expired"
    request.refresh_from_db()
    assert request.status == RequestStatus.EXPIRED
