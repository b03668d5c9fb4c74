"""Load test of the contest's hot paths on the production setup, on 127.0.0.1 only.

    .venv/bin/python bench/contest_load.py [--server granian|gunicorn] [--workers 2] [--threads 4]
        [--participants 200] [--duration 30] [--questions 5] [--mode html|api]
        [--scenario full|submit-peak] [--ready 50000] [--rate 500] [--kill-one] [--layout split|single]
        [--think SECONDS] [--ramp SECONDS] [--main-workers N] [--client lean|aiohttp] [--database NAME]

What it does, bounded in time and count, and cleaning up after itself:
1. creates the PostgreSQL database khoi_contests (--database) anew (dropping the last run's) and migrates it
   with the production settings
   (DJANGO_SETTINGS_MODULE=config.settings.production, SECURE_COOKIES=false, a generated
   SECRET_KEY, REDIS_URL=redis://127.0.0.1:6379/5, ALLOWED_HOSTS=127.0.0.1);
2. prepares a fresh open round (its own contest, a small bank, the per-address limit lifted: every
   simulated participant comes from 127.0.0.1). For submit-peak it also stores --ready entries
   already started and answered, then VACUUM ANALYZEs the two tables;
3. starts the app servers (granian as deploy/systemd runs them, or gunicorn gthread) on
   127.0.0.1:8200 (the 8200–8209 range). --layout split (the default, as deploy/ runs production):
   the contests pool (config.wsgi_contests) with N worker processes answers autosave and submit,
   a main pool of one worker (config.wsgi, port + 1) everything else, and the simulated
   participants send each request where the proxy would. --layout single: one pool of N workers
   (config.wsgi) answers everything, for comparison;
4. runs many concurrent simulated participants for --duration seconds.
   full, html mode, each one as a phone would: GET the landing page (form, CSRF cookie, signed
   challenge) · waits the challenge's 2 s · POST the entry · GET the question page · POST one
   autosave per question · POST submit · GET the receipt page and read the code. api mode: the
   same steps through /api/v1/contests/.
   submit-peak: the round's last minutes, when everyone who has answered submits at once: each
   simulated participant submits a prepared entry through the API, then takes the next; with
   --rate, submits are sent at that pace whatever the answers' pace (open loop).
   The HTML pages and submit-peak go through a minimal keep-alive HTTP client (LeanConnection,
   connections to each app server kept and taken in turn, as the proxy's upstream keepalive), so
   that the load generator takes little of the cores it shares with the server; --client aiohttp
   uses aiohttp's instead (api mode always does);
5. with --kill-one, SIGKILLs one app worker process (of the pool answering submits) half-way through;
6. stops the server, then compares the receipt codes participants were shown with the entries
   stored in PostgreSQL: every receipt must belong to a stored, finalised entry.
Prints starts/s and submits/s sustained, p50/p95/p99 per step, errors, receipts vs stored entries,
and where the CPU went (app server, PostgreSQL, Redis, this load generator, idle) from /proc, per
request too. All over the measured window: from the end of the warm-up (or of --ramp) to the end
of --duration; the flows under way then are finished for the receipt check, not measured (with
--think they take up to a minute, while the load falls).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict, deque
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
GRANIAN = ROOT / ".venv" / "bin" / "granian"
DB_NAME = "khoi_contests"
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
REDIS_URL = "redis://127.0.0.1:6379/5"
HOST = "127.0.0.1"
# What deploy/nginx/khoi.conf sends to the contests pool.
CONTESTS_POOL = re.compile(r"^/api/v1/contests/entries/[^/]+/(answers|submit)/$")
CHALLENGE_WAIT = 2.05

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHALLENGE_RE = re.compile(r'name="challenge" value="([^"]+)"')
QUESTION_RE = re.compile(r'name="q(\d+)" value="([A-D])"')
RECEIPT_RE = re.compile(r'class="receipt-code">([^<]+)<')

PREPARE = r"""
import datetime as dt, json, sys
import django
django.setup()
from django.utils import timezone
from khoi.contests import services
from khoi.contests.models import Question, Topic

questions, stamp, minutes = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
from khoi.units.models import Unit
if not Unit.objects.exists():
    # The entry form's unit list as in the demo bloc: 95 base organisations.
    from khoi.units.tests.factories import make_bloc, make_unit
    bloc = make_bloc()
    for index in range(95):
        make_unit(bloc, name=f"Đảng bộ Công ty Cổ phần Đo tải số {index + 1:02d}", code=f"DT{index + 1:03d}")
topics = []
for index in range(5):
    code = f"do-tai-{index}"
    topic = Topic.objects.filter(code=code).first() or services.topic_create(
        name=f"Chủ đề đo tải {index + 1}", code=code, position=900 + index)
    for number in range(Question.objects.filter(topic=topic).count(), 20):
        services.question_create(data=services.QuestionData(
            topic=topic, kind="single", text=f"Câu hỏi đo tải {index + 1}.{number + 1}?",
            options=[f"Phương án {letter} của câu {index + 1}.{number + 1}" for letter in "ABCD"],
            correct="ABCD"[number % 4]))
    topics.append(topic)
