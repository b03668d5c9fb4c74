"""Demo users, one for every role, all with the demo password (settings.KHOI_DEMO_PASSWORD).

The staff and leadership accounts are made here; a reporter for each base unit is made by the
units demo (khoi.units.demo), a layer above, which knows the units.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from .models import Department, Role, User

STAFF_USERS = [
    ("admin", "Quản trị hệ thống", Role.ADMIN, ""),
    ("vanphong", "Nguyễn Thị Lan", Role.STAFF, Department.OFFICE),
    ("bantochuc", "Trần Văn Hùng", Role.STAFF, Department.ORGANISATION),
    ("tuyengiao", "Phạm Thu Hà", Role.STAFF, Department.PROPAGANDA),
    ("kiemtra", "Lê Minh Đức", Role.STAFF, Department.INSPECTION),
    ("lanhdao", "Vũ Quang Huy", Role.LEADERSHIP, ""),
]


def demo_password_hash() -> str:
    """One hash for every demo account: hashing ~100 passwords one by one takes half a minute."""
    return make_password(settings.KHOI_DEMO_PASSWORD)


def load() -> str:
    if User.objects.filter(username="admin").exists():
        return "already loaded"
    password = demo_password_hash()
    with transaction.atomic():
        for username, full_name, role, department in STAFF_USERS:
            # Vietnamese names read family name first: keep the whole name in one field so
            # get_full_name() does not turn it around.
            User.objects.create(
                username=username,
                password=password,
                first_name=full_name,
                role=role,
                department=department,
                is_staff=role == Role.ADMIN,
                is_superuser=role == Role.ADMIN,
            )
    reporters = User.objects.filter(role=Role.REPORTER, username__startswith="baocao.").count()
    return f"{len(STAFF_USERS) + reporters} users (password: {settings.KHOI_DEMO_PASSWORD})"
