"""What the emulation pages share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from khoi.accounts.models import User
from khoi.accounts.permissions import (
    is_member,
)


def request_member(request: HttpRequest) -> User:
    """The signed-in member (the decorators have already sent others away)."""
    if not is_member(request.user):
        raise PermissionDenied
    return request.user