rules = [(topics[i % 5], questions // 5 + (1 if i < questions % 5 else 0)) for i in range(min(5, questions))]
contest = services.contest_create(title=f"Đo tải {stamp}", slug=f"do-tai-{stamp}", starts_per_ip_per_minute=10**9)
now = timezone.now()
contest_round = services.round_create(
    contest=contest, number=1, opens_at=now - dt.timedelta(minutes=1), closes_at=now + dt.timedelta(minutes=minutes),
    time_limit_seconds=900, draw=rules,
    prediction_question="Dự đoán có bao nhiêu người trả lời đúng tất cả các câu hỏi?")
ready = int(sys.argv[4])
if ready:
    # The submit-peak scenario: entries already started and answered, as in the last minutes of a round.
    import secrets
    from khoi.contests.drawing import draw_questions
    from khoi.contests.models import Answer, Entry
    from khoi.contests.selectors import round_pool_get
    pool = round_pool_get(round_id=contest_round.pk)
    entries = []
    for number in range(ready):
        draw = draw_questions(pool=pool.by_topic, rules=pool.rules)
        entries.append(Entry(
            round=contest_round, name="Nguyễn Văn Đo Tải", phone=f"+8497{(int(stamp[-6:]) * 7 + number) % 10**7:07d}",
            other_unit="Đơn vị đo tải", token=secrets.token_urlsafe(18), draw=[[q, o] for q, o in draw],
            started_at=now, deadline_at=now + dt.timedelta(seconds=900)))
    Entry.objects.bulk_create(entries, batch_size=2000)
    answers = [Answer(entry=e, question_id=q, choice="A", saved_at=now) for e in entries for q, _o in e.draw]
    Answer.objects.bulk_create(answers, batch_size=5000)
    with open(sys.argv[5], "w") as handle:
        json.dump([[e.token, [q for q, _o in e.draw]] for e in entries], handle)
print(json.dumps({"slug": contest.slug, "round_id": contest_round.pk}))
"""


def server_env(secret: str, db_url: str = DB_URL) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECURE_COOKIES": "false",
            # Plain HTTP on 127.0.0.1: no redirect to https (every page would answer 301), no HSTS.
            "KHOI_HTTPS": "false",
            "SECRET_KEY": secret,
            "DATABASE_URL": db_url,
            "REDIS_URL": REDIS_URL,
            "ALLOWED_HOSTS": HOST,
            "CACHE_KEY_PREFIX": "khoi-bench",
            "LOG_LEVEL": "ERROR",
        }
    )
    return env


def fresh_database(name: str = DB_NAME) -> None:
    """The benchmark's own database, made anew: every run starts from the same empty state (runs
    that piled up hundreds of thousands of entries measured ~15% slower than the first)."""
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare(env: dict[str, str], questions: int, minutes: int, ready: int = 0) -> dict[str, object]:
    subprocess.run(
        [str(PYTHON), "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True, timeout=600
    )
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (ROOT / "var").mkdir(exist_ok=True)
    tokens_file = str(ROOT / "var" / f"contest-load-{stamp}.json")
    out = subprocess.run(
        [str(PYTHON), "-c", PREPARE, str(questions), stamp, str(minutes), str(ready), tokens_file],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    info = json.loads(out.stdout.strip().splitlines()[-1])
    if ready:
        # Thousands of rows written in a second are not how a round fills up: let the tables settle
        # (statistics, visibility) as autovacuum would have over the round's days.
        with psycopg.connect(env["DATABASE_URL"].replace("postgres://", "postgresql://"), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE contests_entry, contests_answer")
        tokens_path = Path(tokens_file)
        info["ready"] = json.loads(tokens_path.read_text())
        tokens_path.unlink()
    return info


class Server:
    """The app server (gunicorn or granian) with N worker processes; always stopped on exit."""

    def __init__(
        self,
        env: dict[str, str],
        port: int,
        workers: int,
        threads: int,
        kind: str = "gunicorn",
        module: str = "config.wsgi:application",
    ) -> None:
        self.env, self.port, self.workers, self.threads, self.kind = env, port, workers, threads, kind
        self.module = module
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        if self.kind == "granian":
            # Rust HTTP front, WSGI app in each worker's pool of blocking threads; a killed worker is respawned.
            command = [
                str(GRANIAN),
                "--interface",
                "wsgi",
                "--host",
                HOST,
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
                "--blocking-threads",
                str(self.threads),
                "--backlog",
                "2048",
                "--respawn-failed-workers",
                "--log-level",
                "warning",
                self.module,
            ]
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True)
            return
        command = [
            str(GUNICORN),
            self.module,
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--backlog",
            "2048",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ]
        if self.threads > 1:
            command += ["--worker-class", "gthread", "--threads", str(self.threads)]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True)

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        pids: list[int] = []
        for task in Path(f"/proc/{self.process.pid}/task").glob("*/children"):
            pids += [int(pid) for pid in task.read_text().split()]
        return pids

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)


async def wait_until_up(base: str, deadline: float) -> None:
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            try:
                async with session.get(f"{base}/health/", timeout=aiohttp.ClientTimeout(total=2)) as response:
                    if response.status < 500:
                        return
            except (aiohttp.ClientError, TimeoutError):
                pass
            await asyncio.sleep(0.3)
    raise RuntimeError("gunicorn did not answer")


class CpuMeter:
    """CPU seconds by component over the measured window, from /proc (Linux): where the 2 cores went.

    Counted per process, sampled every second from `start` to `stop`: a process that ends in the
    window (a PostgreSQL connection closed after CONN_MAX_AGE, an app worker restarted) counts with
    what it had used at its last sample. With `database`, PostgreSQL is its shared processes and
    the connections to that database only: another run's on the same server is not ours."""

    def __init__(self, servers: list[Server], database: str | None = None) -> None:
        self.servers = servers
        self.database = database
        self.ticks = os.sysconf("SC_CLK_TCK")
        self.first: dict[tuple[str, int], float] | None = None
        self.last: dict[tuple[str, int], float] | None = None
        self._stopped = threading.Event()
        self._sampler: threading.Thread | None = None

    def start(self) -> None:
        """The window begins: the first snapshot, then one every second until `stop`."""
        self.first = self.snapshot()
        self.last = dict(self.first)
        self._stopped.clear()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self) -> None:
        while not self._stopped.wait(1.0):
            assert self.last is not None
            self.last.update(self.snapshot())

    def stop(self) -> None:
        """The window ends: each process's latest figure (its last sample if it ended meanwhile)."""
        self._stopped.set()
        if self._sampler is not None:
            self._sampler.join()
        assert self.last is not None
        self.last.update(self.snapshot())

    def _process_seconds(self, pid: int) -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / self.ticks

    def _ours(self, entry: Path) -> bool:
        """A PostgreSQL process of this run: a shared one, or a connection to this run's database."""
        if self.database is None:
            return True
        title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").split()
        # A connection's title: "postgres: 15/main: USER DATABASE HOST(PORT) STATE".
        if len(title) >= 5 and title[0] == "postgres:" and ("(" in title[4] or title[4] == "[local]"):
            return title[3] == self.database
        return True

    def snapshot(self) -> dict[tuple[str, int], float]:
        seconds: dict[tuple[str, int], float] = {}
        proc = Path("/proc")
        if not (proc / "stat").exists():
            return seconds
        server_pids: set[int] = set()
        for server in self.servers:
            server_pids.update(server.worker_pids())
            if server.process is not None:
                server_pids.add(server.process.pid)
        for entry in proc.iterdir():
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            try:
                name = (entry / "comm").read_text().strip()
                if pid in server_pids:
                    seconds["app server", pid] = self._process_seconds(pid)
                elif pid == os.getpid():
                    seconds["load generator", pid] = self._process_seconds(pid)
                elif name.startswith("postgres") and self._ours(entry):
                    seconds["PostgreSQL", pid] = self._process_seconds(pid)
                elif name.startswith("redis"):
                    seconds["Redis", pid] = self._process_seconds(pid)
            except (OSError, ValueError, IndexError):
                continue  # the process ended meanwhile
        totals = (proc / "stat").read_text().splitlines()[0].split()[1:]
        seconds["machine idle", 0] = (int(totals[3]) + int(totals[4])) / self.ticks
        seconds["machine all", 0] = sum(int(value) for value in totals[:8]) / self.ticks
        return seconds

    def report(self, submits: int, requests: int = 0) -> None:
        """CPU by component, per submit and (with `requests`, those answered in the window) per request."""
        if not self.first or not self.last:
            return
        used: defaultdict[str, float] = defaultdict(float)
        for (name, pid), seconds in self.last.items():
            used[name] += seconds - self.first.get((name, pid), 0.0)
        window = used.pop("machine all") or 1.0
        idle = used.pop("machine idle")
        print(f"   CPU over the measured window ({window:.0f} CPU-seconds in all, {100 * idle / window:.0f}% idle):")
        for name in ("app server", "PostgreSQL", "Redis", "load generator"):
            per_submit = f", {1000 * used.get(name, 0.0) / submits:.2f} ms per submit" if submits else ""
            per_request = f", {1000 * used.get(name, 0.0) / requests:.2f} ms per request" if requests else ""
            print(f"     {name:<16} {used.get(name, 0.0):6.1f} s{per_submit}{per_request}")
        # What the machine spent on anything else (another process, the kernel): a run with much of it
        # shared the cores, and its latencies say less about the server.
        others = window - idle - sum(used.values())
        print(f"     {'anything else':<16} {others:6.1f} s ({100 * others / window:.0f}% of the machine)")


