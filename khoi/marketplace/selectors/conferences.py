"""Reads of connection conferences (participants, requests, agendas, meetings) and of memoranda
with the inter-use figure. The visibility of meetings and memoranda is decided here, for pages and
API alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from khoi.accounts.permissions import AnyUser, is_member
from khoi.core.formatting import format_change, growth_percent
from khoi.units.models import UnitGroup
from khoi.units.scope import visible_units

from .. import ranking
from ..models import (
    USING_STATUSES,
    AgendaNotice,
    Booking,
    Conference,
    Meeting,
    MeetingRequest,
    Mou,
    MouStatusRecord,
    Participant,
    RequestStatus,
    Slot,
)
from .listings import enterprises_of_user

# The unit group of essential public services, left out of the inter-use figure.
ESSENTIAL_UNIT_GROUP = "cong-ich"

# ---- Conferences -------------------------------------------------------------------------------


def conference_list() -> QuerySet[Conference]:
    return Conference.objects.annotate(participant_count=Count("participants", distinct=True))


def participant_list(*, conference: Conference, query: str = "", in_bloc: bool | None = None) -> QuerySet[Participant]:
    participants = Participant.objects.filter(conference=conference).select_related("enterprise__unit")
    for word in ranking.words(query):
        participants = participants.filter(enterprise__search_text__contains=word)
    if in_bloc is not None:
        participants = participants.filter(enterprise__unit__isnull=not in_bloc)
    return participants


def participants_of_user(*, conference: Conference, user: AnyUser) -> list[Participant]:
    """The participants a reporter acts for in this conference (its unit's)."""
    if not is_member(user) or user.reads_all:
        return []
    return list(
        Participant.objects.filter(conference=conference, enterprise__unit__in=visible_units(user)).select_related(
            "enterprise__unit"
        )
    )


def request_list(*, participant: Participant) -> dict[str, list[MeetingRequest]]:
    related = ("requester__enterprise", "recipient__enterprise", "meeting__slot")
    return {
        "incoming": list(MeetingRequest.objects.filter(recipient=participant).select_related(*related)),
        "outgoing": list(MeetingRequest.objects.filter(requester=participant).select_related(*related)),
    }


def busy_slots(*, participants: list[Participant]) -> dict[int, set[int]]:
    """Slot numbers each participant cannot take: already booked, or declared unavailable."""
    busy: dict[int, set[int]] = {p.pk: set(p.unavailable_slots) for p in participants}
    for participant_id, index in Booking.objects.filter(participant__in=list(busy)).values_list(
        "participant_id", "slot__index"
    ):
        busy[participant_id].add(index)
    return busy


def requests_between(*, mine: list[Participant], other: Participant) -> list[MeetingRequest]:
    """The meeting requests between the user's participants and another one, either way."""
    ids = [p.pk for p in mine]
    return list(
        MeetingRequest.objects.filter(
            Q(requester_id__in=ids, recipient=other) | Q(recipient_id__in=ids, requester=other)
        ).select_related("meeting__slot", "requester__enterprise", "recipient__enterprise")
    )


def agenda_notices(*, participant: Participant, limit: int = 10) -> list[AgendaNotice]:
    return list(
        AgendaNotice.objects.filter(participant=participant).select_related(
            "partner__enterprise", "old_slot", "new_slot"
        )[:limit]
    )


def slot_list(*, conference: Conference) -> list[Slot]:
    return list(Slot.objects.filter(conference=conference).order_by("index"))


@dataclass(frozen=True)
class AgendaRow:
    slot: Slot
    meeting: Meeting | None
    partner: Participant | None
    unavailable: bool


def agenda_for_participant(*, participant: Participant) -> list[AgendaRow]:
    meetings = {
        m.slot_id: m
        for m in Meeting.objects.filter(
            Q(first=participant) | Q(second=participant), slot__isnull=False
        ).select_related("first__enterprise", "second__enterprise")
    }
    rows = []
    for slot in slot_list(conference=participant.conference):
        meeting = meetings.get(slot.pk)
        partner = None if meeting is None else (meeting.second if meeting.first_id == participant.pk else meeting.first)
        rows.append(
            AgendaRow(
                slot=slot, meeting=meeting, partner=partner, unavailable=slot.index in participant.unavailable_slots
            )
        )
    return rows


def agenda_for_table(*, conference: Conference, table_number: int) -> list[tuple[Slot, Meeting | None]]:
    meetings = {
        m.slot_id: m
        for m in Meeting.objects.filter(conference=conference, table_number=table_number).select_related(
            "first__enterprise", "second__enterprise"
        )
    }
    return [(slot, meetings.get(slot.pk)) for slot in slot_list(conference=conference)]


def meeting_list(*, conference: Conference) -> QuerySet[Meeting]:
    return Meeting.objects.filter(conference=conference).select_related(
        "slot", "first__enterprise", "second__enterprise"
    )


def meeting_list_visible(*, user: AnyUser, conference: Conference) -> QuerySet[Meeting]:
    """The meetings a user may see, for pages and API alike: every one for staff and leadership,
    a reporter's those where one side is an enterprise of its units (access.can_see_meeting for
    one meeting)."""
    meetings = meeting_list(conference=conference)
    if not is_member(user):
        return meetings.none()
    if user.reads_all:
        return meetings
    units = visible_units(user)
    return meetings.filter(Q(first__enterprise__unit__in=units) | Q(second__enterprise__unit__in=units))


def unplaced_meetings(*, participant: Participant) -> list[Meeting]:
    return list(
        Meeting.objects.filter(Q(first=participant) | Q(second=participant), slot__isnull=True).select_related(
            "first__enterprise", "second__enterprise"
        )
    )


def conference_figures(*, conference: Conference) -> dict[str, int]:
    requests = MeetingRequest.objects.filter(conference=conference)
    return {
        "participants": Participant.objects.filter(conference=conference).count(),
        "outside": Participant.objects.filter(conference=conference, enterprise__unit__isnull=True).count(),
        "requests": requests.count(),
        "accepted": requests.filter(status=RequestStatus.ACCEPTED).count(),
        "pending": requests.filter(status=RequestStatus.PENDING).count(),
        "placed": Meeting.objects.filter(conference=conference, slot__isnull=False).count(),
        "unplaced": Meeting.objects.filter(conference=conference, slot__isnull=True).count(),
        "mous": Mou.objects.filter(conference=conference).count(),
    }


# ---- Memoranda and the inter-use figure --------------------------------------------------------


def mou_list(*, conference: Conference | None = None) -> QuerySet[Mou]:
    mous = Mou.objects.select_related("provider", "customer", "category", "conference").prefetch_related(
        Prefetch("records", queryset=MouStatusRecord.objects.order_by("on_date", "id"))
    )
    return mous.filter(conference=conference) if conference is not None else mous


def mou_list_visible(*, user: AnyUser, conference: Conference | None = None) -> QuerySet[Mou]:
    """The memoranda a user may see, for pages and API alike: every one for staff and leadership,
    a reporter's those its units' enterprises signed, as provider or customer (access.can_see_mou
    for one memorandum)."""
    mous = mou_list(conference=conference)
    if not is_member(user):
        return mous.none()
    if user.reads_all:
        return mous
    own = enterprises_of_user(user)
    return mous.filter(Q(provider__in=own) | Q(customer__in=own))


def mou_status_on(mou: Mou, on_date: dt.date) -> str | None:
    """The status of a memorandum on a date (from its prefetched records), or None before signing."""
    status = None
    for record in mou.records.all():
        if record.on_date <= on_date:
            status = record.status
    return status


def inter_use_count(*, on_date: dt.date, exclude_essential: bool = True) -> int:
    """Bloc units using products or services of another bloc unit on a date (a contract made or in
    use). Essential services (categories flagged so, or providers in the public-utility group) may
    be left out, as the committee's figure does."""
    utility_units: set[int] = set()
    if exclude_essential:
        group = UnitGroup.objects.filter(code=ESSENTIAL_UNIT_GROUP).first()
        if group is not None:
            utility_units = set(group.members.values_list("id", flat=True))
    mous = mou_list().filter(provider__unit__isnull=False, customer__unit__isnull=False, signed_on__lte=on_date)
    users: set[int] = set()
    for mou in mous:
        if exclude_essential and (mou.category.essential or mou.provider.unit_id in utility_units):
            continue
        if mou_status_on(mou, on_date) in USING_STATUSES and mou.customer.unit_id is not None:
            users.add(mou.customer.unit_id)
    return len(users)


def inter_use_figure(*, baseline: dt.date, on_date: dt.date, exclude_essential: bool = True) -> dict[str, Any]:
    before = inter_use_count(on_date=baseline, exclude_essential=exclude_essential)
    now = inter_use_count(on_date=on_date, exclude_essential=exclude_essential)
    return {
        "baseline": baseline,
        "on_date": on_date,
        "exclude_essential": exclude_essential,
        "baseline_count": before,
        "count": now,
        "change_percent": growth_percent(now, before),
        "change": format_change(now, before, 0),
    }
