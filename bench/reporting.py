"""Reporting benchmark: the full bloc overview over 1,000 units × 40 indicators × 3 years of
monthly values (37 typed indicators + 3 computed ones: 1.33 million approved values), p50/p95
and its number of queries.

    .venv/bin/python bench/reporting.py                # SQLite file var/bench_reporting.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/khoi_reporting .venv/bin/python bench/reporting.py

Builds the synthetic bloc once (it stays in that database for the next run), derives the per-unit
window values as the services do on approval (and prints what that costs per unit), refreshes the
planner statistics (as autovacuum does on a live server), then times `bloc_overview` for 2021-H1
and 2021-Y (each against the same period of 2020) and counts its queries for the whole bloc and
for a 100-unit group: the count must not grow with the units.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ["DEBUG"] = "false"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench_reporting.sqlite3'}")

UNITS = 1000
INDICATORS = 40  # 24 flows, 13 stocks, 2 ratios, 1 count-if
YEARS = (2019, 2020, 2021)
RUNS = 30
BENCH_CODE = "BENCH-BLOC"


def build() -> None:
    from django.db import models, transaction
    from django.db.models import F, Value
    from django.db.models.functions import Cast, Concat

    from khoi.reporting.models import (
        Indicator,
        IndicatorValue,
        ReportForm,
        ReportingRound,
        Submission,
        SubmissionStatus,
    )
    from khoi.reporting.periods import Period
    from khoi.units.models import Unit, UnitGroup, UnitKind

    if Unit.objects.filter(code=BENCH_CODE).exists():
        return
    started = time.perf_counter()
    rng = random.Random(2021)
    with transaction.atomic():
        bloc = Unit.objects.create(
            code=BENCH_CODE, name="Khối thử tải", kind=UnitKind.BLOC, joined_on=dt.date(2000, 1, 1)
        )
        bloc.path = f"{bloc.pk}/"
        bloc.save(update_fields=["path"])
        Unit.objects.bulk_create(
            [
                Unit(
                    code=f"B{i:05d}",
                    name=f"Chi bộ Công ty thử tải số {i}",
                    kind=UnitKind.BASE_CELL if i % 3 else UnitKind.BASE_COMMITTEE,
                    parent=bloc,
                    tax_code=f"9{i:09d}" if i % 50 else "",
                    joined_on=dt.date(2000, 1, 1),
                    depth=1,
                )
                for i in range(1, UNITS + 1)
            ],
            batch_size=1000,
        )
        Unit.objects.filter(parent=bloc).update(
            path=Concat(Value(bloc.path), Cast(F("id"), output_field=models.CharField()), Value("/"))
        )
        group = UnitGroup.objects.create(code="bench-100", name="100 đơn vị")
        group.members.set(Unit.objects.filter(parent=bloc).order_by("id")[:100])

        base: list[Indicator] = []
        for i in range(37):
            stock = i >= 24
            base.append(
                Indicator.objects.create(
                    code=f"bench_{i:02d}",
                    name=f"Chỉ tiêu {i}",
                    unit_label="tỷ đồng",
                    time_aggregation="stock" if stock else "flow",
                    is_key=True,
                    order=i,
                )
            )
        Indicator.objects.create(
            code="bench_ratio_a",
            name="Tỷ lệ A",
            unit_aggregation="ratio",
            numerator=base[1],
            denominator=base[0],
            is_key=True,
        )
        Indicator.objects.create(
            code="bench_ratio_b", name="Tỷ lệ B", unit_aggregation="ratio", numerator=base[25], denominator=base[24],
            multiplier=Decimal(100), is_key=True, time_aggregation="stock",
        )  # fmt: skip
        Indicator.objects.create(
            code="bench_count", name="Đơn vị ≥ 1", unit_aggregation="count_if", base=base[2], count_operator=">=",
            count_threshold=Decimal(1), is_key=True,
        )  # fmt: skip
        form = ReportForm.objects.create(code="bench-monthly", name="Biểu tháng", frequency="M")
        units = list(Unit.objects.filter(parent=bloc).order_by("id").values_list("id", flat=True))
        total = 0
        for year in YEARS:
            for month in range(1, 13):
                period = Period(year, "M", month)
                reporting_round = ReportingRound.objects.create(
                    form=form, period_code=str(period), deadline=period.end + dt.timedelta(days=10), status="closed"
                )
                submissions = Submission.objects.bulk_create(
                    [
                        Submission(reporting_round=reporting_round, unit_id=u, status=SubmissionStatus.APPROVED)
                        for u in units
                    ],
                    batch_size=1000,
                )
                rows = [
                    IndicatorValue(
                        submission_id=s.pk,
                        unit_id=s.unit_id,
                        indicator_id=indicator.pk,
                        period_code=str(period),
                        period_kind="M",
                        period_start=period.start,
                        period_end=period.end,
                        months=1,
                        value=Decimal(rng.randint(0, 500_000)) / 100,
                    )
                    for s in submissions
                    for indicator in base
                ]
                IndicatorValue.objects.bulk_create(rows, batch_size=5000)
                total += len(rows)
            print(f"  {year}: {total:,} values so far ({time.perf_counter() - started:.0f} s)", flush=True)
    elapsed = time.perf_counter() - started
    print(f"built {UNITS} units × {INDICATORS} indicators × {len(YEARS)} years: {total:,} values in {elapsed:.0f} s")


def refresh_windows() -> None:
    """Derive the per-unit window values (what the services do on each approval)."""
    from khoi.reporting.models import WindowValue
    from khoi.reporting.services import window_values_refresh
    from khoi.units.models import Unit

    if WindowValue.objects.exists():
        return
    started = time.perf_counter()
    bloc = Unit.objects.get(code=BENCH_CODE)
    unit_ids = list(Unit.objects.filter(parent=bloc).order_by("id").values_list("id", flat=True))
    rows = 0
    for index in range(0, len(unit_ids), 50):
        rows += window_values_refresh(unit_ids=unit_ids[index : index + 50], years=YEARS)
    elapsed = time.perf_counter() - started
    per_unit = elapsed / len(unit_ids) * 1000
    print(f"window values: {rows:,} rows for {len(unit_ids)} units in {elapsed:.0f} s ({per_unit:.0f} ms a unit)")


def analyze() -> None:
    """Fresh statistics and visibility map, as autovacuum keeps them on a live PostgreSQL."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE reporting_windowvalue")
            cursor.execute("ANALYZE units_unit")
        else:
            cursor.execute("ANALYZE")


