"""Who may do what in emulation and commendation, built on the one permission layer.

- Commendation is handled by the committee's Office (Văn phòng) and Organisation Board (Ban Tổ
  chức), plus administrators: they manage blocs, agreements, the bloc's scores, review proposals,
  record decisions, and they alone see people's personal data (date of birth, gender, position)
  in full.
- A unit's reporter sees its own unit only: the blocs its unit belongs to, its own scorecard
  (which it self-scores), its own proposals and records, and the personal data of its own
  people (it typed them in). It never sees another unit's scorecard, the bloc ranking, or
  other units' people.
- Leadership and the other departments read blocs, rankings, decisions and counts; people's
  names appear as the published decisions print them, without personal data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from khoi.accounts.models import Department
from khoi.accounts.permissions import AnyUser, is_committee_staff, is_member, reads_all
from khoi.units.scope import can_read_unit

from .models import BlocMember, EmulationBloc, Person, Proposal, Scorecard

if TYPE_CHECKING:
    from khoi.units.models import Unit


def can_handle_commendation(user: AnyUser) -> bool:
    return is_committee_staff(user, Department.OFFICE, Department.ORGANISATION)


def is_unit_reporter(user: AnyUser) -> bool:
    return is_member(user) and user.is_reporter


def reporter_owns_unit(user: AnyUser, unit: Unit | None) -> bool:
    return unit is not None and is_unit_reporter(user) and can_read_unit(user, unit)


def can_see_personal_data(user: AnyUser, person: Person) -> bool:
    if can_handle_commendation(user):
        return True
    return person.unit is not None and reporter_owns_unit(user, person.unit)


def visible_blocs(user: AnyUser) -> QuerySet[EmulationBloc]:
    if not is_member(user):
        return EmulationBloc.objects.none()
    if reads_all(user):
        return EmulationBloc.objects.all()
    unit_path = user.unit.path if user.unit is not None else None
    if not unit_path:
        return EmulationBloc.objects.none()
    return EmulationBloc.objects.filter(members__unit__path__startswith=unit_path).distinct()


def can_read_scorecard(user: AnyUser, scorecard: Scorecard) -> bool:
    return reads_all(user) or reporter_owns_unit(user, scorecard.member.unit)


def can_self_score(user: AnyUser, member: BlocMember) -> bool:
    """The member's own reporter, or commendation staff on behalf of an outside organisation."""
    return can_handle_commendation(user) or reporter_owns_unit(user, member.unit)


def visible_proposals(user: AnyUser) -> QuerySet[Proposal]:
    if not is_member(user):
        return Proposal.objects.none()
    if reads_all(user):
        return Proposal.objects.all()
    unit_path = user.unit.path if user.unit is not None else None
    if not unit_path:
        return Proposal.objects.none()
    return Proposal.objects.filter(Q(proposer_unit__path__startswith=unit_path))


def can_edit_proposal(user: AnyUser, proposal: Proposal) -> bool:
    if can_handle_commendation(user):
        return True
    return reporter_owns_unit(user, proposal.proposer_unit)
