"""Concurrent accepts of the same slot cannot double-book: real parallel requests on PostgreSQL,
each thread with its own database connection; the unique constraints settle the race."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from khoi.marketplace import services
from khoi.marketplace.models import Booking, Meeting, MeetingRequest
from khoi.marketplace.tests.conftest import postgres_only

pytestmark = [*postgres_only, pytest.mark.django_db(transaction=True)]


def _accept_in_parallel(user, requests: list[MeetingRequest], slot: int) -> list[int]:
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = []
    lock = threading.Lock()

    def worker(request: MeetingRequest) -> None:
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=10)
            response = client.post(
                f"/api/v1/marketplace/requests/{request.pk}/answer/",
                {"accept": True, "slot": slot},
                content_type="application/json",
            )
            with lock:
                statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(request,)) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(statuses)


def test_two_accepts_for_the_same_participant_and_slot_book_only_one(
    staff_user, participant_a, participant_b, participant_out
):
    first = services.meeting_request_send(actor=None, requester=participant_b, recipient=participant_a)
    second = services.meeting_request_send(actor=None, requester=participant_out, recipient=participant_a)
    statuses = _accept_in_parallel(staff_user, [first, second], slot=1)
    assert statuses == [200, 400]
    assert Booking.objects.filter(participant=participant_a, slot__index=1).count() == 1
    assert Meeting.objects.count() == 1
    assert MeetingRequest.objects.filter(status="pending").count() == 1  # the loser is untouched


def test_two_accepts_of_different_pairs_in_one_slot_get_different_tables(
    staff_user, conference, participant_a, participant_b, participant_out
):
    fourth = services.participant_register_outside(
        actor=None, conference=conference, name="Công ty D", tax_code="0100109106", province="Hà Nội"
    )
    first = services.meeting_request_send(actor=None, requester=participant_a, recipient=participant_b)
    second = services.meeting_request_send(actor=None, requester=participant_out, recipient=fourth)
    statuses = _accept_in_parallel(staff_user, [first, second], slot=2)
    assert statuses == [200, 200]
    assert sorted(n or 0 for n in Meeting.objects.values_list("table_number", flat=True)) == [1, 2]