class Stats:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.done_at: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[str] = Counter()
        self.receipts: set[str] = set()
        self.started = 0
        self.ready_ran_out = False
        # The end of the measured window (the end of --duration); the flows under way then are finished
        # for the receipt check but not measured: the load falls while they end.
        self.measured_until = 0.0

    def record(self, step: str, began: float) -> None:
        now = time.monotonic()
        self.latency[step].append(now - began)
        self.done_at[step].append(now)


def submit_payload(question_ids: list[int]) -> dict[str, object]:
    """A prepared entry's submit: an answer to every drawn question and a prediction."""
    return {"answers": {str(q): random.choice("ABCD") for q in question_ids}, "prediction": random.randint(0, 500)}


class Participant:
    def __init__(
        self, session: aiohttp.ClientSession, base: str, info: dict[str, object], stats: Stats, hot_base: str = ""
    ) -> None:
        self.session, self.base, self.info, self.stats = session, base, info, stats
        self.hot_base = hot_base or base
        self.think_seconds = 0.0

    async def _call(self, step: str, method: str, url: str, **kwargs: object) -> tuple[int, str, dict[str, str]]:
        began = time.monotonic()
        try:
            base = self.hot_base if CONTESTS_POOL.match(url) else self.base  # as the proxy routes it
            async with self.session.request(method, base + url, allow_redirects=False, **kwargs) as response:  # type: ignore[arg-type]
                text = await response.text()
                status = response.status
                headers = dict(response.headers)
        except (aiohttp.ClientError, TimeoutError) as error:
            self.stats.errors[f"{step}: {type(error).__name__}"] += 1
            raise
        if status >= 400:
            self.stats.errors[f"{step}: HTTP {status}"] += 1
            raise RuntimeError(step)
        self.stats.record(step, began)
        return status, text, headers

    async def think(self) -> None:
        """--think: a person's pause between two actions (uniform over 0.5–1.5 × the mean)."""
        if self.think_seconds:
            await asyncio.sleep(self.think_seconds * random.uniform(0.5, 1.5))

    async def run_html(self, phone: str, questions_to_answer: int) -> None:
        slug = self.info["slug"]
        _s, page, _h = await self._call("landing", "GET", f"/contests/c/{slug}/")
        csrf_found, challenge_found = CSRF_RE.search(page), CHALLENGE_RE.search(page)
        if csrf_found is None or challenge_found is None:
            self.stats.errors["landing: no entry form"] += 1
            raise RuntimeError("landing")
        csrf, challenge = csrf_found.group(1), challenge_found.group(1)
        await asyncio.sleep(max(CHALLENGE_WAIT, self.think_seconds * random.uniform(0.5, 1.5)))
        form = {
            "csrfmiddlewaretoken": csrf,
            "challenge": challenge,
            "name": "Nguyễn Văn Đo Tải",
            "phone": phone,
            "unit": "other",
            "other_unit": "Đơn vị đo tải",
            "website": "",
        }
        status, _t, headers = await self._call("start", "POST", f"/contests/c/{slug}/r/1/enter/", data=form)
        if status != 303:
            self.stats.errors["start: no redirect"] += 1
            raise RuntimeError("start")
        self.stats.started += 1
        attempt = headers["Location"]
        _s, page, _h = await self._call("question_page", "GET", attempt)
        options: dict[str, list[str]] = defaultdict(list)
        for qid, letter in QUESTION_RE.findall(page):
            options[qid].append(letter)
        answers = {qid: random.choice(letters) for qid, letters in options.items()}
        hx = {"X-CSRFToken": csrf, "HX-Request": "true"}
        for qid, letter in list(answers.items())[:questions_to_answer]:
            await self.think()
            await self._call("autosave", "POST", f"{attempt}answer/", data={f"q{qid}": letter}, headers=hx)
        await self.think()
        final = {f"q{qid}": letter for qid, letter in answers.items()}
        final.update({"csrfmiddlewaretoken": csrf, "prediction": str(random.randint(0, 500)), "action": "submit"})
        status, _t, headers = await self._call("submit", "POST", f"{attempt}submit/", data=final)
        if status != 303 or not headers.get("Location", "").endswith("/receipt/"):
            self.stats.errors["submit: no receipt redirect"] += 1
            raise RuntimeError("submit")
        _s, page, _h = await self._call("receipt", "GET", headers["Location"])
        found = RECEIPT_RE.search(page)
        if not found:
            self.stats.errors["receipt: no code on page"] += 1
            raise RuntimeError("receipt")
        self.stats.receipts.add(found.group(1).strip())

    async def run_api(self, phone: str, questions_to_answer: int) -> None:
        round_id = self.info["round_id"]
        _s, text, _h = await self._call("landing", "GET", f"/api/v1/contests/rounds/{round_id}/")
        challenge = json.loads(text)["challenge"]
        await asyncio.sleep(CHALLENGE_WAIT)
        body = {"name": "Nguyễn Văn Đo Tải", "phone": phone, "unit": "other", "other_unit": "Đơn vị đo tải"}
        body["challenge"] = challenge
        _s, text, _h = await self._call("start", "POST", f"/api/v1/contests/rounds/{round_id}/entries/", json=body)
        self.stats.started += 1
        started = json.loads(text)
        token = started["token"]
        answers = {str(q["id"]): random.choice("ABCD") for q in started["questions"]}
        for qid, letter in list(answers.items())[:questions_to_answer]:
            await self._call(
                "autosave", "POST", f"/api/v1/contests/entries/{token}/answers/", json={"answers": {qid: letter}}
            )
        payload = {"answers": answers, "prediction": random.randint(0, 500)}
        _s, text, _h = await self._call("submit", "POST", f"/api/v1/contests/entries/{token}/submit/", json=payload)
        self.stats.receipts.add(json.loads(text)["receipt_code"])

    async def submit_only(self, token: str, question_ids: list[int]) -> None:
        payload = submit_payload(question_ids)
        _s, text, _h = await self._call("submit", "POST", f"/api/v1/contests/entries/{token}/submit/", json=payload)
        self.stats.receipts.add(json.loads(text)["receipt_code"])


