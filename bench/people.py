"""People in bulk and the bloc export: what creating a bloc's reporters costs with the production
password hasher, and what exporting the demo bloc costs.

    .venv/bin/python bench/people.py                      # SQLite file var/bench_people.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/khoi_people .venv/bin/python bench/people.py

Loads the demo bloc once (95 base units, 3 years of values, the marketplace, emulation and a
contest); the reporters it creates are rolled back at the end.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench_people.sqlite3'}")


class Rollback(Exception):
    pass


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models import Value
    from django.db.models.functions import Concat

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    from khoi.accounts import people, services
    from khoi.accounts.models import Role, User
    from khoi.core.exports import build_export

    print(f"database: {connection.vendor}; hasher: {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[-1]}")
    print(f"cores: {os.cpu_count()}, load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    try:
        with transaction.atomic():
            # Every unit lacks a reporter, and the demo's logins are free again (all rolled back).
            User.objects.filter(role=Role.REPORTER).update(is_active=False, username=Concat(Value("cu."), "username"))
            rows = people.register_rows()
            start = time.perf_counter()
            check = people.check_rows(rows)
            checked = time.perf_counter() - start
            start = time.perf_counter()
            accounts = services.reporters_create(rows=check.rows, actor=None)
            created = time.perf_counter() - start
            print(f"preview of {len(rows)} reporters from the register: {checked * 1000:.0f} ms")
            print(f"creating {len(accounts)} reporters with first-login passwords: {created:.1f} s")
            raise Rollback
    except Rollback:
        pass
    for personal in (False, True):
        start = time.perf_counter()
        files = build_export(with_personal_data=personal)
        took = time.perf_counter() - start
        size = sum(len(content) for content in files.values()) / 1e6
        print(
            f"export {'with' if personal else 'without'} personal data: {took:.1f} s, {len(files)} files, {size:.1f} MB"
        )


if __name__ == "__main__":
    main()
