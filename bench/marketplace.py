"""Marketplace benchmark: search p50/p95 over 10,000 (or --listings N) offers and needs, and the
scheduler on 200 participants, 1,500 accepted requests, 12 slots and 40 or 100 tables.

    .venv/bin/python bench/marketplace.py                      # SQLite file var/bench_marketplace.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/khoi_marketplace .venv/bin/python bench/marketplace.py
    DATABASE_URL=... .venv/bin/python bench/marketplace.py --listings 100000 --search-only
    .venv/bin/python bench/marketplace.py --scheduler-only

The bench listings (titled "[bench] ...") are created once and kept; with fewer asked than stored,
the newest extra ones are deleted, so one database serves 10.000 and 100.000 in turn. On PostgreSQL
the table is analysed after a change and the plan of each query's first candidate query is printed
(which scans and indexes it uses). The reference loop's time and the load average are printed with
the figures: compare runs by them.

Goals: search p95 < 50 ms on PostgreSQL, the trigram index used; scheduler < 5 s with 0 conflicts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench_marketplace.sqlite3'}")

from bench.contest_load import reference_loop_seconds  # noqa: E402

LISTINGS = 10_000
QUERIES = [
    "nuoc sach", "logictic", "van tai", "kho lanh", "dong phuc bao ho", "kham suc khoe", "bao hiem",
    "phan mem hoa don", "xi mang", "chuyen phat nhanh", "cay xanh", "in bao bi", "suat an cong nghiep",
    "sua chua tau", "container", "dien nang", "thiet bi y te", "xu ly chat thai", "cho vay von", "du lich",
]  # fmt: skip
WORDS = [
    "cung cấp", "dịch vụ", "vận tải", "kho lạnh", "kho bãi", "container", "logistics", "nước sạch", "đồng phục",
    "bảo hộ", "khám sức khỏe", "bảo hiểm", "phần mềm", "hóa đơn", "xi măng", "chuyển phát", "cây xanh", "in ấn",
    "bao bì", "suất ăn", "sửa chữa", "tàu biển", "điện năng", "thiết bị", "y tế", "chất thải", "vốn lưu động",
    "du lịch", "hội nghị", "nhà xưởng", "cơ khí", "nhựa", "thực phẩm", "xếp dỡ", "cảng", "đường bộ",
]  # fmt: skip


def setup_django() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def ensure_listings(count: int) -> None:
    from django.db import connection

    from khoi.marketplace import services
    from khoi.marketplace.models import Category, Enterprise, Listing
    from khoi.marketplace.services import listings as listing_services
    from khoi.units.tests.factories import valid_tax_code

    bench_listings = Listing.objects.filter(title__startswith="[bench]")
    have = bench_listings.count()
    if have > count:
        extra = bench_listings.order_by("id").values_list("id", flat=True)[count:]
        Listing.objects.filter(id__in=list(extra)).delete()
        print(f"deleted {have - count} bench listings beyond {count:,}")
    if have < count:
        rng = random.Random(10_000 + have)
        categories = list(Category.objects.filter(parent__isnull=False).select_related("parent"))
        enterprises = list(Enterprise.objects.filter(name__startswith="[bench]"))
        for index in range(len(enterprises), 200):
            enterprises.append(
                services.enterprise_register_outside(
                    actor=None,
                    name=f"[bench] Công ty số {index}",
                    tax_code=valid_tax_code(700_000 + index),
                    province="Hà Nội",
                )
            )
        started = time.perf_counter()
        batch = []
        for index in range(have, count):
            words = rng.sample(WORDS, 4)
            listing = Listing(
                kind="offer" if index % 2 else "need",
                enterprise=rng.choice(enterprises),
                category=rng.choice(categories),
                title=f"[bench] {words[0].capitalize()} {words[1]} số {index}",
                description=f"{words[2]} {words[3]} cho doanh nghiệp",
                regions="|Hải Phòng|",
                valid_from=dt.date(2024, 1, 1),
                status="approved",
                in_bloc=False,
            )
            listing_services._search_fields(listing, vocabulary=False)
            batch.append(listing)
            if len(batch) == 2000:
                Listing.objects.bulk_create(batch)
                batch = []
        if batch:
            Listing.objects.bulk_create(batch)
        services.search_words_add(texts=Listing.objects.values_list("search_text", flat=True).iterator())
        print(f"created {count - have:,} listings in {time.perf_counter() - started:.1f} s")
    if have != count and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # FULL after a deletion: 10.000 live rows in the pages of 100.000 would not be 10.000.
            cursor.execute(f"VACUUM {'FULL ' if have > count else ''}ANALYZE marketplace_listing")
            cursor.execute("ANALYZE marketplace_searchword")


def plan_summary(query: str) -> str:
    """The scans of the first candidate query's plan, and its estimated cost."""
    from khoi.marketplace import selectors

    plan = selectors.listing_search_plan(query=query)
    lines = [line.strip().removeprefix("->").strip() for line in plan.splitlines()]
    scans = [line.split("  (")[0] for line in lines if "Scan" in line]
    total = lines[0].split("cost=")[1].split(" ")[0] if "cost=" in lines[0] else "?"
    return f"{' + '.join(scans)} (cost {total})"