class LeanConnection:
    """One keep-alive HTTP/1.1 connection that sends a request and reads the status, headers and
    body, no more.

    aiohttp's client spent about 0.4–0.5 ms of CPU per request here, a quarter of what the server
    spent on the request itself: on one machine the load generator must leave the cores to the
    server it measures. submit-peak and the full flow's HTML pages use it (--client lean)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], list[str], bytes]:
        """Status, headers (lower-case names; the last of a repeated one), every Set-Cookie, body."""
        if self.reader is None or self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
        for name, value in (headers or {}).items():
            head += f"{name}: {value}\r\n"
        if body or method == "POST":
            head += f"Content-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        lines = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        found: dict[str, str] = {}
        cookies: list[str] = []
        for name, _, value in (line.partition(":") for line in lines[1:] if line):
            name, value = name.strip().lower(), value.strip()
            found[name] = value
            if name == "set-cookie":
                cookies.append(value)
        if "content-length" in found:
            data = await self.reader.readexactly(int(found["content-length"]))
        elif "chunked" in found.get("transfer-encoding", "").lower():
            data = b""
            while size := int((await self.reader.readline()).split(b";")[0], 16):
                data += (await self.reader.readexactly(size + 2))[:-2]
            await self.reader.readexactly(2)
        else:
            data = b""
        if found.get("connection", "").lower() == "close":
            self.close()
        return status, found, cookies, data

    async def post_json(self, path: str, body: bytes) -> tuple[int, bytes]:
        status, _headers, _cookies, data = await self.request("POST", path, body, {"Content-Type": "application/json"})
        return status, data

    async def submit(self, stats: Stats, token: str, question_ids: list[int]) -> None:
        """The same request and checks as Participant.submit_only."""
        payload = submit_payload(question_ids)
        began = time.monotonic()
        try:
            status, data = await asyncio.wait_for(
                self.post_json(f"/api/v1/contests/entries/{token}/submit/", json.dumps(payload).encode()), 30
            )
        except (OSError, EOFError, asyncio.LimitOverrunError, TimeoutError, ValueError) as error:
            self.close()  # a cut or half-read connection is not used again
            stats.errors[f"submit: {type(error).__name__}"] += 1
            raise RuntimeError("submit") from error
        if status >= 400:
            stats.errors[f"submit: HTTP {status}"] += 1
            raise RuntimeError("submit")
        stats.record("submit", began)
        stats.receipts.add(json.loads(data)["receipt_code"])


class LeanPool:
    """Keep-alive connections to one app server, taken in turn (as the proxy's upstream keepalive)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.idle: deque[LeanConnection] = deque()

    async def call(
        self, method: str, path: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], list[str], bytes]:
        connection = self.idle.popleft() if self.idle else LeanConnection(HOST, self.port)
        try:
            answer = await asyncio.wait_for(connection.request(method, path, body, headers), 30)
        except BaseException:
            connection.close()  # a cut or half-read connection is not used again
            raise
        self.idle.append(connection)
        return answer

    def close(self) -> None:
        while self.idle:
            self.idle.popleft().close()


