"""The demo reproduces the seed 2024-07-10: nearly 200 participants, 39 memoranda, a valid
schedule, and the inter-use figure "tăng 125%" (essential services left out)."""

from __future__ import annotations

import datetime as dt

import pytest

from khoi.core.tests.once import rolled_back_after_module
from khoi.marketplace import demo, scheduler, selectors
from khoi.marketplace.models import Conference, Listing, Meeting, Mou, Participant


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup, django_db_blocker):
    from khoi.accounts import demo as accounts_demo
    from khoi.units import demo as units_demo

    with rolled_back_after_module(django_db_blocker):
        units_demo.load()
        accounts_demo.load()
        yield demo.load()


@pytest.fixture
def demo_loaded(demo_for_module, db):
    return demo_for_module


def test_the_demo_reproduces_the_seeds_figures_and_loads_once(demo_loaded):
    conference = Conference.objects.get(date=dt.date(2024, 7, 10))
    participants = Participant.objects.filter(conference=conference)
    assert 190 <= participants.count() <= 200
    assert participants.filter(enterprise__unit__isnull=True).values("enterprise__province").distinct().count() >= 6
    assert Mou.objects.filter(conference=conference).count() == 39
    assert Conference.objects.filter(date__year=2022).exists()
    assert 300 <= Listing.objects.count() <= 700
    figure = selectors.inter_use_figure(baseline=demo.BASELINE, on_date=dt.date(2024, 7, 10))
    assert (figure["baseline_count"], figure["count"]) == (16, 36)
    assert figure["change"] == "tăng 125%"
    assert demo.load() == "already loaded"


def test_the_demo_schedule_breaks_no_rule(demo_loaded):
    conference = Conference.objects.get(date=dt.date(2024, 7, 10))
    meetings = list(Meeting.objects.filter(conference=conference).select_related("slot"))
    specs = [scheduler.MeetingSpec(id=m.pk, first=m.first_id, second=m.second_id) for m in meetings]
    placements = {m.pk: (m.slot.index, m.table_number or 0) for m in meetings if m.slot}
    unavailable = {p.pk: set(p.unavailable_slots) for p in conference.participants.all()}
    slots = list(conference.slots.values_list("index", flat=True))
    assert len(placements) > 400
    assert (
        scheduler.conflicts(
            slots=slots, tables=conference.table_count, meetings=specs, placements=placements, unavailable=unavailable
        )
        == []
    )


def test_scheduling_the_demo_conference_moves_no_meeting_both_firms_agreed_on(demo_loaded):
    from khoi.accounts.models import User
    from khoi.marketplace import scheduling, services
    from khoi.marketplace.models import AgendaNotice, MeetingRequest, RequestStatus

    conference = Conference.objects.get(date=dt.date(2024, 7, 10))
    agreed = {m.pk: (m.slot_id, m.table_number) for m in Meeting.objects.filter(conference=conference, agreed=True)}
    assert len(agreed) > 50
    for request in MeetingRequest.objects.filter(conference=conference, status=RequestStatus.PENDING)[:20]:
        services.meeting_request_answer(actor=None, request=request, accept=True)
    notices = AgendaNotice.objects.count()
    plan = scheduling.schedule_plan(conference=conference, replan=True)
    assert not {change.meeting.pk for change in plan.changes} & set(agreed)
    assert AgendaNotice.objects.count() == notices  # the preview writes nothing
    staff = User.objects.get(username="vanphong")
    figures = services.conference_schedule(actor=staff, conference=conference, replan=True)
    assert figures["newly_placed"] >= 15
    after = {m.pk: (m.slot_id, m.table_number) for m in Meeting.objects.filter(pk__in=agreed)}
    assert after == agreed
    assert AgendaNotice.objects.count() > notices


def test_the_demo_lists_do_not_repeat_a_title_many_times(demo_loaded):
    from collections import Counter

    titles = Counter(Listing.objects.values_list("title", flat=True))
    assert max(titles.values()) <= 4, titles.most_common(3)
