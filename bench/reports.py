"""Benchmark: the full year report of a 1,000-unit bloc as HTML, .docx, .xlsx and PDF, and the
article checker on a 1,000-word article (goal: under 1 s).

    .venv/bin/python bench/reports.py                      # SQLite file var/bench-reports.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/khoi_reports .venv/bin/python bench/reports.py

The first run builds the data: the demo bloc (95 units, figures of 2020–2021) plus 905 synthetic
units with approved year figures for 2020 and 2021, written directly in bulk (set-up only; the
timed part goes through the same selectors and writers as the pages).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-reports.sqlite3'}")
os.environ.setdefault("SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import translation  # noqa: E402

UNITS = 1000
SEED_YEAR = ROOT.parent / "shared" / "seeds" / "2021-12-28-hoi-nghi-lan-thu-bay.txt"


def build() -> None:
    from khoi.accounts import demo as accounts_demo
    from khoi.reporting import demo as reporting_demo
    from khoi.reporting.models import (
        Indicator,
        IndicatorValue,
        ReportingRound,
        Submission,
        SubmissionStatus,
        UnitAggregation,
    )
    from khoi.reports import demo as reports_demo
    from khoi.units import demo as units_demo
    from khoi.units.models import BASE_KINDS, Ownership, Unit, UnitKind

    call_command("migrate", verbosity=0)
    if Unit.objects.filter(code__startswith="BX").exists():
        _refresh_window_values()
        return
    print("Building the 1,000-unit bloc (first run only)…", flush=True)
    units_demo.load()
    accounts_demo.load()
    reporting_demo.load()
    reports_demo.load()
    bloc = Unit.objects.get(kind=UnitKind.BLOC)
    existing = Unit.objects.filter(kind__in=BASE_KINDS, left_on__isnull=True).count()
    sample = list(Unit.objects.filter(kind__in=BASE_KINDS).exclude(sector=None)[:20])
    rng = random.Random("bench-reports")
    with transaction.atomic():
        new = [
            Unit(
                code=f"BX{number:04d}",
                name=f"Chi bộ Công ty Cổ phần Thử nghiệm số {number}",
                short_name=f"CTCP Thử nghiệm {number}",
                kind=UnitKind.BASE_CELL,
                parent=bloc,
                enterprise_name=f"Công ty Cổ phần Thử nghiệm số {number}",
                tax_code=f"09{number:08d}",
                ownership=rng.choice([Ownership.STATE, Ownership.NON_STATE, Ownership.FDI]),
                sector=sample[number % len(sample)].sector,
                zone=sample[number % len(sample)].zone,
                joined_on=dt.date(2015, 1, 1),
            )
            for number in range(1, UNITS - existing + 1)
        ]
        Unit.objects.bulk_create(new, batch_size=500)
        for unit in Unit.objects.filter(code__startswith="BX"):
            unit.refresh_search_text()
            Unit.objects.filter(pk=unit.pk).update(
                path=f"{bloc.path}{unit.pk}/", depth=bloc.depth + 1, search_text=unit.search_text
            )
        stored = [
            indicator
            for indicator in Indicator.objects.filter(unit_aggregation=UnitAggregation.SUM).prefetch_related("groups")
            if not indicator.groups.exists()
        ]
        added = list(Unit.objects.filter(code__startswith="BX"))
        for code in ("2020-Y", "2021-Y"):
            reporting_round = ReportingRound.objects.get(period_code=code)
            year = int(code[:4])
            submissions = Submission.objects.bulk_create(
                [
                    Submission(reporting_round=reporting_round, unit=unit, status=SubmissionStatus.APPROVED)
                    for unit in added
                ],
                batch_size=500,
            )
            values = []
            for submission in submissions:
                for indicator in stored:
                    base = {"revenue": 30, "budget": 1.5, "workers": 40, "exports": 0.3}.get(indicator.code, 5)
                    values.append(
                        IndicatorValue(
                            submission=submission,
                            unit_id=submission.unit_id,
                            indicator=indicator,
                            period_code=code,
                            period_kind="Y",
                            period_start=dt.date(year, 1, 1),
                            period_end=dt.date(year, 12, 31),
                            months=12,
                            value=Decimal(str(round(base * rng.uniform(0.3, 2.0), 2))),
                        )
                    )
            IndicatorValue.objects.bulk_create(values, batch_size=2000)
    _refresh_window_values()
    print(f"  {Unit.objects.filter(kind__in=BASE_KINDS, left_on__isnull=True).count()} base units", flush=True)


def _refresh_window_values() -> None:
    """The reporting engine keeps each unit's window values; the bulk-written units need theirs."""
    from khoi.reporting import services as reporting_services
    from khoi.reporting.models import WindowValue
    from khoi.units.models import Unit

    ids = list(Unit.objects.filter(code__startswith="BX").values_list("id", flat=True))
    if ids and not WindowValue.objects.filter(unit_id=ids[0]).exists():
        reporting_services.window_values_refresh(unit_ids=ids, years=[2020, 2021])


def timed(label: str, function: Callable[[], object], repeat: int = 3) -> float:
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    best, median = min(times), statistics.median(times)
    size = f"{len(result):>10,} bytes" if isinstance(result, bytes | str) else ""
    print(f"{label:<42} best {best:6.2f} s   median {median:6.2f} s   {size}", flush=True)
    return best


def article(words: int = 1000) -> str:
    text = SEED_YEAR.read_text(encoding="utf-8") if SEED_YEAR.exists() else ""
    paragraphs = [p for p in text.split("\n") if p.strip()] or ["Tổng doanh thu 27.701 tỷ đồng, tăng 7,7% so cùng kỳ."]
    out: list[str] = []
    while sum(len(p.split()) for p in out) < words:
        out.extend(paragraphs)
    return "\n\n".join(out)


def main() -> None:
    build()
    translation.activate("vi")
    from khoi.accounts.models import User
    from khoi.reporting.periods import Period
    from khoi.reports import figure_source, report_build, report_files
    from khoi.units.models import BASE_KINDS, Unit

    period = Period.parse("2021-Y")
    units = Unit.objects.filter(kind__in=BASE_KINDS, left_on__isnull=True).count()
    print(f"\nKhối reports benchmark – {connection.vendor}, {units} units, year 2021 vs 2020")
    print("(2 shared CPU cores, other engineers' work running: figures are pessimistic)\n")
    client = Client()
    client.force_login(User.objects.get(username="vanphong"))
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        timed(
            "HTML report page (GET /reports/?period=2021-Y)",
            lambda: client.get("/reports/", {"period": "2021-Y"}).content,
        )
    timed("report data (report_build.bloc_report)", lambda: repr(report_build.bloc_report(period=period)))

    def document(fmt: str) -> bytes:
        return report_files.report_document(period=period, format=fmt)[1]

    for fmt in ("docx", "xlsx", "pdf"):
        timed(f".{fmt} (report_files.report_document)", functools.partial(document, fmt))
    text = article()
    print(f"\narticle: {len(text.split()):,} words, {len(text):,} characters")
    best = timed(
        "checker (figure_source.article_check)",
        lambda: repr(figure_source.article_check(text=text, period=period).marks),
        repeat=5,
    )
    print(f"checker goal < 1 s: {'met' if best < 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
