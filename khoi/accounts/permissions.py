"""The one permission layer: pages, API views and services ask these functions.

Rules that hold across the product:
- administrators and committee staff manage the bloc's data; some tasks belong to one department;
- leadership reads everything and writes nothing;
- a unit's reporter reads and writes its own unit and its subtree only (the unit scope is in
  khoi.units.scope, a layer above: accounts knows roles, not the tree of units).
An object outside a user's scope answers 404 (its existence is not revealed); an action outside a
user's role answers 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from typing_extensions import TypeIs

from .models import Department, Role, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    AnyUser = User | AnonymousUser
else:
    AnyUser = Any


def is_member(user: AnyUser | None) -> TypeIs[User]:
    """A signed-in, active account (narrows the type to our User)."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_committee_staff(user: AnyUser, *departments: str) -> bool:
    """Admins always; staff when no department is named or theirs is one of those named."""
    if not is_member(user):
        return False
    if user.is_admin:
        return True
    return user.role == Role.STAFF and (not departments or user.department in departments)


def reads_all(user: AnyUser) -> bool:
    return is_member(user) and user.reads_all


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


def signed_in_member(request: HttpRequest | Request) -> User:
    """The member behind a page or endpoint that already lets only members in (403 otherwise):
    the typed user a view hands to services."""
    user = request.user
    if not is_member(user):
        raise PermissionDenied
    return user


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
