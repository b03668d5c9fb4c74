"""The one permission layer: pages, API views and services ask these functions.

Rules (PRODUCT.md, "What holds across the product"):
- administrators and committee staff manage the bloc's data; some tasks belong to one department;
- leadership reads everything and writes nothing;
- a unit's reporter reads and writes its own unit and its subtree only.
An object outside a user's scope answers 404 (its existence is not revealed); an action outside a
user's role answers 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.permissions import BasePermission
from typing_extensions import TypeIs

from .models import Department, Role, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from khoi.units.models import Unit

    AnyUser = User | AnonymousUser
else:
    AnyUser = Any


def is_member(user: AnyUser | None) -> TypeIs[User]:
    """A signed-in, active account (narrows the type to our User)."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def _scope_path(user: User) -> str | None:
    """The materialised path of a reporter's unit: everything under it is theirs."""
    return user.unit.path if user.unit_id is not None and user.unit is not None else None


def is_committee_staff(user: AnyUser, *departments: str) -> bool:
    """Admins always; staff when no department is named or theirs is one of those named."""
    if not is_member(user):
        return False
    if user.is_admin:
        return True
    return user.role == Role.STAFF and (not departments or user.department in departments)


def reads_all(user: AnyUser) -> bool:
    return is_member(user) and user.reads_all


def visible_units(user: AnyUser) -> QuerySet[Unit]:
    """Every unit a user may read."""
    from khoi.units.models import Unit

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


def can_manage_register(user: AnyUser) -> bool:
    """Create, move, close units and import the register: the Office and the Organisation Board."""
    return is_committee_staff(user, Department.OFFICE, Department.ORGANISATION)


def can_unlock_logins(user: AnyUser) -> bool:
    """See and lift the locks on accounts and addresses after failed sign-ins: admins and the Office."""
    return is_committee_staff(user, Department.OFFICE)


def can_manage_people(user: AnyUser) -> bool:
    """Create reporters in bulk and print their first-login credentials: admins, the Office and the
    Organisation Board (who keep the register the accounts hang on)."""
    return is_committee_staff(user, Department.OFFICE, Department.ORGANISATION)


def can_export_bloc(user: AnyUser) -> bool:
    """Download the whole bloc's data (khoi.core.exports): admins and the Office."""
    return is_committee_staff(user, Department.OFFICE)


def require_unit_readable(user: AnyUser, unit: Unit) -> None:
    if not can_read_unit(user, unit):
        raise Http404(_("No such unit."))


def require_unit_writable(user: AnyUser, unit: Unit) -> None:
    require_unit_readable(user, unit)
    if not can_write_unit_data(user, unit):
        raise PermissionDenied(_("You may not change this unit's data."))


def require(check: bool, message: str | None = None) -> None:
    if not check:
        raise PermissionDenied(message or _("You do not have permission to do this."))


# ---- Pages -------------------------------------------------------------------------------------


def member_required[ViewFunc: Callable[..., HttpResponse]](view: ViewFunc) -> ViewFunc:
    """Any signed-in member; anonymous users go to the login page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_member(request.user):
            return redirect_to_login(request)
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def role_required(
    check: Callable[[AnyUser], bool],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """`@role_required(can_manage_register)`: signed in, then 403 unless the check passes."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not is_member(request.user):
                return redirect_to_login(request)
            require(check(request.user))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def redirect_to_login(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth.views import redirect_to_login as django_redirect

    return django_redirect(request.get_full_path())


class MemberRequiredMixin(AccessMixin):
    """Class-based pages: signed-in member, plus an optional `role_check`."""

    role_check: Callable[[AnyUser], bool] | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_member(request.user):
            return redirect(f"{_login_url()}?next={request.get_full_path()}")
        check = type(self).role_check
        if check is not None:
            require(check(request.user))
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def _login_url() -> str:
    from django.urls import reverse

    return reverse("accounts:login")


# ---- API ---------------------------------------------------------------------------------------


class IsActiveMember(BasePermission):
    """Default for every API view: a signed-in, active account."""

    message = gettext_lazy("You need to sign in to use this API.")

    def has_permission(self, request: Any, view: Any) -> bool:
        return is_member(request.user)


class IsCommitteeStaff(BasePermission):
    message = gettext_lazy("Only the bloc committee's staff may do this.")

    def has_permission(self, request: Any, view: Any) -> bool:
        return is_committee_staff(request.user)


class ReadAllOrReadOnlyForStaff(BasePermission):
    """Safe methods for every member (scoped by the view's queryset); writes for staff only."""

    message = gettext_lazy("Only the bloc committee's staff may change this data.")

    def has_permission(self, request: Any, view: Any) -> bool:
        if not is_member(request.user):
            return False
        return request.method in ("GET", "HEAD", "OPTIONS") or is_committee_staff(request.user)


class CanManageRegister(BasePermission):
    message = gettext_lazy("Only the Office and the Organisation Board may manage the register of units.")

    def has_permission(self, request: Any, view: Any) -> bool:
        return can_manage_register(request.user)
