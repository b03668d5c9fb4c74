"""People in bulk and the bloc export: what creating a bloc's reporters costs with the production
password hasher, and what exporting the demo bloc costs.

    .venv/bin/python bench/people.py                      # SQLite file var/bench_people.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/khoi_people .venv/bin/python bench/people.py

Loads the demo bloc once (95 base units, 3 years of values, the marketplace, emulation and a
contest); the reporters it creates are rolled back at the end. Prints the pages' time (the
preview, and the confirmation that only records a job) and the task worker's (hashing one password
per person, then one transaction), and the export written by the worker to private storage.
"""

from __future__ import annotations

import os
import re
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
    from khoi.accounts import people
    from khoi.accounts.models import Role, User
    from khoi.core.exports import build_export

    print(f"database: {connection.vendor}; hasher: {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[-1]}")
    print(f"cores: {os.cpu_count()}, load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    from django.contrib.auth.hashers import make_password
    from django.test import Client

    from khoi.accounts import people_jobs
    from khoi.accounts.models import PeopleJob
    from khoi.core import export_jobs
    from khoi.core.models import ExportJob

    start = time.perf_counter()
    make_password("k7mq-x2re-9tvn")
    print(f"one hash: {(time.perf_counter() - start) * 1000:.0f} ms")
    staff = Client(HTTP_HOST="localhost")
    staff.force_login(User.objects.get(username="vanphong"))
    try:
        with transaction.atomic():
            # Every unit lacks a reporter, and the demo's logins are free again (all rolled back).
            User.objects.filter(role=Role.REPORTER).update(is_active=False, username=Concat(Value("cu."), "username"))
            rows = people.register_rows()
            start = time.perf_counter()
            people.check_rows(rows)
            checked = time.perf_counter() - start
            print(f"preview of {len(rows)} reporters from the register: {checked * 1000:.0f} ms")
            start = time.perf_counter()
            page = staff.post("/accounts/people/", {"source": "register"}).content.decode()
            print(f"the preview page (request): {(time.perf_counter() - start) * 1000:.0f} ms")
            token = re.search(r'name="token" value="([^"]+)"', page)
            assert token is not None, "no preview token"
            start = time.perf_counter()
            response = staff.post("/accounts/people/confirm/", {"token": token.group(1), "delivery": "print"})
            print(f"confirming (request: records the job): {(time.perf_counter() - start) * 1000:.0f} ms")
            job = PeopleJob.objects.get()
            assert response["Location"].endswith(f"/{job.pk}/")
            start = time.perf_counter()
            people_jobs.people_job_run(job_id=job.pk)
            created = time.perf_counter() - start
            job.refresh_from_db()
            print(f"the worker creating {job.created_count} reporters with first-login passwords: {created:.1f} s")
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
    export = ExportJob.objects.create(requested_by=User.objects.get(username="vanphong"), with_personal_data=True)
    start = time.perf_counter()
    export_jobs.export_job_run(job_id=export.pk)
    export.refresh_from_db()
    took = time.perf_counter() - start
    print(f"the worker writing the zip to private storage: {took:.1f} s, {export.size / 1e6:.1f} MB")
    export_jobs.export_storage().delete(export.file_name)
    export.delete()
    print(f"load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
