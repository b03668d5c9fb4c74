from __future__ import annotations

from typing import Any

from khoi.accounts.models import Department, Role, User
from khoi.units.models import Unit

PASSWORD = "mat-khau-thu-nghiem"


def make_user(username: str, *, role: str = Role.STAFF, unit: Unit | None = None, **fields: Any) -> User:
    if role == Role.STAFF:
        fields.setdefault("department", Department.OFFICE)
    return User.objects.create_user(username=username, password=PASSWORD, role=role, unit=unit, **fields)
