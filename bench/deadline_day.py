"""Deadline day: hundreds of reporters saving and submitting while staff approve in bulk and
leadership watch the overview, on the production layout, on 127.0.0.1 only.

    .venv/bin/python bench/deadline_day.py [--db postgres|sqlite] [--reporters 200] [--units 1000]
        [--workers 2] [--threads 4] [--leaders 2] [--batch 100] [--think SECONDS] [--ramp SECONDS] [--quick]
        [--rebuild]

What it does, cleaning up after itself:
1. a bloc of --units base organisations with two years of monthly history (23 approved monthly
   forms, January 2024 to November 2025, the standard catalogue's 15 typed indicators each, written
   with bulk inserts) and its stored window values, kept as a template (PostgreSQL: the database
   khoi_deadline_template; SQLite: var/bench_deadline_template-<units>.sqlite3) and copied for each
   run (khoi_deadline, var/bench_deadline.sqlite3). --rebuild makes the template anew;
2. the round of December 2025 open, a reporter account for each unit, one staff member and the
   leaders, each signed in (a session in the database, as the sign-in page makes);
3. granian (as deploy/systemd runs the main pool: --workers processes, --threads each) with the
   production settings, on PostgreSQL + Redis (--db postgres) or on the SQLite file (--db sqlite);
4. the load: every unit's reporter, at most --reporters at once, opens the form (GET), saves a
   draft of half the values (POST), reloads it, saves every value (POST), reloads, submits (POST),
   as a browser does (with --think, a reporter reads and types for that many seconds on average,
   0,5–1,5 times it, before each save or submit, as people do; without it, no pause: the closed
   loop measures the most the server can take; the first --reporters arrive evenly over --ramp
   seconds, by default three think times (one reporter's form: the pace at which places free
   later), as people do not all open the form in the same second;
   each later one as a place frees); staff approve what is submitted in batches of --batch (POST, the round's
   bulk approval) as soon as a batch is waiting; --leaders people load the bloc overview and the
   dashboard every second each until every form is approved;
5. after stopping the server, reads the database: every value a reporter last saved must be
   stored once with that figure (lost or changed values, and values nobody typed, are counted),
   every form approved, and the stored windows of 40 units equal to a full recomputation.

Prints p50/p95/p99 per action, forms approved per second (and the time the approval requests
took in all), the overview's and dashboard's latency during the load, CPU by component (server
processes, database, Redis, this load generator) and the reference loop's time (compare runs by
it: the machine is shared). --quick: 300 units, 200 of them reporting, 100 at once (on a quiet
machine, under two minutes once the template exists). Before the load, one bulk approval's
window refresh is timed in-process both ways (whole unit-years as before issue 18, and only the
touched windows) on the same forms, rolled back.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.contest_load import CpuMeter, Server, percentile, reference_loop_seconds  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
HOST = "127.0.0.1"
PORT = 8210
PG = "postgresql://postgres@127.0.0.1:5432/"
DB_NAME = "khoi_deadline"
REDIS_URL = "redis://127.0.0.1:6379/6"
BENCH_CODE = "DEADLINE-BLOC"
FORM_CODE = "deadline-monthly"
HISTORY = [(2024, m) for m in range(1, 13)] + [(2025, m) for m in range(1, 12)]
DUE = "2025-12"
TEMPLATE_VERSION = "1"

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_RE = re.compile(r'name="version" value="(\d+)"')
FIELD_RE = re.compile(r'name="(v-[a-z0-9_]+-\d{4}-\d{2})"')


# ---- the data, the same in the template and in the reporters' hands ----------------------------


def unit_values(number: int, month_factor: float) -> dict[str, int | float]:
    """A unit's monthly figures, consistent with the catalogue's rules (parts add up, month on
    month within ±50%), around a profile of its own."""
    rng = random.Random(number)
    workers = rng.randint(40, 4000)
    female = int(workers * rng.uniform(0.3, 0.6))
    revenue = rng.uniform(5, 900)

    def around(value: float) -> float:
        return round(value * month_factor, 2)

    return {
        "revenue": around(revenue),
        "exports": around(revenue * 0.2),
        "budget": around(revenue * 0.08),
        "workers": workers,
        "female_workers": female,
        "male_workers": workers - female,
        "high_skilled_workers": workers // 5,
        "wage_fund": around(workers * 0.012),
        "worker_months": workers,
        "party_members": max(3, workers // 40),
        "social_welfare": around(revenue * 0.001),
        "covid_fund": around(revenue * 0.0005),
    }


def django_env(args: argparse.Namespace, secret: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secret,
            "DATABASE_URL": database_url(args, template=False),
            "REDIS_URL": REDIS_URL,
            "ALLOWED_HOSTS": HOST,
            "KHOI_HTTPS": "false",
            "SECURE_COOKIES": "false",
            "CACHE_KEY_PREFIX": "khoi-deadline",
            "LOG_LEVEL": "ERROR",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def sqlite_path(args: argparse.Namespace, *, template: bool) -> Path:
    name = f"bench_deadline_template-{args.units}-v{TEMPLATE_VERSION}" if template else "bench_deadline"
    return ROOT / "var" / f"{name}.sqlite3"


def template_name(args: argparse.Namespace) -> str:
    return f"{DB_NAME}_template_{args.units}_v{TEMPLATE_VERSION}"


def database_url(args: argparse.Namespace, *, template: bool) -> str:
    if args.db == "sqlite":
        return f"sqlite:///{sqlite_path(args, template=template)}"
    return f"postgres://postgres@127.0.0.1:5432/{template_name(args) if template else DB_NAME}"


# ---- steps run inside Django (a subprocess with the server's settings) ------------------------


def open_round(**kwargs: Any) -> Any:
    """services.round_open, wherever this tree keeps it (round_services since the services split)."""
    try:
        from khoi.reporting.round_services import round_open
    except ImportError:
        from khoi.reporting.services import round_open  # type: ignore[attr-defined,no-redef]
    return round_open(**kwargs)


def build_template(units: int) -> None:
    """The bloc, its reporters and two years of approved monthly forms, with bulk inserts."""
    import datetime as dt
    from decimal import Decimal

    from django.db import connection, models, transaction
    from django.db.models import F, Value
    from django.db.models.functions import Cast, Concat

    from khoi.accounts.models import Department, Role, User
    from khoi.reporting import services
    from khoi.reporting.models import (
        FormIndicator,
        Indicator,
        IndicatorValue,
        ReportForm,
        ReportingRound,
        Submission,
        SubmissionStatus,
    )
    from khoi.reporting.periods import Period
    from khoi.units.models import Unit, UnitKind

    started = time.perf_counter()
    with transaction.atomic():
        services.catalogue_install()
        bloc = Unit.objects.create(
            code=BENCH_CODE, name="Khối thử tải", kind=UnitKind.BLOC, joined_on=dt.date(2000, 1, 1)
        )
        bloc.path = f"{bloc.pk}/"
        bloc.save(update_fields=["path"])
        Unit.objects.bulk_create(
            [
                Unit(
                    code=f"D{i:05d}",
                    name=f"Chi bộ Công ty thử tải số {i}",
                    kind=UnitKind.BASE_CELL if i % 3 else UnitKind.BASE_COMMITTEE,
                    parent=bloc,
                    tax_code=f"8{i:09d}",
                    joined_on=dt.date(2000, 1, 1),
                    depth=1,
                )
                for i in range(1, units + 1)
            ],
            batch_size=1000,
        )
        Unit.objects.filter(parent=bloc).update(
            path=Concat(Value(bloc.path), Cast(F("id"), output_field=models.CharField()), Value("/"))
        )
        unit_rows = list(Unit.objects.filter(parent=bloc).order_by("code").values_list("id", "code"))
        User.objects.bulk_create(
            [
                User(username=f"baocao.{code.lower()}", role=Role.REPORTER, unit_id=pk, password="!")
                for pk, code in unit_rows
            ]
            + [User(username="vanphong.tai", role=Role.STAFF, department=Department.OFFICE, password="!")]
            + [User(username=f"lanhdao.tai{n}", role=Role.LEADERSHIP, password="!") for n in range(10)]
        )
        typed = {i.code: i for i in Indicator.objects.filter(code__in=unit_values(1, 1.0))}
        form = ReportForm.objects.create(code=FORM_CODE, name="Báo cáo tháng (thử tải)", frequency="M")
        FormIndicator.objects.bulk_create(
            [FormIndicator(form=form, indicator=i, order=n, required=True) for n, i in enumerate(typed.values())]
        )
        numbers = {pk: int(code[1:]) for pk, code in unit_rows}
        for year, month in HISTORY:
            period = Period(year, "M", month)
            reporting_round = ReportingRound.objects.create(
                form=form, period_code=str(period), deadline=period.end + dt.timedelta(days=10), status="closed"
            )
            submissions = Submission.objects.bulk_create(
                [
                    Submission(reporting_round=reporting_round, unit_id=pk, status=SubmissionStatus.APPROVED)
                    for pk, _code in unit_rows
                ],
                batch_size=1000,
            )
            factor = 1 + 0.05 * ((month * 7 + year) % 5 - 2) / 2
            IndicatorValue.objects.bulk_create(
                [
                    IndicatorValue(
                        submission_id=s.pk,
                        unit_id=s.unit_id,
                        indicator_id=typed[code].pk,
                        period_code=str(period),
                        period_kind="M",
                        period_start=period.start,
                        period_end=period.end,
                        months=1,
                        value=Decimal(str(value)),
                    )
                    for s in submissions
                    for code, value in unit_values(numbers[s.unit_id], factor).items()
                ],
                batch_size=5000,
            )
        print(f"  history written in {time.perf_counter() - started:.0f} s", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would have, before the windows are derived
        refresh_started = time.perf_counter()
        ids = list(Submission.objects.values_list("pk", flat=True).order_by("pk"))
        try:
            from khoi.reporting.windows import windows_refresh_for_submissions
        except ImportError:  # an older tree: the whole-year refresh
            services.window_values_refresh(unit_ids=[pk for pk, _code in unit_rows], years=[2024, 2025])
        else:
            for index in range(0, len(ids), 2000):
                windows_refresh_for_submissions(submission_ids=ids[index : index + 2000])
        print(f"  window values stored in {time.perf_counter() - refresh_started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  template of {units} units built in {time.perf_counter() - started:.0f} s", flush=True)


def prepare_run(reporters_file: str) -> None:
    """Open the round due and sign everyone in; write what the load generator needs."""
    import datetime as dt

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from khoi.accounts.models import Role, User
    from khoi.reporting.models import ReportForm, Submission

    form = ReportForm.objects.get(code=FORM_CODE)
    reporting_round = open_round(form=form, period_code=DUE, deadline=dt.date(2026, 1, 10), actor=None)

    def session(user: User) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = next(b for b in settings.AUTHENTICATION_BACKENDS if "axes" not in b)
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return str(store.session_key)

    submission_of = dict(Submission.objects.filter(reporting_round=reporting_round).values_list("unit_id", "pk"))
    reporters = [
        {"submission": submission_of[user.unit_id], "number": int(user.unit.code[1:]), "session": session(user)}
        for user in User.objects.filter(role=Role.REPORTER, unit_id__in=submission_of).select_related("unit")
    ]
    staff = session(User.objects.get(username="vanphong.tai"))
    leaders = [session(user) for user in User.objects.filter(role=Role.LEADERSHIP).order_by("username")]
    Path(reporters_file).write_text(
        json.dumps({"round": reporting_round.pk, "reporters": reporters, "staff": staff, "leaders": leaders})
    )


def verify(expected_file: str) -> None:
    """Compare the database with what the reporters last saved; check a sample of windows."""
    from decimal import Decimal

    from khoi.reporting.aggregation import StoredValue, window_values
    from khoi.reporting.models import (
        Indicator,
        IndicatorValue,
        Submission,
        SubmissionStatus,
        TimeAggregation,
        WindowValue,
    )
    from khoi.reporting.parsing import parse_number
    from khoi.reporting.periods import Period

    data = json.loads(Path(expected_file).read_text())
    expected = {int(k): v for k, v in data["values"].items()}
    codes = dict(Indicator.objects.values_list("pk", "code"))
    stored: dict[int, dict[str, Decimal]] = defaultdict(dict)
    duplicated = 0
    for submission_id, indicator_id, value in IndicatorValue.objects.filter(
        submission__reporting_round_id=data["round"]
    ).values_list("submission_id", "indicator_id", "value"):
        name = f"v-{codes[indicator_id]}-{DUE}"
        if name in stored[submission_id]:
            duplicated += 1
        stored[submission_id][name] = value
    lost = changed = unexpected = 0
    for submission_id, values in expected.items():
        have = stored.get(submission_id, {})
        for name, text in values.items():
            if name not in have:
                lost += 1
            elif have[name] != parse_number(text):
                changed += 1
        unexpected += len(set(have) - set(values))
    unexpected += sum(len(v) for k, v in stored.items() if k not in expected)
    statuses = Counter(
        Submission.objects.filter(reporting_round_id=data["round"]).values_list("status", flat=True).order_by()
    )
    stock_ids = set(Indicator.objects.filter(time_aggregation=TimeAggregation.STOCK).values_list("pk", flat=True))
    sample = list(
        Submission.objects.filter(reporting_round_id=data["round"])
        .order_by("unit_id")
        .values_list("unit_id", flat=True)
    )[:40]
    wrong_windows = 0
    for unit_id in sample:
        values = [
            StoredValue(i, Period.parse(pc), v, s == SubmissionStatus.APPROVED)
            for i, pc, v, s in IndicatorValue.objects.filter(
                unit_id=unit_id,
                period_start__year=2025,
                submission__status__in=[SubmissionStatus.APPROVED, SubmissionStatus.SUBMITTED],
            ).values_list("indicator_id", "period_code", "value", "submission__status")
        ]
        reference = window_values(values, stock_indicator_ids=stock_ids, year=2025)
        kept = {
            (i, code): (a, s)
            for i, code, a, s in WindowValue.objects.filter(unit_id=unit_id, year=2025).values_list(
                "indicator_id", "window_code", "approved_value", "submitted_value"
            )
        }
        wrong_windows += len(set(reference.items()) ^ set(kept.items()))
    print(
        json.dumps(
            {
                "lost": lost,
                "changed": changed,
                "unexpected": unexpected,
                "duplicated": duplicated,
                "statuses": dict(statuses),
                "sample_units": len(sample),
                "wrong_windows": wrong_windows,
            }
        )
    )


def refresh_cost(batch: str) -> None:
    """What one bulk approval's window refresh costs, both ways, on the same 100 forms (rolled back):
    the whole unit-years of the forms' units (before issue 18) and only the touched windows."""
    import datetime as dt
    from decimal import Decimal

    from django.db import transaction

    from khoi.reporting import services
    from khoi.reporting.models import Indicator, IndicatorValue, ReportForm, Submission, SubmissionStatus
    from khoi.reporting.periods import Period

    form = ReportForm.objects.get(code=FORM_CODE)
    period = Period.parse(DUE)
    codes = dict(Indicator.objects.filter(code__in=unit_values(1, 1.0)).values_list("code", "pk"))
    timings: dict[str, list[float]] = defaultdict(list)
    for attempt in range(3):
        with transaction.atomic():
            reporting_round = open_round(form=form, period_code=DUE, deadline=dt.date(2026, 1, 10), actor=None)
            submissions = list(
                Submission.objects.filter(reporting_round=reporting_round).select_related("unit")[: int(batch)]
            )
            IndicatorValue.objects.bulk_create(
                [
                    IndicatorValue(
                        submission=s,
                        unit_id=s.unit_id,
                        indicator_id=codes[code],
                        period_code=DUE,
                        period_kind="M",
                        period_start=period.start,
                        period_end=period.end,
                        months=1,
                        value=Decimal(str(value)),
                    )
                    for s in submissions
                    for code, value in unit_values(int(s.unit.code[1:]), 1.0).items()
                ]
            )
            Submission.objects.filter(pk__in=[s.pk for s in submissions]).update(status=SubmissionStatus.APPROVED)
            unit_ids, submission_ids = [s.unit_id for s in submissions], [s.pk for s in submissions]
            ways: list[tuple[str, Callable[[], object]]] = [
                ("whole unit-years", partial(services.window_values_refresh, unit_ids=unit_ids, years=[period.year]))
            ]
            try:
                from khoi.reporting.windows import windows_refresh_for_submissions
            except ImportError:  # a tree from before issue 18
                pass
            else:
                ways.append(
                    ("touched windows only", partial(windows_refresh_for_submissions, submission_ids=submission_ids))
                )
            for label, refresh in ways:
                began, began_cpu = time.perf_counter(), time.process_time()
                refresh()
                timings[label].append((time.perf_counter() - began) * 1000)
                timings[label + " (CPU of this process)"].append((time.process_time() - began_cpu) * 1000)
            transaction.set_rollback(True)
        del attempt
    print(json.dumps({label: statistics.median(values) for label, values in timings.items()}))