def bench_search(count: int) -> None:
    from django.db import connection

    from khoi.marketplace import selectors

    for query in QUERIES:  # warm up caches and the connection
        selectors.listing_search(query=query, limit=20)
    timings = []
    per_query: dict[str, list[float]] = {query: [] for query in QUERIES}
    for _round in range(5):
        for query in QUERIES:
            started = time.perf_counter()
            hits = selectors.listing_search(query=query, limit=20)
            elapsed = (time.perf_counter() - started) * 1000
            timings.append(elapsed)
            per_query[query].append(elapsed)
            assert hits, query
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"search on {connection.vendor} over {count:,} offers/needs: {len(timings)} queries, "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms; "
        f"reference loop {reference_loop_seconds():.2f} s, load average {load_average()}"
    )
    slowest = sorted(per_query.items(), key=lambda item: -statistics.median(item[1]))[:5]
    print("  slowest (median ms): " + ", ".join(f"{q!r} {statistics.median(t):.1f}" for q, t in slowest))
    if connection.vendor == "postgresql":
        for query in ["logistics", *QUERIES]:
            print(f"  plan {query!r}: {plan_summary(query)}")


def bench_scheduler(tables: int = 40) -> None:
    from khoi.marketplace import scheduler

    rng = random.Random(1500)
    participants = 200
    slots = list(range(1, 13))
    pairs: set[frozenset[int]] = set()
    # Popular enterprises get more requests, as on the day.
    weights = [1 + (5 if p < 20 else 0) for p in range(participants)]
    while len(pairs) < 1500:
        a, b = rng.choices(range(participants), weights=weights, k=2)
        if a != b:
            pairs.add(frozenset((a, b)))
    meetings = [
        scheduler.MeetingSpec(id=i, first=min(p), second=max(p)) for i, p in enumerate(sorted(pairs, key=sorted))
    ]
    unavailable = {p: set(rng.sample(slots, 2)) for p in range(participants) if p % 7 == 0}
    started = time.perf_counter()
    result = scheduler.schedule(slots=slots, tables=tables, meetings=meetings, unavailable=unavailable)
    elapsed = time.perf_counter() - started
    bound = scheduler.upper_bound(slots=slots, tables=tables, meetings=meetings, unavailable=unavailable)
    problems = scheduler.conflicts(
        slots=slots, tables=tables, meetings=meetings, placements=result.placements, unavailable=unavailable
    )
    gaps = scheduler.idle_gaps(meetings=meetings, placements=result.placements)
    placed = len(result.placements)
    print(
        f"scheduler: {participants} participants, {len(meetings):,} accepted requests, "
        f"{len(slots)} slots, {tables} tables: "
        f"{elapsed:.2f} s, placed {placed} of at most {bound} ({placed / bound:.1%}), conflicts {len(problems)}, "
        f"idle gaps {gaps}; reference loop {reference_loop_seconds():.2f} s, load average {load_average()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scheduler-only", action="store_true")
    parser.add_argument("--search-only", action="store_true")
    parser.add_argument("--listings", type=int, default=LISTINGS, help="offers and needs to search (default 10000)")
    args = parser.parse_args()
    if not args.search_only:
        bench_scheduler(40)
        bench_scheduler(100)  # room no longer binds: participants' slots do
    if args.scheduler_only:
        return
    setup_django()
    ensure_listings(args.listings)
    bench_search(args.listings)


if __name__ == "__main__":
    main()