class LeanParticipant(Participant):
    """The full flow's HTML pages (run_html) through LeanConnection: the same requests and checks
    as with aiohttp (cookies kept per participant, forms sent urlencoded, redirects not followed)."""

    def __init__(self, pools: dict[str, LeanPool], info: dict[str, object], stats: Stats, hot_base: str) -> None:
        super().__init__(None, f"http://{HOST}:{pools['main'].port}", info, stats, hot_base)  # type: ignore[arg-type]
        self.pools = pools
        self.cookies: dict[str, str] = {}

    async def _call(self, step: str, method: str, url: str, **kwargs: object) -> tuple[int, str, dict[str, str]]:
        pool = self.pools["hot"] if CONTESTS_POOL.match(url) else self.pools["main"]  # as the proxy routes it
        headers = dict(kwargs.get("headers") or {})  # type: ignore[call-overload]
        body = b""
        if "data" in kwargs:
            body = urlencode(kwargs["data"]).encode()  # type: ignore[arg-type]
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        began = time.monotonic()
        try:
            status, found, cookies, data = await pool.call(method, url, body, headers)
        except (OSError, EOFError, asyncio.LimitOverrunError, TimeoutError, ValueError) as error:
            self.stats.errors[f"{step}: {type(error).__name__}"] += 1
            raise RuntimeError(step) from error
        for cookie in cookies:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        if status >= 400:
            self.stats.errors[f"{step}: HTTP {status}"] += 1
            raise RuntimeError(step)
        self.stats.record(step, began)
        return status, data.decode(), {"Location": found.get("location", "")}