def django_main(step: str, argument: str) -> None:
    import django

    django.setup()
    if step == "build":
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        build_template(int(argument))
    elif step == "prepare":
        prepare_run(argument)
    elif step == "verify":
        verify(argument)
    elif step == "refresh-cost":
        refresh_cost(argument)
    elif step == "migrate":
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


# ---- databases --------------------------------------------------------------------------------


def run_django(args: argparse.Namespace, env: dict[str, str], step: str, argument: str, url: str) -> str:
    out = subprocess.run(
        [str(PYTHON), str(Path(__file__)), "--django-step", step, argument],
        cwd=ROOT,
        env={**env, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if out.returncode:
        print(out.stdout, out.stderr[-3000:], sep="\n")
        raise SystemExit(f"the {step} step failed")
    return out.stdout


def template_complete(args: argparse.Namespace) -> bool:
    """The template exists and its build finished (the form is written in the build's transaction)."""
    sql = "SELECT 1 FROM reporting_reportform WHERE code = {}"
    try:
        if args.db == "sqlite":
            import sqlite3

            path = sqlite_path(args, template=True)
            if not path.exists():
                return False
            with sqlite3.connect(path) as conn:
                return conn.execute(sql.format("?"), (FORM_CODE,)).fetchone() is not None
        import psycopg

        with psycopg.connect(PG + template_name(args)) as conn:
            return conn.execute(sql.format("%s"), (FORM_CODE,)).fetchone() is not None
    except Exception:  # no database, no table: not built
        return False


def ensure_template(args: argparse.Namespace, env: dict[str, str]) -> None:
    if template_complete(args) and not args.rebuild:
        return
    if args.db == "sqlite":
        path = sqlite_path(args, template=True)
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
    else:
        import psycopg

        with psycopg.connect(PG + "postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{template_name(args)}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{template_name(args)}"')
    print(f"building the template ({args.units} units, {len(HISTORY)} months of history) …", flush=True)
    print(run_django(args, env, "build", str(args.units), database_url(args, template=True)), end="", flush=True)


def fresh_copy(args: argparse.Namespace) -> None:
    if args.db == "sqlite":
        target = sqlite_path(args, template=False)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(sqlite_path(args, template=True), target)
        return
    import psycopg

    with psycopg.connect(PG + "postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}" TEMPLATE "{template_name(args)}"')


def submitted_ids(args: argparse.Namespace, round_id: int) -> list[int]:
    """What staff see waiting on the round's page (read straight from the database)."""
    sql = "SELECT id FROM reporting_submission WHERE reporting_round_id = {} AND status = 'submitted' ORDER BY id"
    if args.db == "sqlite":
        import sqlite3

        with sqlite3.connect(sqlite_path(args, template=False), timeout=20) as conn:
            return [row[0] for row in conn.execute(sql.format("?"), (round_id,))]
    import psycopg

    with psycopg.connect(PG + DB_NAME) as conn:
        return [row[0] for row in conn.execute(sql.format("%s"), (round_id,))]


# ---- the load ---------------------------------------------------------------------------------


class Stats:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[str] = Counter()
        self.approved = 0
        self.approval_seconds = 0.0
        self.first_approval = self.last_approval = 0.0
        self.expected: dict[int, dict[str, str]] = {}


async def timed[T](stats: Stats, action: str, call: Awaitable[T]) -> T:
    began = time.monotonic()
    result = await call
    stats.latency[action].append(time.monotonic() - began)
    return result


def client(session_key: str) -> object:
    import aiohttp

    jar = aiohttp.CookieJar(unsafe=True)
    session = aiohttp.ClientSession(
        f"http://{HOST}:{PORT}",
        cookie_jar=jar,
        timeout=aiohttp.ClientTimeout(total=120),
        connector=aiohttp.TCPConnector(limit=4),
    )
    jar.update_cookies({"sessionid": session_key})
    return session


async def reporter(
    stats: Stats, info: dict[str, object], slots: asyncio.Semaphore, think: float, arrival: float
) -> None:
    async with slots:
        await asyncio.sleep(arrival)  # the first --reporters arrive over --ramp seconds, not at once
        session = client(str(info["session"]))
        url = f"/reporting/submissions/{info['submission']}/"
        number = int(str(info["number"]))
        try:
            values = {
                f"v-{code}-{DUE}": str(value).replace(".", ",")
                for code, value in unit_values(number, random.uniform(0.97, 1.03)).items()
            }
            names = list(values)
            half = {name: values[name] for name in names[: len(names) // 2]}

            async def page() -> tuple[str, str]:
                async with session.get(url) as response:  # type: ignore[attr-defined]
                    text = await response.text()
                    if response.status != 200:
                        raise RuntimeError(f"form page {response.status}")
                csrf, version = CSRF_RE.search(text), VERSION_RE.search(text)
                if not csrf or not version:
                    raise RuntimeError("form page without its form")
                return csrf.group(1), version.group(1)

            async def post(action: str, fields: dict[str, str]) -> None:
                csrf, version = await timed(stats, "open form", page())
                if think:
                    await asyncio.sleep(random.uniform(0.5 * think, 1.5 * think))
                body = {"csrfmiddlewaretoken": csrf, "version": version, "action": action, **fields}
                label = "save draft" if action == "save" else "submit"
                began = time.monotonic()
                async with session.post(url, data=body, allow_redirects=False) as response:  # type: ignore[attr-defined]
                    await response.read()
                    stats.latency[label].append(time.monotonic() - began)
                    if response.status != 302:
                        raise RuntimeError(f"{label} answered {response.status}")

            await post("save", half)
            stats.expected[int(str(info["submission"]))] = half
            await post("save", values)
            stats.expected[int(str(info["submission"]))] = values
            await post("submit", values)
        except Exception as error:  # every failure is counted and shown
            stats.errors[f"reporter: {error}"] += 1
        finally:
            await session.close()  # type: ignore[attr-defined]


async def staff(
    args: argparse.Namespace, stats: Stats, info: dict[str, object], total: int, done: asyncio.Event
) -> None:
    session = client(str(info["staff"]))
    round_url = f"/reporting/rounds/{info['round']}/"
    try:
        async with session.get(round_url) as response:  # type: ignore[attr-defined]
            token = CSRF_RE.search(await response.text())
        if not token:
            raise RuntimeError("round page without a form")
        while stats.approved < total:
            waiting = await asyncio.to_thread(submitted_ids, args, int(str(info["round"])))
            if len(waiting) < args.batch and not done.is_set():
                await asyncio.sleep(0.5)
                continue
            if not waiting:
                if done.is_set():
                    break
                continue
            batch = waiting[: args.batch]
            body = [("csrfmiddlewaretoken", token.group(1)), *[("submission_ids", str(i)) for i in batch]]
            began = time.monotonic()
            stats.first_approval = stats.first_approval or began
            async with session.post(f"{round_url}approve/", data=body, allow_redirects=False) as response:  # type: ignore[attr-defined]
                await response.read()
                status = response.status
            now = time.monotonic()
            stats.latency[f"bulk approve ({args.batch} forms)"].append(now - began)
            if status != 302:
                stats.errors[f"bulk approve answered {status}"] += 1
                await asyncio.sleep(0.5)
                continue
            stats.approval_seconds += now - began
            stats.last_approval = now
            stats.approved += len(batch)
    except Exception as error:
        stats.errors[f"staff: {error}"] += 1
    finally:
        await session.close()  # type: ignore[attr-defined]


async def leader(stats: Stats, session_key: str, stop: asyncio.Event) -> None:
    session = client(session_key)
    pages = {
        "overview (leadership)": f"/reporting/overview/?period={DUE[:4]}-Y&include_submitted=on",
        "dashboard (leadership)": f"/reports/dashboard/?period={DUE[:4]}-Y",
    }
    try:
        while not stop.is_set():
            began = time.monotonic()
            for label, url in pages.items():
                start = time.monotonic()
                async with session.get(url) as response:  # type: ignore[attr-defined]
                    await response.read()
                    if response.status != 200:
                        stats.errors[f"{label} answered {response.status}"] += 1
                stats.latency[label].append(time.monotonic() - start)
            await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - began)))
    finally:
        await session.close()  # type: ignore[attr-defined]


async def load(args: argparse.Namespace, info: dict[str, object], stats: Stats) -> None:
    reporters = list(info["reporters"])  # type: ignore[call-overload]
    random.shuffle(reporters)
    reporters = reporters[: args.forms or len(reporters)]
    slots = asyncio.Semaphore(args.reporters)
    done, stop = asyncio.Event(), asyncio.Event()
    leaders = [asyncio.create_task(leader(stats, key, stop)) for key in list(info["leaders"])[: args.leaders]]  # type: ignore[call-overload]
    approving = asyncio.create_task(staff(args, stats, info, len(reporters), done))
    # The first --reporters arrive spread over --ramp seconds; each later one as a place frees.
    arrivals = [args.ramp * i / args.reporters if i < args.reporters else 0.0 for i in range(len(reporters))]
    await asyncio.gather(
        *(reporter(stats, r, slots, args.think, arrival) for r, arrival in zip(reporters, arrivals, strict=True))
    )
    done.set()
    await approving
    stop.set()
    await asyncio.gather(*leaders)


async def wait_until_up(deadline: float) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            try:
                async with session.get(f"http://{HOST}:{PORT}/health/", timeout=aiohttp.ClientTimeout(total=2)) as r:
                    if r.status < 500:
                        return
            except (aiohttp.ClientError, TimeoutError):
                pass
            await asyncio.sleep(0.3)
    raise RuntimeError("the server did not answer")


# ---- report -----------------------------------------------------------------------------------


def report(args: argparse.Namespace, stats: Stats, wall: float, meter: CpuMeter, checked: dict[str, object]) -> int:
    pause = f"each thinking {args.think:g} s on average before a save or submit" if args.think else "no pause"
    if args.ramp:
        pause += f"; the first {args.reporters} arriving over {args.ramp:g} s"
    print()
    print(
        f"Deadline day on {args.db} ({'granian' if args.db == 'postgres' else 'granian, SQLite file'}, "
        f"{args.workers} workers × {args.threads} threads): {len(stats.expected)} reporters' forms, "
        f"at most {args.reporters} reporters at once ({pause}), "
        f"{args.leaders} leaders watching; {wall:.0f} s in all"
    )
    print(f"  {'action':<30} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for action in sorted(stats.latency):
        values = stats.latency[action]
        print(
            f"  {action:<30} {len(values):>6} {1000 * statistics.median(values):>8.0f} "
            f"{1000 * percentile(values, 0.95):>8.0f} {1000 * percentile(values, 0.99):>8.0f} "
            f"{1000 * max(values):>8.0f}"
        )
    span = max(0.001, stats.last_approval - stats.first_approval)
    print(
        f"  approved {stats.approved} forms: {stats.approval_seconds:.1f} s of approval requests in all "
        f"({stats.approved / max(stats.approval_seconds, 0.001):.0f} forms/s while approving), "
        f"{stats.approved / span:.1f} forms/s from the first approval to the last "
        f"({span:.0f} s, paced by the reporters)"
    )
    print(f"  errors: {dict(stats.errors) or 'none'}")
    print(
        f"  values: {checked['lost']} lost, {checked['changed']} changed, {checked['unexpected']} not typed, "
        f"{checked['duplicated']} duplicated; forms by status {checked['statuses']}; stored windows of "
        f"{checked['sample_units']} units vs a full recomputation: {checked['wrong_windows']} differ"
    )
    meter.report(stats.approved)
    print(f"  reference loop: {reference_loop_seconds():.2f} s (CPU seconds of a fixed loop; compare runs by it)")
    bad = sum(int(checked[k]) for k in ("lost", "changed", "unexpected", "duplicated", "wrong_windows"))  # type: ignore[call-overload]
    return 1 if bad or stats.errors else 0


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--django-step":
        django_main(sys.argv[2], sys.argv[3])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--reporters", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--leaders", type=int, default=2)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--forms", type=int, default=0, help="how many units report (default: all)")
    parser.add_argument(
        "--think", type=float, default=0.0, help="a reporter's mean pause before each save or submit, seconds"
    )
    parser.add_argument(
        "--ramp",
        type=float,
        default=None,
        help="the first --reporters arrive evenly over this many seconds (default: 3 × --think; 0: all at once)",
    )
    parser.add_argument("--quick", action="store_true", help="300 units, 200 of them reporting, 100 at once")
    parser.add_argument("--rebuild", action="store_true", help="make the template database anew")
    parser.add_argument("--skip-refresh-cost", action="store_true", help="leave out the in-process refresh timing")
    args = parser.parse_args()
    if args.ramp is None:
        args.ramp = 3 * args.think  # one reporter's three pauses: the pace at which places free later
    if args.quick:
        args.units, args.reporters = min(args.units, 300), min(args.reporters, 100)
        args.forms = args.forms or 200
    secret = secrets.token_urlsafe(40)
    env = django_env(args, secret)
    print(f"reference loop: {reference_loop_seconds():.2f} s (CPU seconds of a fixed loop)", flush=True)
    ensure_template(args, env)
    fresh_copy(args)
    run_django(args, env, "migrate", "-", database_url(args, template=False))  # a template from older code
    if not args.skip_refresh_cost:
        cost = json.loads(
            run_django(args, env, "refresh-cost", str(args.batch), database_url(args, template=False)).splitlines()[-1]
        )
        print(
            f"window refresh of one bulk approval ({args.batch} forms of December, {args.units} units with "
            f"23 months of history), in-process, median of 3: "
            + "; ".join(f"{label} {ms:.0f} ms" for label, ms in cost.items()),
            flush=True,
        )
    run_dir = ROOT / "var"
    run_dir.mkdir(exist_ok=True)
    info_file = run_dir / f"deadline-{os.getpid()}.json"
    expected_file = run_dir / f"deadline-{os.getpid()}-expected.json"
    run_django(args, env, "prepare", str(info_file), database_url(args, template=False))
    info = json.loads(info_file.read_text())
    info_file.unlink()
    server = Server(env, PORT, args.workers, args.threads, kind="granian")
    stats = Stats()
    meter = CpuMeter([server], database=DB_NAME if args.db == "postgres" else None)
    server.start()
    try:
        asyncio.run(wait_until_up(time.monotonic() + 60))
        meter.start()
        began = time.monotonic()
        asyncio.run(load(args, info, stats))
        wall = time.monotonic() - began
        meter.stop()
    finally:
        server.stop()
    expected_file.write_text(
        json.dumps(
            {
                "round": info["round"],
                "values": {str(k): v for k, v in stats.expected.items()},
            }
        )
    )
    try:
        checked = json.loads(
            run_django(args, env, "verify", str(expected_file), database_url(args, template=False)).splitlines()[-1]
        )
    except SystemExit as error:  # still print what the load measured
        print(error)
        checked = dict.fromkeys(("lost", "changed", "unexpected", "duplicated", "wrong_windows"), -1)
        checked.update({"statuses": "?", "sample_units": 0})
    finally:
        expected_file.unlink()
    return report(args, stats, wall, meter, checked)


if __name__ == "__main__":
    sys.exit(main())
