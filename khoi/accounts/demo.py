"""Demo users, one for every role, all with the demo password (settings.KHOI_DEMO_PASSWORD)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from khoi.units.models import BASE_KINDS, Unit

from .models import Department, Role, User

STAFF_USERS = [
    ("admin", "Quản trị hệ thống", Role.ADMIN, ""),
    ("vanphong", "Nguyễn Thị Lan", Role.STAFF, Department.OFFICE),
    ("bantochuc", "Trần Văn Hùng", Role.STAFF, Department.ORGANISATION),
    ("tuyengiao", "Phạm Thu Hà", Role.STAFF, Department.PROPAGANDA),
    ("kiemtra", "Lê Minh Đức", Role.STAFF, Department.INSPECTION),
    ("lanhdao", "Vũ Quang Huy", Role.LEADERSHIP, ""),
]


def load() -> str:
    if User.objects.filter(username="admin").exists():
        return "already loaded"
    # One hash for every demo account: hashing ~100 passwords one by one takes half a minute.
    password = make_password(settings.KHOI_DEMO_PASSWORD)
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
        reporters = [
            User(
                username=f"baocao.{unit.code.lower()}",
                password=password,
                first_name=f"Báo cáo viên {unit.code}",
                role=Role.REPORTER,
                unit=unit,
            )
            for unit in Unit.objects.filter(kind__in=BASE_KINDS).order_by("code")
        ]
        User.objects.bulk_create(reporters)
    return f"{len(STAFF_USERS) + len(reporters)} users (password: {settings.KHOI_DEMO_PASSWORD})"