async def drive(
    args: argparse.Namespace, base: str, info: dict[str, object], server: Server, stats: Stats, meter: CpuMeter
) -> float:
    """`server` is the pool that answers autosave and submit (the contests pool in the split layout)."""
    hot_base = f"http://{HOST}:{args.hot_port}"
    stop_at = time.monotonic() + args.duration
    prefix = random.choice(["091", "098", "097", "086", "090", "093"])
    run_tag = random.randrange(10_000)
    counter = iter(range(10**6))
    connector = aiohttp.TCPConnector(limit=args.participants + 10)
    timeout = aiohttp.ClientTimeout(total=30)

    ready: list[list[object]] = list(info.get("ready") or [])  # type: ignore[call-overload]

    async def submit_loop() -> None:
        async with aiohttp.ClientSession(connector=connector, connector_owner=False, timeout=timeout) as session:
            participant = Participant(session, base, info, stats, hot_base)
            lean = LeanConnection(HOST, args.hot_port)
            while time.monotonic() < stop_at:
                if not ready:
                    stats.ready_ran_out = True
                    break
                token, question_ids = ready.pop()
                try:
                    if args.client == "lean":
                        await lean.submit(stats, str(token), list(question_ids))  # type: ignore[call-overload]
                    else:
                        await participant.submit_only(str(token), list(question_ids))  # type: ignore[call-overload]
                except (RuntimeError, aiohttp.ClientError, TimeoutError, KeyError, ValueError):
                    await asyncio.sleep(0.2)
            lean.close()

    async def paced() -> None:
        """Open loop: a submit every 1/--rate s whatever the server's pace, as phones don't wait for
        each other; at most --participants in flight (beyond that a submit counts as an error)."""
        in_flight = asyncio.Semaphore(args.participants)
        pending: set[asyncio.Task[None]] = set()
        # Keep-alive connections between submits, taken in turn: reusing the latest one first would
        # pile a steady load on the few connections (and so the one worker) it happens to be on.
        idle: deque[LeanConnection] = deque()
        async with aiohttp.ClientSession(connector=connector, connector_owner=False, timeout=timeout) as session:
            participant = Participant(session, base, info, stats, hot_base)

            async def one(token: str, question_ids: list[int]) -> None:
                async with in_flight:
                    with contextlib.suppress(RuntimeError, aiohttp.ClientError, TimeoutError, KeyError, ValueError):
                        if args.client != "lean":
                            await participant.submit_only(token, question_ids)
                            return
                        connection = idle.popleft() if idle else LeanConnection(HOST, args.hot_port)
                        try:
                            await connection.submit(stats, token, question_ids)
                        finally:
                            idle.append(connection)

            due = time.monotonic()
            while time.monotonic() < stop_at:
                if not ready:
                    stats.ready_ran_out = True
                    break
                due += 1 / args.rate
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                if in_flight.locked():
                    stats.errors["submit: not sent, too many in flight"] += 1
                    continue
                token, question_ids = ready.pop()
                task = asyncio.create_task(one(str(token), list(question_ids)))  # type: ignore[call-overload]
                pending.add(task)
                task.add_done_callback(pending.discard)
            await asyncio.gather(*pending)
            for connection in idle:
                connection.close()

    async def loop() -> None:
        if args.scenario == "submit-peak":
            await submit_loop()
            return
        if args.ramp:  # people arrive over the ramp, not all in the same second
            await asyncio.sleep(random.uniform(0.0, args.ramp))
        while time.monotonic() < stop_at:
            number = next(counter)
            if number >= args.max_participants:
                return
            phone = f"{prefix}{(run_tag * 100_000 + number) % 10_000_000:07d}"
            if lean_pools is not None:
                lean = LeanParticipant(lean_pools, info, stats, hot_base)
                lean.think_seconds = args.think
                try:
                    await lean.run_html(phone, args.autosaves)
                except (RuntimeError, KeyError, ValueError):
                    await asyncio.sleep(0.2)
                continue
            async with aiohttp.ClientSession(
                connector=connector, connector_owner=False, timeout=timeout, cookie_jar=aiohttp.CookieJar(unsafe=True)
            ) as session:
                participant = Participant(session, base, info, stats, hot_base)
                participant.think_seconds = args.think
                try:
                    if args.mode == "api":
                        await participant.run_api(phone, args.autosaves)
                    else:
                        await participant.run_html(phone, args.autosaves)
                except (RuntimeError, aiohttp.ClientError, TimeoutError, AttributeError, KeyError, ValueError):
                    await asyncio.sleep(0.2)

    async def killer() -> None:
        await asyncio.sleep(args.duration / 2)
        pids = server.worker_pids()
        if pids:
            victim = random.choice(pids)
            os.kill(victim, signal.SIGKILL)
            print(f"  SIGKILL sent to app worker {victim} at t={args.duration / 2:.0f} s", flush=True)

    async def measure() -> None:
        await asyncio.sleep(warmup_seconds(args))
        await asyncio.to_thread(meter.start)  # not on the loop: requests are in flight
        await asyncio.sleep(max(0.0, stop_at - time.monotonic()))
        await asyncio.to_thread(meter.stop)
        stats.measured_until = time.monotonic()

    # The full flow's HTML pages through the lean client (--client lean), aiohttp otherwise.
    lean_pools: dict[str, LeanPool] | None = None
    if args.scenario == "full" and args.mode == "html" and args.client == "lean":
        main_port = int(base.rsplit(":", 1)[1])
        lean_pools = {"main": LeanPool(main_port), "hot": LeanPool(args.hot_port)}
    began = time.monotonic()
    if args.scenario == "submit-peak" and args.rate:
        tasks = [asyncio.create_task(paced())]
    else:
        tasks = [asyncio.create_task(loop()) for _ in range(args.participants)]
    tasks.append(asyncio.create_task(measure()))
    if args.kill_one:
        tasks.append(asyncio.create_task(killer()))
    await asyncio.gather(*tasks)
    for each in (lean_pools or {}).values():
        each.close()
    await connector.close()
    return began


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def stored_receipts(round_id: int, database: str = DB_NAME) -> tuple[set[str], int, int]:
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/" + database) as conn:
        codes = {
            row[0]
            for row in conn.execute(
                "SELECT receipt_code FROM contests_entry WHERE round_id = %s AND receipt_code IS NOT NULL", (round_id,)
            )
        }
        total = conn.execute("SELECT count(*) FROM contests_entry WHERE round_id = %s", (round_id,)).fetchone()
        answers = conn.execute(
            "SELECT count(*) FROM contests_answer a JOIN contests_entry e ON e.id = a.entry_id WHERE e.round_id = %s",
            (round_id,),
        ).fetchone()
    return codes, int(total[0]) if total else 0, int(answers[0]) if answers else 0


