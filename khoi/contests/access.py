"""Who may do what in contests, on top of the shared permission layer.

The Propaganda Board (Ban Tuyên giáo) runs contests: its staff and administrators manage the bank
and the contests and see participants' phones and full entries. Everyone else, signed in or not,
sees the public pages, where phones are masked.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from rest_framework.permissions import BasePermission

from khoi.accounts.models import Department
from khoi.accounts.permissions import AnyUser, is_committee_staff


def can_manage_contests(user: AnyUser) -> bool:
    return is_committee_staff(user, Department.PROPAGANDA)


class CanManageContests(BasePermission):
    message = gettext_lazy("Only the Propaganda Board and administrators may do this.")

    def has_permission(self, request: Any, view: Any) -> bool:
        return can_manage_contests(request.user)
