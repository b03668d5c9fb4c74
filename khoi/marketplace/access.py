"""Who may do what in the marketplace, built on the one permission layer (khoi.accounts.permissions).

- Committee staff manage everything (outside enterprises are not users: staff act for them).
- A reporter acts for the enterprise of its own unit only.
- Leadership reads everything and writes nothing.
- Contact data of a conference participant: staff, the participant itself, and participants who
  have an accepted meeting with it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from khoi.accounts.permissions import (
    AnyUser,
    is_committee_staff,
    is_member,
)
from khoi.units.scope import (
    can_read_unit,
    can_write_unit_data,
    visible_units,
)

from .models import Enterprise, Listing, ListingStatus, Meeting, Mou, Participant


def can_act_for(user: AnyUser, enterprise: Enterprise) -> bool:
    if not is_member(user):
        return False
    if is_committee_staff(user):
        return True
    return enterprise.unit is not None and user.is_reporter and can_write_unit_data(user, enterprise.unit)


def is_own(user: AnyUser, enterprise: Enterprise) -> bool:
    """The enterprise is the user's own unit (or in its subtree): it may read its private data."""
    return (
        is_member(user) and enterprise.unit is not None and not user.reads_all and can_read_unit(user, enterprise.unit)
    )


def require_act_for(user: AnyUser, enterprise: Enterprise) -> None:
    if not can_act_for(user, enterprise):
        raise PermissionDenied(_("You may not act for this enterprise."))


def require_staff(user: AnyUser) -> None:
    if not is_committee_staff(user):
        raise PermissionDenied(_("Only the bloc committee's staff may do this."))


def can_see_listing(user: AnyUser, listing: Listing) -> bool:
    if not is_member(user):
        return False
    if listing.status == ListingStatus.APPROVED or user.reads_all:
        return True
    return is_own(user, listing.enterprise)


def require_listing_visible(user: AnyUser, listing: Listing) -> None:
    if not can_see_listing(user, listing):
        raise Http404(_("No such offer or need."))


def can_see_private(user: AnyUser, participant: Participant) -> bool:
    """Agenda and requests of a participant: staff, leadership, and the participant itself."""
    return is_member(user) and (user.reads_all or is_own(user, participant.enterprise))


def require_participant_private(user: AnyUser, participant: Participant) -> None:
    if not can_see_private(user, participant):
        raise Http404(_("No such participant."))


def can_see_meeting(user: AnyUser, meeting: Meeting) -> bool:
    """One meeting: the rule of selectors.meeting_list_visible (either side's private data)."""
    return can_see_private(user, meeting.first) or can_see_private(user, meeting.second)


def require_meeting_visible(user: AnyUser, meeting: Meeting) -> None:
    if not can_see_meeting(user, meeting):
        raise Http404(_("No such participant."))


def can_see_mou(user: AnyUser, mou: Mou) -> bool:
    """One memorandum: the rule of selectors.mou_list_visible (staff and leadership, or a side's own)."""
    return is_member(user) and (user.reads_all or is_own(user, mou.provider) or is_own(user, mou.customer))


def can_see_contact(user: AnyUser, participant: Participant) -> bool:
    if not is_member(user):
        return False
    if is_committee_staff(user) or is_own(user, participant.enterprise):
        return True
    if user.reads_all:  # leadership reads the conference, not people's phone numbers
        return False
    own_ids = list(
        Participant.objects.filter(
            conference_id=participant.conference_id, enterprise__unit__in=visible_units(user)
        ).values_list("pk", flat=True)
    )
    if not own_ids:
        return False
    return Meeting.objects.filter(
        conference_id=participant.conference_id,
        first_id__in=[*own_ids, participant.pk],
        second_id__in=[*own_ids, participant.pk],
    ).exists()