def reference_loop_seconds() -> float:
    """CPU seconds of a fixed pure-Python loop: this machine's speed right now. On a shared VM it
    moved by a quarter during one afternoon, and every figure here moves with it."""
    began = time.process_time()
    sum(number * number for number in range(5_000_000))
    return time.process_time() - began


def warmup_seconds(args: argparse.Namespace) -> float:
    """Measuring starts once everyone has arrived: after the ramp (at most half the run), else 5 s."""
    if args.ramp:
        return min(max(5.0, args.ramp), args.duration / 2)
    return min(5.0, args.duration / 5)


def report(args: argparse.Namespace, stats: Stats, began: float, ended: float, round_id: int, meter: CpuMeter) -> int:
    warmup = warmup_seconds(args)
    start, until = began + warmup, stats.measured_until or ended
    window = max(0.001, until - start)

    def measured(step: str) -> list[float]:
        """Latencies of the step's requests sent in the measured window."""
        pairs = zip(stats.latency.get(step, []), stats.done_at.get(step, []), strict=True)
        return [latency for latency, done in pairs if start <= done - latency <= until]

    print()
    print(
        f"== contest_load: scenario={args.scenario}, mode={'api' if args.scenario != 'full' else args.mode}, "
        f"layout {args.layout}, {args.workers} {args.server} workers × {args.threads} thread(s)"
        + (f" in the contests pool (+{args.main_workers} main), " if args.layout == "split" else ", ")
        + (f"{args.client} client, " if args.scenario == "submit-peak" or args.mode == "html" else "")
        + (
            f"{args.rate:.0f} submits/s offered (open loop, at most {args.participants} in flight), "
            if args.scenario == "submit-peak" and args.rate
            else f"{args.participants} concurrent participants, "
        )
        + f"{args.duration:.0f} s, {args.questions} questions, "
        f"{args.autosaves} autosaves each{', one worker SIGKILLed mid-run' if args.kill_one else ''}"
        + (f", {args.think:.1f} s think time between actions" if args.think else "")
        + (f", arriving over {args.ramp:.0f} s (measured after)" if args.ramp else "")
    )
    print(
        f"   machine: {os.cpu_count()} CPUs, reference loop {args.reference_loop:.2f} s (lower is faster), "
        f"load average before/after: {args.load_before} / {os.getloadavg()}"
    )
    print(
        f"   measured window: {window:.0f} s, from the end of the {warmup:.0f} s warm-up to the end of --duration "
        f"(the flows under way then were finished after it, not measured: {ended - until:.0f} s)"
    )
    for step in ("start", "submit"):
        done = [t for t in stats.done_at[step] if start <= t <= until]
        total = len(stats.done_at[step])
        print(f"   {step}s/s sustained in the window: {len(done) / window:.1f}  (total {total})")
    # Latency over the same window as the rates (requests sent in it), then over every request: the
    # first second, while workers connect and load the round, has the longest waits.
    print("   latency per step (ms), requests sent in the window:          n      p50      p95      p99      max")
    for step in ("landing", "start", "question_page", "autosave", "submit", "receipt"):
        values = measured(step)
        if not values:
            continue
        p50, p95, p99 = (percentile(values, share) * 1000 for share in (0.5, 0.95, 0.99))
        print(f"     {step:<38} {len(values):>8} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f} {max(values) * 1000:>8.1f}")
    every = stats.latency.get("submit", [])
    if every:
        print(
            f"   submit latency over every request, warm-up included: p99 {percentile(every, 0.99) * 1000:.1f} ms, "
            f"max {max(every) * 1000:.1f} ms"
        )
    if args.think:
        worst = max(
            (percentile(measured(step), 0.99) for step in stats.latency),
            default=float("nan"),
        )
        verdict = "held" if worst < 0.5 else "NOT held"
        print(
            f"   think time {args.think:.1f} s: {args.participants} concurrent participants {verdict} "
            f"(worst step p99 {worst * 1000:.0f} ms; goal < 500 ms)"
        )
    total_requests = sum(len(v) for v in stats.latency.values())
    in_window = sum(1 for times in stats.done_at.values() for t in times if start <= t <= until)
    print(f"   requests answered: {in_window} in the window ({in_window / window:.0f}/s), {total_requests} in all")
    print(f"   errors: {sum(stats.errors.values())}" + (f"  {dict(stats.errors)}" if stats.errors else ""))
    if stats.ready_ran_out:
        print("   NOTE: the prepared entries ran out before the end: the rate above is too low; raise --ready")
    meter.report(len([t for t in stats.done_at["submit"] if start <= t <= until]), in_window)
    codes, entries, answers = stored_receipts(round_id, args.database)
    lost = stats.receipts - codes
    print(
        f"   receipts shown to participants: {len(stats.receipts)}; finalised entries stored: {len(codes)} "
        f"(of {entries} started, {answers} answers saved)"
    )
    print(f"   receipts without a stored entry (lost): {len(lost)}")
    if len(codes) > len(stats.receipts):
        print(
            f"   entries finalised whose receipt page was not read (request cut or bench stopped): "
            f"{len(codes) - len(stats.receipts)}"
        )
    return 1 if lost else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, default=4, help="threads per worker (gunicorn gthread, granian blocking threads)"
    )
    parser.add_argument("--server", choices=["granian", "gunicorn"], default="granian")
    parser.add_argument(
        "--client",
        choices=["lean", "aiohttp"],
        default="lean",
        help="the HTTP client of submit-peak and of the full flow's HTML pages: a minimal keep-alive one "
        "(default), or aiohttp (the full flow's api mode always uses aiohttp)",
    )
    parser.add_argument("--participants", type=int, default=200, help="concurrent simulated participants")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load (at most 300)")
    parser.add_argument("--max-participants", type=int, default=50_000, help="stop after this many in all")
    parser.add_argument("--questions", type=int, default=5, help="questions per entry (1–25)")
    parser.add_argument(
        "--autosaves", type=int, default=None, help="autosave requests per entry (default: one per question)"
    )
    parser.add_argument("--mode", choices=["html", "api"], default="html")
    parser.add_argument(
        "--scenario",
        choices=["full", "submit-peak"],
        default="full",
        help="full: start → autosaves → submit per participant; submit-peak: --ready entries already started "
        "and answered are all submitted at once (API), as at a round's last minutes",
    )
    parser.add_argument("--ready", type=int, default=50_000, help="entries prepared for submit-peak (at most 100000)")
    parser.add_argument(
        "--rate",
        type=float,
        default=0.0,
        help="submit-peak only: offer this many submits per second (open loop) instead of --participants "
        "clients each submitting as soon as its last submit was answered",
    )
    parser.add_argument(
        "--database",
        default=DB_NAME,
        help="the PostgreSQL database made anew for the run (dropped first): one of your own when others bench too",
    )
    parser.add_argument("--port", type=int, default=8200, choices=range(8200, 8210), metavar="8200-8209")
    parser.add_argument("--kill-one", action="store_true", help="SIGKILL one app worker half-way through")
    parser.add_argument(
        "--layout",
        choices=["split", "single"],
        default="split",
        help="split: the contests pool (config.wsgi_contests, --workers) answers autosave and submit and a main pool "
        "of one worker the rest, as deploy/ runs production; single: one pool (config.wsgi) answers everything",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="full scenario: mean seconds a participant pauses between actions (reading, choosing); the run "
        "then says whether every step's p99 stayed under 500 ms with --participants people at once",
    )
    parser.add_argument(
        "--ramp",
        type=float,
        default=None,
        help="seconds over which the participants arrive (default: 4 × --think with --think, else 0); "
        "measuring starts after it",
    )
    parser.add_argument(
        "--main-workers",
        type=int,
        default=None,
        help="split layout: worker processes of the main pool (default: --workers for the HTML pages, whose "
        "every request goes to it, else 1)",
    )
    args = parser.parse_args()
    args.duration = min(args.duration, 300.0)
    args.questions = max(1, min(25, args.questions))
    args.autosaves = args.questions if args.autosaves is None else max(0, args.autosaves)
    if args.ramp is None:
        args.ramp = 4 * args.think if args.scenario == "full" else 0.0
    html_pages = args.scenario == "full" and args.mode == "html"
    if args.main_workers is None:
        args.main_workers = args.workers if html_pages else 1
    args.load_before = os.getloadavg()
    args.reference_loop = reference_loop_seconds()

    env = server_env(secrets.token_urlsafe(48), f"postgres://postgres@127.0.0.1:5432/{args.database}")
    env["CACHE_KEY_PREFIX"] = f"khoi-bench-{args.database}"  # another run's counters and copies are not ours
    fresh_database(args.database)
    ready = min(args.ready, 100_000) if args.scenario == "submit-peak" else 0
    info = prepare(env, args.questions, minutes=int(args.duration // 60) + 30, ready=ready)
    round_id = int(info["round_id"])  # type: ignore[call-overload]
    if args.layout == "split":
        # As deploy/ runs production: the contests pool answers autosave and submit, the main pool the rest.
        contests = "config.wsgi_contests:application"
        hot = Server(env, args.port, args.workers, args.threads, args.server, contests)
        main_pool = Server(env, args.port + 1, args.main_workers, args.threads, args.server)
        servers = [hot, main_pool]
        args.hot_port, main_port = args.port, args.port + 1
        # The pool whose worker --kill-one kills: the one answering the scenario's busiest path (the
        # HTML pages, autosave and submit included, are all the main pool's).
        server = main_pool if html_pages else hot
    else:
        server = Server(env, args.port, args.workers, args.threads, args.server)
        servers = [server]
        args.hot_port = main_port = args.port

    def stop_all() -> None:
        for each in servers:
            each.stop()

    def interrupted(signum: int, _frame: object) -> None:
        stop_all()
        sys.exit(130)

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    stats = Stats()
    meter = CpuMeter(servers, args.database)
    try:
        for each in servers:
            each.start()
        base = f"http://{HOST}:{main_port}"
        for each in servers:
            asyncio.run(wait_until_up(f"http://{HOST}:{each.port}", time.monotonic() + 60))
        print(
            f"{args.server} up, layout {args.layout}: "
            + ", ".join(f"{each.module} on :{each.port} ({each.workers} workers)" for each in servers)
            + f"; round {round_id}",
            flush=True,
        )
        began = asyncio.run(drive(args, base, info, server, stats, meter))
        ended = time.monotonic()
    finally:
        stop_all()
    return report(args, stats, began, ended, round_id, meter)


if __name__ == "__main__":
    sys.exit(main())
