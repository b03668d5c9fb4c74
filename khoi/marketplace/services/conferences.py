"""Writes of connection conferences: the conference, participants, meeting requests, slots, tables
and the schedule. One transaction each; bad input raises a ValidationError naming the field, and
nothing is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.accounts.permissions import AnyUser, is_committee_staff
from khoi.core.text import clean_text

from .. import access, scheduling
from ..models import (
    Booking,
    Conference,
    ConferenceStatus,
    Enterprise,
    Meeting,
    MeetingRequest,
    Participant,
    RequestStatus,
    Slot,
)
from .listings import _clean_tax_code, clean_phone, enterprise_register_outside

MIN_SLOT_MINUTES = 15
MAX_SLOTS = 40

# ---- Conferences -------------------------------------------------------------------------------


def _require_open(conference: Conference) -> None:
    if conference.status == ConferenceStatus.CLOSED:
        raise ValidationError({"conference": _("The conference “%(title)s” is closed.") % {"title": conference.title}})


@transaction.atomic
def conference_create(
    *,
    actor: AnyUser | None,
    title: str,
    date: dt.date,
    venue: str,
    table_count: int,
    starts_at: dt.time,
    slot_minutes: int,
    slot_count: int,
    breaks: Sequence[tuple[int, int]] = (),
    request_expiry_hours: int = 72,
) -> Conference:
    """A conference and its slots. `breaks` are (after slot number, minutes): a pause after that slot."""
    if actor is not None:
        access.require_staff(actor)
    if not title.strip():
        raise ValidationError({"title": _("Enter a title.")})
    if table_count < 1:
        raise ValidationError({"table_count": _("A conference needs at least one table.")})
    if slot_minutes < MIN_SLOT_MINUTES:
        raise ValidationError(
            {"slot_minutes": _("A slot lasts at least %(minutes)d minutes.") % {"minutes": MIN_SLOT_MINUTES}}
        )
    if not 1 <= slot_count <= MAX_SLOTS:
        raise ValidationError({"slot_count": _("Between 1 and %(max)d slots.") % {"max": MAX_SLOTS}})
    pauses = dict(breaks)
    if any(not 1 <= after < slot_count or minutes <= 0 for after, minutes in pauses.items()):
        raise ValidationError({"breaks": _("A break comes after a slot that is not the last, and lasts some minutes.")})
    conference = Conference.objects.create(
        title=title.strip(),
        date=date,
        venue=venue.strip(),
        table_count=table_count,
        slot_minutes=slot_minutes,
        request_expiry_hours=request_expiry_hours,
    )
    moment = dt.datetime.combine(date, starts_at)
    slots = []
    for index in range(1, slot_count + 1):
        end = moment + dt.timedelta(minutes=slot_minutes)
        if end.date() != date:
            raise ValidationError({"slot_count": _("The slots run past midnight.")})
        slots.append(Slot(conference=conference, index=index, starts_at=moment.time(), ends_at=end.time()))
        moment = end + dt.timedelta(minutes=pauses.get(index, 0))
    Slot.objects.bulk_create(slots)
    return conference


@transaction.atomic
def conference_close(*, actor: AnyUser, conference: Conference) -> Conference:
    access.require_staff(actor)
    conference.status = ConferenceStatus.CLOSED
    conference.save(update_fields=["status"])
    MeetingRequest.objects.filter(conference=conference, status=RequestStatus.PENDING).update(
        status=RequestStatus.EXPIRED
    )
    return conference


def _clean_unavailable(conference: Conference, unavailable: Iterable[int]) -> list[int]:
    indexes = set(conference.slots.values_list("index", flat=True))
    values = sorted({int(value) for value in unavailable})
    if any(value not in indexes for value in values):
        raise ValidationError({"unavailable_slots": _("Unknown slot number.")})
    return values


@transaction.atomic
def participant_register(
    *,
    actor: AnyUser | None,
    conference: Conference,
    enterprise: Enterprise,
    representative: str = "",
    phone: str = "",
    email: str = "",
    about: str = "",
    unavailable_slots: Iterable[int] = (),
) -> Participant:
    """Register an enterprise (of the bloc or outside it) for a conference."""
    if actor is not None:
        access.require_act_for(actor, enterprise)
    _require_open(conference)
    if Participant.objects.filter(conference=conference, enterprise=enterprise).exists():
        raise ValidationError({"enterprise": _("%(name)s is already registered.") % {"name": enterprise.name}})
    return Participant.objects.create(
        conference=conference,
        enterprise=enterprise,
        representative=clean_text(representative, multiline=False),
        phone=clean_phone(phone),
        email=email.strip(),
        about=clean_text(about, multiline=True),
        unavailable_slots=_clean_unavailable(conference, unavailable_slots),
    )


@transaction.atomic
def participant_register_outside(
    *,
    actor: AnyUser | None,
    conference: Conference,
    name: str,
    tax_code: str,
    province: str,
    representative: str = "",
    phone: str = "",
    email: str = "",
    about: str = "",
) -> Participant:
    """Register an outside enterprise and its participation at once (both or neither)."""
    _require_open(conference)
    code = _clean_tax_code(tax_code)
    enterprise = Enterprise.objects.filter(tax_code=code, unit__isnull=True).first()
    if enterprise is None:
        enterprise = enterprise_register_outside(
            actor=actor,
            name=name,
            tax_code=code,
            province=province,
            contact_name=representative,
            contact_phone=phone,
            contact_email=email,
        )
    return participant_register(
        actor=actor,
        conference=conference,
        enterprise=enterprise,
        representative=representative,
        phone=phone,
        email=email,
        about=about,
    )


@transaction.atomic
def participant_set_availability(*, actor: AnyUser, participant: Participant, unavailable_slots: Iterable[int]) -> None:
    access.require_act_for(actor, participant.enterprise)
    _require_open(participant.conference)
    values = _clean_unavailable(participant.conference, unavailable_slots)
    if Booking.objects.filter(participant=participant, slot__index__in=values).exists():
        raise ValidationError({"unavailable_slots": _("You already have a meeting in one of those slots.")})
    participant.unavailable_slots = values
    participant.save(update_fields=["unavailable_slots"])


# ---- Meeting requests --------------------------------------------------------------------------


@transaction.atomic
def meeting_request_send(
    *, actor: AnyUser | None, requester: Participant, recipient: Participant, message: str = ""
) -> MeetingRequest:
    if actor is not None:
        access.require_act_for(actor, requester.enterprise)
    conference = requester.conference
    _require_open(conference)
    if recipient.conference_id != requester.conference_id:
        raise ValidationError({"recipient": _("That enterprise does not take part in this conference.")})
    if recipient.pk == requester.pk or recipient.enterprise_id == requester.enterprise_id:
        raise ValidationError({"recipient": _("You cannot ask to meet yourself.")})
    if (
        MeetingRequest.objects.filter(requester=requester, recipient=recipient).exists()
        or MeetingRequest.objects.filter(requester=recipient, recipient=requester)
        .exclude(status__in=[RequestStatus.DECLINED, RequestStatus.EXPIRED])
        .exists()
    ):
        raise ValidationError({"recipient": _("There is already a meeting request between you.")})
    return MeetingRequest.objects.create(
        conference=conference,
        requester=requester,
        recipient=recipient,
        message=clean_text(message, multiline=True)[:2000],
        expires_at=timezone.now() + dt.timedelta(hours=conference.request_expiry_hours),
    )


@transaction.atomic
def meeting_request_answer(
    *, actor: AnyUser | None, request: MeetingRequest, accept: bool, slot_index: int | None = None
) -> MeetingRequest:
    """Accept (optionally in a chosen slot) or decline. A taken slot fails the whole answer."""
    request = MeetingRequest.objects.select_for_update().select_related("conference").get(pk=request.pk)
    recipient = Participant.objects.select_related("enterprise__unit").get(pk=request.recipient_id)
    if actor is not None:
        access.require_act_for(actor, recipient.enterprise)
    _require_open(request.conference)
    if request.status == RequestStatus.PENDING and request.expires_at <= timezone.now():
        raise ValidationError({"status": _("This request has expired.")})
    if request.status != RequestStatus.PENDING:
        raise ValidationError({"status": _("This request has already been answered.")})
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "responded_at"])
    if accept:
        try:
            with transaction.atomic():
                meeting = Meeting.objects.create(
                    conference=request.conference, request=request, first_id=request.requester_id, second=recipient
                )
        except IntegrityError as error:
            raise ValidationError({"status": _("This request has already been answered.")}) from error
        if slot_index is not None:
            _book(meeting, _slot(request.conference, slot_index))
            meeting.agreed = True
            meeting.save(update_fields=["agreed"])
    return request


def meeting_requests_expire(*, now: dt.datetime | None = None) -> int:
    """Pending requests past their time become expired; returns how many."""
    with transaction.atomic():
        return MeetingRequest.objects.filter(
            status=RequestStatus.PENDING, expires_at__lte=now or timezone.now()
        ).update(status=RequestStatus.EXPIRED)


# ---- Slots, tables and the schedule ------------------------------------------------------------


def _slot(conference: Conference, index: int) -> Slot:
    slot = Slot.objects.filter(conference=conference, index=index).first()
    if slot is None:
        raise ValidationError({"slot": _("The conference has no slot %(index)d.") % {"index": index}})
    return slot


def _book(meeting: Meeting, slot: Slot, table: int | None = None) -> None:
    """Put a meeting in a slot (and a table): the unique constraints settle any race."""
    first = Participant.objects.get(pk=meeting.first_id)
    second = Participant.objects.get(pk=meeting.second_id)
    for participant in (first, second):
        if slot.index in participant.unavailable_slots:
            raise ValidationError(
                {
                    "slot": _("%(name)s is not available at %(slot)s.")
                    % {"name": participant.enterprise.name, "slot": slot}
                }
            )
    conference = meeting.conference
    if table is not None and not 1 <= table <= conference.table_count:
        raise ValidationError({"table_number": _("The conference has no table %(table)d.") % {"table": table}})
    candidates = [table] if table is not None else list(range(1, conference.table_count + 1))
    used = set(
        Meeting.objects.filter(conference=conference, slot=slot)
        .exclude(pk=meeting.pk)
        .values_list("table_number", flat=True)
    )
    for candidate in [number for number in candidates if number not in used] or candidates[:1]:
        try:
            with transaction.atomic():
                Booking.objects.bulk_create(
                    [
                        Booking(participant=first, slot=slot, meeting=meeting),
                        Booking(participant=second, slot=slot, meeting=meeting),
                    ]
                )
                meeting.slot = slot
                meeting.table_number = candidate
                meeting.save(update_fields=["slot", "table_number"])
                return
        except IntegrityError:
            meeting.slot = None
            meeting.table_number = None
            taken = (
                Booking.objects.filter(participant__in=[first, second], slot=slot)
                .select_related("participant__enterprise")
                .first()
            )
            if taken is not None:
                raise ValidationError(
                    {
                        "slot": _("At %(slot)s %(name)s already has a meeting, booked %(when)s; choose another slot.")
                        % {
                            "slot": slot,
                            "name": taken.participant.enterprise.name,
                            "when": timezone.localtime(taken.booked_at).strftime("%H:%M %d/%m/%Y"),
                        }
                    }
                ) from None
    if table is not None:
        raise ValidationError({"table_number": _("Table %(table)d is taken in that slot.") % {"table": table}})
    raise ValidationError({"slot": _("No table is free in the slot %(slot)s.") % {"slot": slot}})


def _release(meeting: Meeting) -> None:
    Booking.objects.filter(meeting=meeting).delete()
    meeting.slot = None
    meeting.table_number = None
    meeting.save(update_fields=["slot", "table_number"])


@transaction.atomic
def meeting_book(*, actor: AnyUser, meeting: Meeting, slot_index: int) -> Meeting:
    """A participant (or staff) picks the slot of an accepted meeting."""
    meeting = Meeting.objects.select_for_update().select_related("conference").get(pk=meeting.pk)
    first = Participant.objects.select_related("enterprise__unit").get(pk=meeting.first_id)
    second = Participant.objects.select_related("enterprise__unit").get(pk=meeting.second_id)
    if not (access.can_act_for(actor, first.enterprise) or access.can_act_for(actor, second.enterprise)):
        access.require_act_for(actor, first.enterprise)
    _require_open(meeting.conference)
    if meeting.locked and not is_committee_staff(actor):
        raise ValidationError({"slot": _("The committee has locked this meeting.")})
    slot = _slot(meeting.conference, slot_index)
    _release(meeting)
    _book(meeting, slot)
    meeting.agreed = True
    meeting.save(update_fields=["agreed"])
    return meeting


@transaction.atomic
def meeting_move(*, actor: AnyUser, meeting: Meeting, slot_index: int, table_number: int, lock: bool = True) -> Meeting:
    """Staff move a meeting to a slot and table (and lock it there)."""
    access.require_staff(actor)
    meeting = Meeting.objects.select_for_update().select_related("conference").get(pk=meeting.pk)
    _require_open(meeting.conference)
    slot = _slot(meeting.conference, slot_index)
    old_slot, old_table = meeting.slot, meeting.table_number
    _release(meeting)
    _book(meeting, slot, table_number)
    meeting.locked = lock
    meeting.save(update_fields=["locked"])
    if (old_slot, old_table) != (meeting.slot, meeting.table_number):
        scheduling.agendas_changed(changes=[(meeting, old_slot, old_table)])
    return meeting


@transaction.atomic
def meeting_lock(*, actor: AnyUser, meeting: Meeting, locked: bool) -> Meeting:
    access.require_staff(actor)
    if locked and meeting.slot_id is None:
        raise ValidationError({"locked": _("Only a meeting with a slot and a table can be locked.")})
    meeting.locked = locked
    meeting.save(update_fields=["locked"])
    return meeting


def conference_schedule(*, actor: AnyUser | None, conference: Conference, replan: bool = False) -> dict[str, int]:
    """ "Xếp lịch": place the accepted meetings that have no agreed or locked place (see
    `scheduling`); each firm whose agenda changes gets a notice and a new agenda version."""
    plan = scheduling.schedule_apply(actor=actor, conference=conference, replan=replan)
    placed = Meeting.objects.filter(conference=conference, slot__isnull=False).count()
    return {
        "placed": placed,
        "unplaced": plan.unplaced,
        "newly_placed": plan.newly_placed,
        "moved": plan.moved,
        "firms_told": plan.firms_told,
        "idle_gaps": plan.idle_gaps,
    }
