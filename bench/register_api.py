"""The register API's largest page: GET /api/v1/units/?limit=1000 over a 5,000-unit register.

    .venv/bin/python bench/register_api.py [--profile]          # SQLite (a throwaway test database)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/khoi_units .venv/bin/python bench/register_api.py

Imports bench/register.py's 5,000-row register (as staff would), then prints p50/p95 over 30
requests (django.test.Client, in-process, no network: the app's own cost), the SQL queries per
request and their time, and where a request's time goes: the queries, the serializer, the JSON
rendering. --profile adds cProfile's 25 most expensive functions (own time) of one request.
The reference loop (a fixed pure-Python loop) lets runs on different or busier machines be compared.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from bench.contest_load import reference_loop_seconds  # noqa: E402

REQUESTS = 30


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(share * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--no-freeze",
        action="store_true",
        help="leave out what the app processes do at start (config/startup.py: gc.freeze), to compare",
    )
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        run(profile=args.profile, freeze=not args.no_freeze)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(*, profile: bool, freeze: bool) -> None:
    from rest_framework.renderers import JSONRenderer

    from bench.register import build_register_file
    from khoi.accounts.models import Department, Role, User
    from khoi.units import selectors, services
    from khoi.units.api.serializers import UnitSerializer
    from khoi.units.models import Unit

    print(
        f"Register API on {connection.vendor}; reference loop {reference_loop_seconds():.2f} s "
        "(CPU seconds of bench/contest_load.py's fixed loop; 2-core machine, shared)"
    )
    user = User.objects.create_user("bench", password="x", role=Role.STAFF, department=Department.ORGANISATION)
    start = time.perf_counter()
    services.unit_import(content=build_register_file(), actor=user)
    print(f"  register of {Unit.objects.count():,} units imported in {time.perf_counter() - start:.0f} s")
    client = Client()
    client.force_login(user)

    def call() -> object:
        response = client.get("/api/v1/units/", {"limit": "1000"})
        assert response.status_code == 200, response.status_code
        return response

    call()
    if freeze:  # as config/wsgi.py does in each app process
        from config.startup import freeze_after_startup

        freeze_after_startup()
    collections = [0]
    gc.callbacks.append(
        lambda phase, info: (
            collections.__setitem__(0, collections[0] + 1) if phase == "start" and info["generation"] == 2 else None
        )
    )
    timings: list[float] = []
    cpu: list[float] = []
    for _ in range(REQUESTS):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    with CaptureQueriesContext(connection) as captured:
        response = call()
    sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    rows = len(response.json()["results"])  # type: ignore[attr-defined]
    print(
        f"  GET /api/v1/units/?limit=1000 ({rows} rows): p50 {statistics.median(timings):.0f} ms, "
        f"p95 {percentile(timings, 0.95):.0f} ms over {REQUESTS} requests; "
        f"{len(captured.captured_queries)} queries ({sql_ms:.0f} ms in SQL); CPU time of this process per request: "
        f"p50 {statistics.median(cpu):.0f} ms, p95 {percentile(cpu, 0.95):.0f} ms (less sensitive to a busy machine); "
        f"{collections[0]} full garbage collections, startup objects "
        f"{'frozen' if freeze else 'not frozen (--no-freeze)'}"
    )

    page = list(selectors.unit_list_for_api(queryset=Unit.objects.all())[:1000])
    serializer_ms, render_ms = [], []
    for _ in range(10):
        start = time.perf_counter()
        data = UnitSerializer(page, many=True).data
        serializer_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        JSONRenderer().render({"results": data})
        render_ms.append((time.perf_counter() - start) * 1000)
    print(
        f"  of which, for 1,000 rows already fetched: serializer {statistics.median(serializer_ms):.0f} ms, "
        f"JSON rendering {statistics.median(render_ms):.0f} ms (medians of 10)"
    )
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        call()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