def measure() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from khoi.reporting.periods import Period
    from khoi.reporting.selectors import Scope, bloc_overview
    from khoi.units.models import Unit

    bloc = Unit.objects.get(code=BENCH_CODE)
    scope = Scope(root_unit_id=bloc.pk)
    print(f"database: {connection.vendor}")
    for code in ("2021-H1", "2021-Y"):
        period = Period.parse(code)
        for _ in range(3):
            bloc_overview(period=period, scope=scope)
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            figures = bloc_overview(period=period, scope=scope)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[round(0.95 * (len(timings) - 1))]
        with CaptureQueriesContext(connection) as whole:
            bloc_overview(period=period, scope=scope)
        with CaptureQueriesContext(connection) as small:
            bloc_overview(period=period, scope=Scope(root_unit_id=bloc.pk, group_code="bench-100"))
        print(
            f"bloc_overview {code} ({len(figures)} figures, {UNITS} units): p50 {statistics.median(timings):.0f} ms, "
            f"p95 {p95:.0f} ms, max {timings[-1]:.0f} ms over {RUNS} runs; "
            f"queries: {len(whole.captured_queries)} for {UNITS} units, {len(small.captured_queries)} for 100 units"
        )


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    build()
    refresh_windows()
    analyze()
    measure()


if __name__ == "__main__":
    main()
