"""Unit scope: which units a user may read and write. Above accounts (roles) and units (the tree).

A unit's reporter reads and writes its own unit and its subtree only; administrators, committee
staff and leadership read every unit. An object outside a user's scope answers 404 (its existence
is not revealed); an action outside a user's role answers 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from khoi.accounts.models import Role, User
from khoi.accounts.permissions import AnyUser, is_member

from .models import Unit


def _scope_path(user: User) -> str | None:
    """The materialised path of a reporter's unit: everything under it is theirs."""
    return user.unit.path if user.unit_id is not None and user.unit is not None else None


def visible_units(user: AnyUser) -> QuerySet[Unit]:
    """Every unit a user may read."""
    if not is_member(user):
        return Unit.objects.none()
    if user.reads_all:
        return Unit.objects.all()
    path = _scope_path(user)
    return Unit.objects.filter(path__startswith=path) if path else Unit.objects.none()


def can_read_unit(user: AnyUser, unit: Unit) -> bool:
    if not is_member(user):
        return False
    if user.reads_all:
        return True
    path = _scope_path(user)
    return path is not None and unit.path.startswith(path)


def can_write_unit_data(user: AnyUser, unit: Unit) -> bool:
    """May enter data for the unit (its profile, figures, offers): staff, or its own reporter."""
    if not is_member(user):
        return False
    if user.is_committee_staff:
        return True
    path = _scope_path(user)
    return user.role == Role.REPORTER and path is not None and unit.path.startswith(path)


def require_unit_readable(user: AnyUser, unit: Unit) -> None:
    if not can_read_unit(user, unit):
        raise Http404(_("No such unit."))


def require_unit_writable(user: AnyUser, unit: Unit) -> None:
    require_unit_readable(user, unit)
    if not can_write_unit_data(user, unit):
        raise PermissionDenied(_("You may not change this unit's data."))
