"""Marketplace benchmark: search p50/p95 over 10,000 offers and needs, and the scheduler on 200
participants, 1,500 accepted requests, 12 slots and 40 tables.

    .venv/bin/python bench/marketplace.py                      # SQLite file var/bench_marketplace.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/khoi_marketplace .venv/bin/python bench/marketplace.py
    .venv/bin/python bench/marketplace.py --scheduler-only

Goals: search p95 < 50 ms on PostgreSQL; scheduler < 5 s with 0 conflicts.
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


def ensure_listings() -> None:
    from khoi.marketplace import services
    from khoi.marketplace.models import Category, Enterprise, Listing
    from khoi.marketplace.services import listings as listing_services
    from khoi.units.tests.factories import valid_tax_code

    have = Listing.objects.filter(title__startswith="[bench]").count()
    if have >= LISTINGS:
        return
    rng = random.Random(10_000)
    categories = list(Category.objects.filter(parent__isnull=False))
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
    for index in range(have, LISTINGS):
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
        listing.category = listing.category
        listing_services._search_fields(listing)
        batch.append(listing)
        if len(batch) == 1000:
            Listing.objects.bulk_create(batch)
            batch = []
    if batch:
        Listing.objects.bulk_create(batch)
    services.search_words_add(texts=Listing.objects.values_list("search_text", flat=True))
    print(f"created {LISTINGS - have} listings in {time.perf_counter() - started:.1f} s")


def bench_search() -> None:
    from django.db import connection

    from khoi.marketplace import selectors

    for query in QUERIES:  # warm up caches and the connection
        selectors.listing_search(query=query, limit=20)
    timings = []
    for _round in range(5):
        for query in QUERIES:
            started = time.perf_counter()
            hits = selectors.listing_search(query=query, limit=20)
            timings.append((time.perf_counter() - started) * 1000)
            assert hits, query
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"search on {connection.vendor} over {LISTINGS:,} offers/needs: {len(timings)} queries, "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN SELECT id FROM marketplace_listing WHERE search_key_pg LIKE '%logistics%'")
            plan = " / ".join(row[0].strip() for row in cursor.fetchall()[:3])
        print(f"plan: {plan}")


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
        f"idle gaps {gaps}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scheduler-only", action="store_true")
    args = parser.parse_args()
    bench_scheduler(40)
    bench_scheduler(100)  # room no longer binds: participants' slots do
    if args.scheduler_only:
        return
    setup_django()
    ensure_listings()
    bench_search()


if __name__ == "__main__":
    main()
