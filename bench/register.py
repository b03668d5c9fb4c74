"""Benchmark of the register with 5,000 units.

    .venv/bin/python bench/register.py                        # SQLite (a throwaway test database)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/khoi_units .venv/bin/python bench/register.py

Prints: the time to check and to import a 5,000-row register workbook; then, with those 5,000
units in the database, p50/p95 over 50 requests (django.test.Client, in-process, no network) and
the number of SQL queries per request for the tree page, a subtree opened by htmx, a search, and
the API list (with 100 and with 1,000 rows per page: the same query count shows it is constant).
The database named by DATABASE_URL is not touched: Django's test machinery creates a
`test_…` database beside it and drops it at the end.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from stdnum.vn import mst  # noqa: E402

BASE_COMMITTEES = 1_500
BASE_CELLS = 1_500
SUBORDINATE_CELLS = 1_999  # + the bloc = 5,000 units
REQUESTS = 50


def tax_code(seed: int) -> str:
    extra = 0
    while True:
        body = f"{(seed * 7919 + extra * 104_729) % 1_000_000_000:09d}"
        check = mst.calc_check_digit(body)
        if len(check) == 1:
            return body + check
        extra += 1


def build_register_file() -> bytes:
    from khoi.units.tests.conftest import make_workbook

    rows: list[dict[str, object]] = [
        {"code": "KHOI", "name": "Đảng bộ Khối Doanh nghiệp thử tải", "kind": "Đảng bộ Khối", "joined_on": "01/01/2008"}
    ]
    seen: set[str] = set()
    seed = 1

    def fresh_tax_code() -> str:
        nonlocal seed
        while True:
            seed += 1
            code = tax_code(seed)
            if code not in seen:
                seen.add(code)
                return code

    places = ["Hải Phòng", "Đồ Sơn", "Kiến An", "Thủy Nguyên", "Cát Hải", "Lê Chân", "Ngô Quyền", "Hồng Bàng"]
    for number in range(1, BASE_COMMITTEES + BASE_CELLS + 1):
        committee = number <= BASE_COMMITTEES
        place = places[number % len(places)]
        rows.append(
            {
                "code": f"U{number:05d}",
                "name": f"{'Đảng bộ' if committee else 'Chi bộ'} Công ty Cổ phần Thử tải {place} số {number}",
                "short_name": f"CTCP Thử tải {number}",
                "kind": "Đảng bộ cơ sở" if committee else "Chi bộ cơ sở",
                "parent_code": "KHOI",
                "enterprise_name": f"Công ty Cổ phần Thử tải {place} số {number}",
                "tax_code": fresh_tax_code(),
                "ownership": "Doanh nghiệp ngoài nhà nước",
                "sector": ["64", "52", "14", "42", "46"][number % 5],
                "address": f"Số {number} đường Lạch Tray",
                "province": "Hải Phòng",
                "registered_capital": 50_000 + number,
                "joined_on": dt.datetime(2010 + number % 10, 1 + number % 12, 1),
            }
        )
    for number in range(1, SUBORDINATE_CELLS + 1):
        parent = 1 + (number - 1) % BASE_COMMITTEES
        rows.append(
            {
                "code": f"U{parent:05d}-{number:04d}",
                "name": f"Chi bộ Xí nghiệp số {number} – CTCP Thử tải {parent}",
                "kind": "Chi bộ trực thuộc",
                "parent_code": f"U{parent:05d}",
                "joined_on": dt.datetime(2020, 1, 1),
            }
        )
    return make_workbook(rows)


def measure(label: str, call: Callable[[], object], *, requests: int = REQUESTS) -> None:
    call()  # warm up (templates, connection)
    timings = []
    queries = []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = call()
            timings.append((time.perf_counter() - start) * 1000)
        status = getattr(response, "status_code", 200)
        assert status == 200, (label, status)
        queries.append(len(captured.captured_queries))
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    counts = sorted(set(queries))
    count_text = str(counts[0]) if len(counts) == 1 else f"{counts[0]}–{counts[-1]}"
    print(f"  {label:<46} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   queries/request {count_text}")


def main() -> None:
    setup_test_environment()
    vendor = connection.vendor
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        run(vendor)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(vendor: str) -> None:
    from khoi.accounts.models import Department, Role, User
    from khoi.units import register_excel, selectors, services
    from khoi.units.models import Unit

    print(f"Register benchmark on {vendor} ({os.cpu_count()} CPUs shared with other work: figures are pessimistic)")
    start = time.perf_counter()
    content = build_register_file()
    print(
        f"  built a register file of 5,000 rows ({len(content) / 1024:.0f} KiB) in {time.perf_counter() - start:.1f} s"
    )

    start = time.perf_counter()
    result = register_excel.check_workbook(content, selectors.register_import_context())
    check_seconds = time.perf_counter() - start
    assert result.is_valid, result.errors[:5]
    print(f"  check (the preview): {check_seconds:.2f} s for {len(result.rows)} rows")

    user = User.objects.create_user("bench", password="x", role=Role.STAFF, department=Department.ORGANISATION)
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        created = services.unit_import(content=content, actor=user)
    import_seconds = time.perf_counter() - start
    print(
        f"  import (checked again, then written in one transaction): {import_seconds:.2f} s for {len(created)} units, "
        f"{len(captured.captured_queries)} queries"
    )
    assert Unit.objects.count() == 5_000

    client = Client()
    client.force_login(user)
    committee = Unit.objects.get(code="U00001")
    today = dt.date.today().isoformat()
    print(f"  with {Unit.objects.count():,} units in the database ({REQUESTS} requests each):")
    measure("tree page /units/ (first level, 100 per page)", lambda: client.get("/units/"))
    measure(
        "tree page, page 15, as of 2015-06-30", lambda: client.get("/units/", {"as_of": "2015-06-30", "page": "15"})
    )
    measure("subtree opened by htmx /units/<id>/children/", lambda: client.get(f"/units/{committee.pk}/children/"))
    measure("search q=“thu tai hai phong”", lambda: client.get("/units/", {"q": "thu tai hai phong"}))
    measure("API list ?limit=100", lambda: client.get("/api/v1/units/", {"limit": "100"}))
    measure("API list ?limit=1000", lambda: client.get("/api/v1/units/", {"limit": "1000"}), requests=20)
    measure(
        "API list ?as_of=…&kind=base_cell&limit=100",
        lambda: client.get("/api/v1/units/", {"as_of": today, "kind": "base_cell", "limit": "100"}),
    )
    measure("API list ?q=thu+tai&offset=4000", lambda: client.get("/api/v1/units/", {"q": "thu tai", "offset": "4000"}))
    start = time.perf_counter()
    response = client.get("/units/export.xlsx", {"all": 1})
    seconds = time.perf_counter() - start
    print(f"  export of the whole register to .xlsx: {seconds:.2f} s, {len(response.content) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
