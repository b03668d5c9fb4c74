"""Writes of the marketplace. Every write path is one function here; each is one transaction.

Bad input raises django's ValidationError with a Vietnamese message naming the field; nothing is
written. Permission checks go through `access` (built on khoi.accounts.permissions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.accounts.permissions import AnyUser, is_committee_staff
from khoi.core.phones import InvalidPhone, parse_phone
from khoi.core.text import clean_text
from khoi.core.versioning import save_if_current
from khoi.units.models import Unit
from khoi.units.validation import normalize_tax_code

from . import access, ranking, scheduling
from .models import (
    Booking,
    Category,
    Conference,
    ConferenceStatus,
    Enterprise,
    Listing,
    ListingKind,
    ListingStatus,
    Meeting,
    MeetingRequest,
    Mou,
    MouStatus,
    MouStatusRecord,
    Participant,
    RequestStatus,
    SearchWord,
    Slot,
)

MIN_SLOT_MINUTES = 15
MAX_SLOTS = 40
MOU_AFTER_CONFERENCE = dt.timedelta(days=365)
STATUS_ORDER = [MouStatus.SIGNED, MouStatus.CONTRACTED, MouStatus.IN_USE, MouStatus.STOPPED]


# ---- Small checks ------------------------------------------------------------------------------


def clean_phone(value: str, *, field: str = "phone") -> str:
    """A Vietnamese phone number in E.164 ("+84912345678"), or "" when empty."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return parse_phone(value)
    except InvalidPhone:
        raise ValidationError(
            {field: _("Phone number “%(value)s” is not a valid Vietnamese number.") % {"value": value}}
        ) from None


def _clean_tax_code(value: str) -> str:
    try:
        code = normalize_tax_code(value)
    except ValidationError as error:
        raise ValidationError({"tax_code": error.messages}) from error
    if not code:
        raise ValidationError({"tax_code": _("An outside enterprise needs its tax code.")})
    return code


def _clean_regions(regions: Iterable[str]) -> str:
    cleaned = [region.strip().replace("|", " ") for region in regions if region and region.strip()]
    if not cleaned:
        raise ValidationError({"regions": _("Name at least one region served.")})
    return "|" + "|".join(dict.fromkeys(cleaned)) + "|"


def _require_open(conference: Conference) -> None:
    if conference.status == ConferenceStatus.CLOSED:
        raise ValidationError({"conference": _("The conference “%(title)s” is closed.") % {"title": conference.title}})


# ---- Enterprises -------------------------------------------------------------------------------


@transaction.atomic
def enterprise_for_unit(*, unit: Unit) -> Enterprise:
    """The marketplace party of a unit of the register (created on first use)."""
    enterprise, _created = Enterprise.objects.get_or_create(
        unit=unit,
        defaults={
            "name": unit.enterprise_name or unit.name,
            "tax_code": unit.tax_code,
            "province": unit.province,
            "search_text": ranking.normalise(f"{unit.enterprise_name or unit.name} {unit.short_name}"),
        },
    )
    return enterprise


@transaction.atomic
def enterprise_register_outside(
    *,
    actor: AnyUser | None,
    name: str,
    tax_code: str,
    province: str,
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
) -> Enterprise:
    """Register an enterprise outside the bloc (not a user: committee staff register it)."""
    if actor is not None:
        access.require_staff(actor)
    name = clean_text(name or "", multiline=False)
    if not name:
        raise ValidationError({"name": _("Enter the enterprise's name.")})
    code = _clean_tax_code(tax_code)
    if Unit.objects.filter(tax_code=code).exists():
        raise ValidationError({"tax_code": _("Tax code %(code)s belongs to a unit of the bloc.") % {"code": code}})
    if Enterprise.objects.filter(tax_code=code).exists():
        raise ValidationError(
            {"tax_code": _("An enterprise with tax code %(code)s is already registered.") % {"code": code}}
        )
    if not (province or "").strip():
        raise ValidationError({"province": _("Enter the province.")})
    return Enterprise.objects.create(
        name=name,
        tax_code=code,
        province=clean_text(province, multiline=False),
        contact_name=clean_text(contact_name, multiline=False),
        contact_phone=clean_phone(contact_phone, field="contact_phone"),
        contact_email=contact_email.strip(),
        search_text=ranking.normalise(name),
    )


# ---- Offers and needs --------------------------------------------------------------------------


def _search_fields(listing: Listing) -> None:
    category = listing.category
    field = category.field
    rest = " ".join(
        [category.name, field.name if field.pk != category.pk else "", listing.description, listing.enterprise.name]
    )
    listing.search_source = f"{listing.title} {rest}"
    listing.search_title = ranking.normalise(listing.title)[:200]
    listing.search_text = f"{listing.search_title} | {ranking.normalise(rest)}"
    search_words_add(texts=[listing.search_text])


def search_words_add(*, texts: Iterable[str]) -> None:
    """Add the words of listings' accent-free texts to the search vocabulary."""
    words = {word for text in texts for word in ranking.words(text) if ranking.MIN_TYPO_LENGTH <= len(word) <= 60}
    SearchWord.objects.bulk_create([SearchWord(word=word) for word in sorted(words)], ignore_conflicts=True)


LISTING_FIELDS = (
    "kind",
    "category",
    "title",
    "description",
    "contact_name",
    "contact_email",
    "valid_from",
    "valid_until",
)


