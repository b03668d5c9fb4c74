""" "Xếp lịch" without surprises: what the scheduler would change (a read, shown to staff first), and
applying it (a write, one transaction) with a notice and a new agenda version for each firm whose
agenda changed.

Fixed, never moved: meetings whose two firms agreed on a slot (`Meeting.agreed`), meetings the
committee locked, and, unless staff ask to re-plan them, meetings an earlier run already placed
(their agendas may be printed). The scheduler places the rest around them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.accounts.permissions import AnyUser

from . import access, scheduler
from .models import AgendaNotice, Booking, Conference, ConferenceStatus, Meeting, Participant, Slot

Place = tuple[int, int]  # (slot index, table)


@dataclass(frozen=True)
class PlannedChange:
    meeting: Meeting
    old: Place | None
    new: Place | None
    old_slot: Slot | None = None
    new_slot: Slot | None = None


@dataclass
class SchedulePlan:
    """What "Xếp lịch" would do. `changes` lists only the meetings whose place would change."""

    conference: Conference
    replan: bool
    fixed: int = 0  # agreed, locked or (unless re-planning) already placed
    kept: int = 0  # placed now and staying where they are
    changes: list[PlannedChange] = field(default_factory=list)
    unplaced: int = 0
    idle_gaps: int = 0
    slots: dict[int, Slot] = field(default_factory=dict)

    @property
    def newly_placed(self) -> int:
        return sum(1 for change in self.changes if change.old is None and change.new is not None)

    @property
    def moved(self) -> int:
        return sum(1 for change in self.changes if change.old is not None and change.new is not None)

    @property
    def taken_out(self) -> int:
        return sum(1 for change in self.changes if change.old is not None and change.new is None)

    @property
    def firms_told(self) -> int:
        return len({p for change in self.changes for p in (change.meeting.first_id, change.meeting.second_id)})


def is_fixed(meeting: Meeting, *, replan: bool) -> bool:
    if meeting.slot_id is None or not meeting.table_number:
        return False
    return meeting.agreed or meeting.locked or not replan


def schedule_plan(*, conference: Conference, replan: bool = False) -> SchedulePlan:
    """Run the scheduler on the conference as it stands and say what would change; writes nothing."""
    meetings = list(
        Meeting.objects.filter(conference=conference).select_related("slot", "first__enterprise", "second__enterprise")
    )
    slots = {slot.index: slot for slot in Slot.objects.filter(conference=conference)}
    unavailable = {
        pk: set(values)
        for pk, values in Participant.objects.filter(conference=conference).values_list("pk", "unavailable_slots")
    }
    specs = [scheduler.MeetingSpec(id=m.pk, first=m.first_id, second=m.second_id) for m in meetings]
    fixed: dict[int, Place] = {
        m.pk: (m.slot.index, m.table_number)  # type: ignore[misc,union-attr]
        for m in meetings
        if is_fixed(m, replan=replan)
    }
    try:
        result = scheduler.schedule(
            slots=sorted(slots), tables=conference.table_count, meetings=specs, unavailable=unavailable, fixed=fixed
        )
    except ValueError as error:
        raise ValidationError(_("The fixed meetings conflict; move them by hand first.")) from error
    plan = SchedulePlan(
        conference=conference,
        replan=replan,
        fixed=len(fixed),
        slots=slots,
        idle_gaps=scheduler.idle_gaps(meetings=specs, placements=result.placements),
    )
    for meeting in meetings:
        old = (meeting.slot.index, meeting.table_number) if meeting.slot and meeting.table_number else None
        new = result.placements.get(meeting.pk)
        if new is None:
            plan.unplaced += 1
        if old == new:
            plan.kept += int(new is not None)
            continue
        plan.changes.append(
            PlannedChange(
                meeting=meeting,
                old=old,
                new=new,
                old_slot=slots[old[0]] if old else None,
                new_slot=slots[new[0]] if new else None,
            )
        )
    return plan


@transaction.atomic
def schedule_apply(*, actor: AnyUser | None, conference: Conference, replan: bool = False) -> SchedulePlan:
    """Apply the plan (computed again under the conference's lock) and tell each firm concerned."""
    if actor is not None:
        access.require_staff(actor)
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    if conference.status == ConferenceStatus.CLOSED:
        raise ValidationError({"conference": _("The conference “%(title)s” is closed.") % {"title": conference.title}})
    plan = schedule_plan(conference=conference, replan=replan)
    changed = [change.meeting for change in plan.changes]
    Booking.objects.filter(meeting__in=changed).delete()
    now = timezone.now()
    bookings = []
    for change in plan.changes:
        meeting = change.meeting
        meeting.slot = plan.slots[change.new[0]] if change.new else None
        meeting.table_number = change.new[1] if change.new else None
        if meeting.slot is not None:
            bookings += [
                Booking(participant_id=meeting.first_id, slot=meeting.slot, meeting=meeting, booked_at=now),
                Booking(participant_id=meeting.second_id, slot=meeting.slot, meeting=meeting, booked_at=now),
            ]
    Meeting.objects.filter(pk__in=[m.pk for m in changed]).update(slot=None, table_number=None)
    Meeting.objects.bulk_update([m for m in changed if m.slot is not None], ["slot", "table_number"], batch_size=500)
    Booking.objects.bulk_create(bookings, batch_size=1000)
    agendas_changed(changes=[(c.meeting, c.old_slot, c.old[1] if c.old else None) for c in plan.changes])
    return plan


def agendas_changed(*, changes: list[tuple[Meeting, Slot | None, int | None]]) -> int:
    """For meetings the committee placed or moved (with their old slot and table): a new agenda
    version for each firm concerned and one notice per meeting. Runs inside the caller's transaction."""
    if not changes:
        return 0
    now = timezone.now()
    firms = {pk for meeting, _slot, _table in changes for pk in (meeting.first_id, meeting.second_id)}
    participants = {p.pk: p for p in Participant.objects.select_for_update().filter(pk__in=firms)}
    for participant in participants.values():
        participant.agenda_version += 1
        participant.agenda_changed_at = now
    Participant.objects.bulk_update(list(participants.values()), ["agenda_version", "agenda_changed_at"])
    notices = []
    for meeting, old_slot, old_table in changes:
        for own, partner in ((meeting.first_id, meeting.second_id), (meeting.second_id, meeting.first_id)):
            notices.append(
                AgendaNotice(
                    participant_id=own,
                    partner_id=partner,
                    version=participants[own].agenda_version,
                    old_slot=old_slot,
                    old_table=old_table,
                    new_slot=meeting.slot,
                    new_table=meeting.table_number,
                    created_at=now,
                )
            )
    AgendaNotice.objects.bulk_create(notices, batch_size=1000)
    return len(participants)
