"""Who may do what in periodic reporting, on top of khoi.accounts.permissions.

- The bloc's figures (overview, drill-down, rounds, completeness, rules, plans): staff and
  leadership read (``reads_all``); a unit's reporter sees only their own unit's forms.
- A form: readable by whoever may read its unit (others get 404); values are typed by the unit's
  reporter or staff; leadership reads only (403 on any change).
- Approve, return, unlock, remind, bulk approval, rounds, rules and plans: committee staff (403).
"""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from khoi.accounts.permissions import (
    is_committee_staff,
    reads_all,
    require,
)
from khoi.units.scope import (
    can_write_unit_data,
    require_unit_readable,
)

from .models import Submission


def can_view_bloc(user: Any) -> bool:
    return reads_all(user)


def can_review(user: Any) -> bool:
    return is_committee_staff(user)


def can_edit_submission(user: Any, submission: Submission) -> bool:
    return can_write_unit_data(user, submission.unit) and submission.is_editable


def submission_for(user: Any, pk: int) -> Submission:
    """The submission if the user may read its unit, else 404."""
    submission = get_object_or_404(Submission.objects.select_related("reporting_round__form", "unit"), pk=pk)
    require_unit_readable(user, submission.unit)
    return submission


def require_edit(user: Any, submission: Submission) -> None:
    require(can_write_unit_data(user, submission.unit))


def require_review(user: Any) -> None:
    require(can_review(user))