def _apply_listing_fields(listing: Listing, fields: dict[str, Any]) -> None:
    unknown = set(fields) - {*LISTING_FIELDS, "regions", "contact_phone"}
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for name in LISTING_FIELDS:
        if name in fields:
            setattr(listing, name, fields[name])
    if "regions" in fields:
        listing.regions = _clean_regions(fields["regions"])
    if "contact_phone" in fields:
        listing.contact_phone = clean_phone(fields["contact_phone"], field="contact_phone")
    listing.title = (listing.title or "").strip()
    if not listing.title:
        raise ValidationError({"title": _("Enter a title.")})
    if listing.kind not in ListingKind.values:
        raise ValidationError({"kind": _("Choose offer or need.")})
    if not isinstance(listing.category, Category):
        raise ValidationError({"category": _("Choose a category.")})
    if listing.valid_from is None:
        raise ValidationError({"valid_from": _("Enter the date from which it is valid.")})
    if listing.valid_until is not None and listing.valid_until < listing.valid_from:
        raise ValidationError({"valid_until": _("The end of validity cannot be before its start.")})
    if not listing.regions:
        raise ValidationError({"regions": _("Name at least one region served.")})


@transaction.atomic
def listing_create(*, actor: AnyUser | None, enterprise: Enterprise, fields: dict[str, Any]) -> Listing:
    """Post an offer or a need. A reporter's post waits for moderation; staff posts are published."""
    if actor is not None:
        access.require_act_for(actor, enterprise)
    listing = Listing(enterprise=enterprise, in_bloc=enterprise.unit_id is not None)
    listing.created_by = actor if isinstance(actor, User) else None
    fields = dict(fields)
    fields.setdefault("valid_from", timezone.localdate())
    _apply_listing_fields(listing, fields)
    listing.status = ListingStatus.APPROVED if actor is None or is_committee_staff(actor) else ListingStatus.PENDING
    _search_fields(listing)
    listing.save()
    return listing


@transaction.atomic
def listing_update(
    *, actor: AnyUser, listing: Listing, fields: dict[str, Any], expected_version: int | None = None
) -> Listing:
    """Edit an offer or need; a reporter's edit sends it back to moderation. A stale edit (someone
    saved since `expected_version`) is refused and writes nothing."""
    access.require_act_for(actor, listing.enterprise)
    _apply_listing_fields(listing, fields)
    if not is_committee_staff(actor):
        listing.status = ListingStatus.PENDING
    _search_fields(listing)
    save_if_current(listing, expected_version=expected_version, actor=actor)
    return listing


@transaction.atomic
def listing_moderate(*, actor: AnyUser, listing: Listing, approve: bool, note: str = "") -> Listing:
    access.require_staff(actor)
    if not approve and not note.strip():
        raise ValidationError({"note": _("Say why the post is rejected.")})
    listing.status = ListingStatus.APPROVED if approve else ListingStatus.REJECTED
    listing.moderation_note = clean_text(note, multiline=False)
    listing.save(update_fields=["status", "moderation_note", "updated_at"])
    return listing


# ---- Conferences -------------------------------------------------------------------------------


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


# ---- Memoranda ---------------------------------------------------------------------------------


@transaction.atomic
def mou_create(
    *,
    actor: AnyUser | None,
    provider: Enterprise,
    customer: Enterprise,
    subject: str,
    category: Category,
    signed_on: dt.date,
    conference: Conference | None = None,
) -> Mou:
    if actor is not None and not (access.can_act_for(actor, provider) or access.can_act_for(actor, customer)):
        access.require_act_for(actor, customer)
    if provider.pk == customer.pk:
        raise ValidationError({"customer": _("A memorandum needs two different enterprises.")})
    if not subject.strip():
        raise ValidationError({"subject": _("Enter the subject of the memorandum.")})
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("A memorandum cannot be signed in the future.")})
    if conference is not None and not conference.date <= signed_on <= conference.date + MOU_AFTER_CONFERENCE:
        raise ValidationError(
            {
                "signed_on": _("A memorandum of the conference of %(date)s is signed on that day or within a year.")
                % {"date": conference.date.strftime("%d/%m/%Y")}
            }
        )
    if (
        conference is not None
        and not Participant.objects.filter(conference=conference, enterprise__in=[provider, customer]).count() == 2
    ):
        raise ValidationError({"conference": _("Both parties must take part in the conference.")})
    mou = Mou.objects.create(
        conference=conference,
        provider=provider,
        customer=customer,
        subject=subject.strip(),
        category=category,
        signed_on=signed_on,
    )
    MouStatusRecord.objects.create(
        mou=mou, status=MouStatus.SIGNED, on_date=signed_on, recorded_by=actor if isinstance(actor, User) else None
    )
    return mou


@transaction.atomic
def mou_record_status(
    *, actor: AnyUser | None, mou: Mou, status: str, on_date: dt.date, note: str = ""
) -> MouStatusRecord:
    """Follow-up: ký kết → có hợp đồng → đang sử dụng → dừng (steps may be skipped, never undone)."""
    if actor is not None and not (access.can_act_for(actor, mou.provider) or access.can_act_for(actor, mou.customer)):
        access.require_act_for(actor, mou.customer)
    if status not in MouStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if on_date > timezone.localdate():
        raise ValidationError({"on_date": _("A follow-up record cannot be dated in the future.")})
    last = MouStatusRecord.objects.filter(mou=mou).order_by("-on_date", "-id").first()
    if last is not None:
        if on_date < last.on_date:
            raise ValidationError({"on_date": _("The date cannot be before the last follow-up record.")})
        if STATUS_ORDER.index(MouStatus(status)) <= STATUS_ORDER.index(MouStatus(last.status)):
            raise ValidationError(
                {"status": _("The status cannot go back from “%(status)s”.") % {"status": MouStatus(last.status).label}}
            )
    return MouStatusRecord.objects.create(
        mou=mou,
        status=status,
        on_date=on_date,
        note=note.strip(),
        recorded_by=actor if isinstance(actor, User) else None,
    )
