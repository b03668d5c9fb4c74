"""Who sees what in Party building, on the one permission layer.

- A person's record (name, date of birth, identity number, the steps) is personal data: the
  Organisation Board (Ban Tổ chức, and administrators) and the secretary of the person's own base
  organisation (``SecretaryAccount``) read it; nobody else, not even leadership or other boards.
- Leadership and committee staff read counts and figures, and the decisions' numbers and dates.
- Writes (people, steps, decisions, gradings, committee changes): the Organisation Board; the
  secretary records the steps of the organisation's own people up to the cell's proposal.
- Inspection and discipline: the Inspection Board (Ban Kiểm tra) writes; others read counts only.
"""

from __future__ import annotations

from django.db.models import QuerySet

from khoi.accounts.models import Department
from khoi.accounts.permissions import AnyUser, is_committee_staff, is_member, reads_all
from khoi.units.models import BASE_KINDS, Unit

from .models import Person, SecretaryAccount


def is_organisation_board(user: AnyUser) -> bool:
    return is_committee_staff(user, Department.ORGANISATION)


def is_inspection_board(user: AnyUser) -> bool:
    return is_committee_staff(user, Department.INSPECTION)


_SECRETARY_OF = "_party_secretary_of"  # kept on the user object: one lookup per request


def secretary_unit_id(user: AnyUser) -> int | None:
    """The organisation whose secretary the user is. Read once per user object (a request's
    `request.user`): the menu asks it for each of its entries."""
    if not is_member(user):
        return None
    if _SECRETARY_OF not in user.__dict__:
        user.__dict__[_SECRETARY_OF] = (
            SecretaryAccount.objects.filter(user=user).values_list("unit_id", flat=True).first()
        )
    return user.__dict__[_SECRETARY_OF]


def forget_secretary(user: AnyUser) -> None:
    """After a change of who is secretary: the next question reads it again."""
    user.__dict__.pop(_SECRETARY_OF, None)


def sees_personal_records(user: AnyUser) -> bool:
    return is_organisation_board(user) or secretary_unit_id(user) is not None


def sees_counts(user: AnyUser) -> bool:
    return reads_all(user) or secretary_unit_id(user) is not None


def record_units(user: AnyUser) -> QuerySet[Unit]:
    """The base organisations whose people's records the user may read: the one place pages, the
    API and documents ask."""
    if is_organisation_board(user):
        return Unit.objects.filter(kind__in=BASE_KINDS)
    unit_id = secretary_unit_id(user)
    if unit_id is None:
        return Unit.objects.none()
    return Unit.objects.filter(pk=unit_id)


def visible_people(user: AnyUser) -> QuerySet[Person]:
    return Person.objects.filter(unit__in=record_units(user)).select_related("unit")


def can_record_step(user: AnyUser, person: Person, step: int) -> bool:
    if is_organisation_board(user):
        return True
    from .models import Step

    return secretary_unit_id(user) == person.unit_id and step <= Step.BASE_PROPOSAL


def can_add_person(user: AnyUser, unit: Unit) -> bool:
    """A candidate is entered by the Organisation Board, or by the secretary of their organisation."""
    return is_organisation_board(user) or secretary_unit_id(user) == unit.pk


def can_grade_organisations(user: AnyUser) -> bool:
    """Base organisations are graded by a decision of the bloc committee: the Organisation Board."""
    return is_organisation_board(user)


def member_grading_units(user: AnyUser) -> QuerySet[Unit]:
    """The organisations whose members' grades the user records (the organisation's committee
    decides them): all for the Organisation Board, their own for a secretary."""
    return record_units(user)


def can_record_courses(user: AnyUser) -> bool:
    """The course batches are held by the bloc committee: the Organisation Board records them."""
    return is_organisation_board(user)


def can_record_committee(user: AnyUser) -> bool:
    """Committee appointments are decisions of the bloc committee: the Organisation Board."""
    return is_organisation_board(user)


def can_record_reviews(user: AnyUser) -> bool:
    """Inspections, supervisions and discipline: the Inspection Board."""
    return is_inspection_board(user)
