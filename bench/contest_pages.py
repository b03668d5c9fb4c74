"""What each of the contest's public pages costs inside one app process, and where the time goes.

    .venv/bin/python bench/contest_pages.py [--participants 300] [--profile landing|start|...] [--queries]

The phones' path through the HTML pages (landing → start → question page → autosaves → submit →
receipt) called straight on Django's WSGI application, as granian calls it, in this process: no
network, no other process, so the figures are the app's own CPU per request. Production settings
(PostgreSQL, Redis) on the database `khoi_contest_pages`, made anew with the same round, bank and 95
units as bench/contest_load.py. Prints, per step, CPU ms per request (mean, p50, p95) and the SQL
statements it ran; `--profile STEP` adds pyinstrument's call tree of that step over every
participant. The 2 s a person needs before the entry form is accepted is lifted here.
"""

from __future__ import annotations

import argparse
import io
import os
import secrets
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import contest_load  # noqa: E402

DB_NAME = "khoi_contest_pages"
STEPS = ("landing", "start", "question_page", "autosave", "submit", "receipt")


class Browser:
    """One phone: its cookies, and requests sent to the WSGI application in this process."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app
        self.cookies: dict[str, str] = {}

    def call(self, method: str, path: str, data: dict[str, str] | None = None, headers: dict[str, str] | None = None):
        body = urlencode(data or {}).encode()
        environ: dict[str, Any] = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8201",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) contest_pages bench",
            "HTTP_ACCEPT_LANGUAGE": "vi-VN,vi;q=0.9",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        if method == "POST":
            environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
            environ["CONTENT_LENGTH"] = str(len(body))
        if self.cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for name, value in (headers or {}).items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        answer: dict[str, Any] = {}

        def start_response(status: str, response_headers: list[tuple[str, str]], exc_info: Any = None) -> None:
            answer["status"] = int(status.split()[0])
            answer["headers"] = response_headers

        chunks = self.app(environ, start_response)
        try:
            text = b"".join(chunks).decode()
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        location = ""
        for name, value in answer["headers"]:
            if name.lower() == "set-cookie":
                cookie = SimpleCookie()
                cookie.load(value)
                for key, morsel in cookie.items():
                    self.cookies[key] = morsel.value
            elif name.lower() == "location":
                location = value
        if answer["status"] >= 400:
            raise RuntimeError(f"{method} {path}: HTTP {answer['status']}: {text[:300]}")
        return answer["status"], text, location


def participant(app: Callable[..., Any], slug: str, phone: str, autosaves: int, clock: Callable[[str], Any]) -> str:
    """One participant's path; `clock(step)` is a context manager timing the request inside it."""
    import random

    browser = Browser(app)
    with clock("landing"):
        _s, page, _l = browser.call("GET", f"/contests/c/{slug}/")
    csrf = contest_load.CSRF_RE.search(page)
    challenge = contest_load.CHALLENGE_RE.search(page)
    if csrf is None or challenge is None:
        raise RuntimeError("landing: no entry form")
    form = {
        "csrfmiddlewaretoken": csrf.group(1),
        "challenge": challenge.group(1),
        "name": "Nguyễn Văn Đo Tải",
        "phone": phone,
        "unit": "other",
        "other_unit": "Đơn vị đo tải",
        "website": "",
    }
    with clock("start"):
        status, _t, attempt = browser.call("POST", f"/contests/c/{slug}/r/1/enter/", form)
    if status != 303:
        raise RuntimeError(f"start answered {status}")
    with clock("question_page"):
        _s, page, _l = browser.call("GET", attempt)
    options: dict[str, list[str]] = defaultdict(list)
    for qid, letter in contest_load.QUESTION_RE.findall(page):
        options[qid].append(letter)
    answers = {qid: random.choice(letters) for qid, letters in options.items()}
    hx = {"X-CSRFToken": csrf.group(1), "HX-Request": "true"}
    for qid, letter in list(answers.items())[:autosaves]:
        with clock("autosave"):
            browser.call("POST", f"{attempt}answer/", {f"q{qid}": letter}, hx)
    final = {f"q{qid}": letter for qid, letter in answers.items()}
    final.update({"csrfmiddlewaretoken": csrf.group(1), "prediction": "123", "action": "submit"})
    with clock("submit"):
        status, _t, receipt = browser.call("POST", f"{attempt}submit/", final)
    if status != 303 or not receipt.endswith("/receipt/"):
        raise RuntimeError("submit: no receipt")
    with clock("receipt"):
        _s, page, _l = browser.call("GET", receipt)
    found = contest_load.RECEIPT_RE.search(page)
    if not found:
        raise RuntimeError("receipt: no code")
    return found.group(1).strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30, help="participants before measuring")
    parser.add_argument("--questions", type=int, default=5)
    parser.add_argument("--profile", choices=STEPS, default=None, help="pyinstrument's call tree of this step")
    parser.add_argument("--profile-depth", type=int, default=25, help="lines of the call tree shown (interval ms)")
    args = parser.parse_args()
    load_before = os.getloadavg()
    reference = contest_load.reference_loop_seconds()

    db_url = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
    env = contest_load.server_env(secrets.token_urlsafe(48), db_url=db_url)
    env["CACHE_KEY_PREFIX"] = "khoi-bench-pages"
    contest_load.fresh_database(DB_NAME)
    info = contest_load.prepare(env, args.questions, minutes=120)
    os.environ.update(env)

    from django.core.wsgi import get_wsgi_application
    from django.db import connection, reset_queries

    app = get_wsgi_application()
    from khoi.contests import throttle

    throttle.CHALLENGE_MIN_AGE = 0  # in-process: no person waiting 2 s before the form is accepted

    cpu: dict[str, list[float]] = defaultdict(list)
    queries: dict[str, list[int]] = defaultdict(list)
    measuring = [False]
    profiler: Any = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)

    class Clock:
        def __init__(self, step: str) -> None:
            self.step = step

        def __enter__(self) -> None:
            reset_queries()
            if measuring[0] and profiler is not None and self.step == args.profile:
                profiler.start()
            self.began = time.process_time()

        def __exit__(self, *exc: object) -> None:
            spent = time.process_time() - self.began
            if measuring[0] and profiler is not None and self.step == args.profile:
                profiler.stop()
            if measuring[0]:
                cpu[self.step].append(spent * 1000)
                queries[self.step].append(len(connection.queries))

    receipts = []
    tag = secrets.randbelow(10_000)
    for number in range(args.warmup + args.participants):
        measuring[0] = number >= args.warmup
        phone = f"098{(tag * 1000 + number) % 10_000_000:07d}"
        receipts.append(participant(app, str(info["slug"]), phone, args.questions, Clock))
    # The statements of each step, counted once more over a few participants (logging them costs time).
    connection.force_debug_cursor = True
    cpu_kept = {step: list(values) for step, values in cpu.items()}
    queries.clear()
    for number in range(5):
        phone = f"097{(tag * 1000 + number) % 10_000_000:07d}"
        receipts.append(participant(app, str(info["slug"]), phone, args.questions, Clock))
    connection.force_debug_cursor = False

    stored, _entries, _answers = contest_load.stored_receipts(int(info["round_id"]), DB_NAME)  # type: ignore[call-overload]
    lost = set(receipts) - stored
    print()
    print(
        f"== contest_pages: {args.participants} participants through the HTML pages in one process "
        f"(after {args.warmup} to warm up), {args.questions} questions and autosaves each"
    )
    print(
        f"   machine: {os.cpu_count()} CPUs, reference loop {reference:.2f} s (lower is faster), "
        f"load average before/after: {load_before} / {os.getloadavg()}"
    )
    print("   CPU per request (ms):          n     mean      p50      p95   SQL statements")
    total_cpu = total_requests = 0.0
    for step in STEPS:
        values = sorted(cpu_kept.get(step, []))
        if not values:
            continue
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        sql = statistics.mean(queries[step]) if queries.get(step) else float("nan")
        print(
            f"     {step:<22} {len(values):>6} {statistics.mean(values):>8.2f} "
            f"{statistics.median(values):>8.2f} {p95:>8.2f} {sql:>8.1f}"
        )
        total_cpu += sum(values)
        total_requests += len(values)
    print(
        f"   all steps: {total_cpu / max(1, total_requests):.2f} ms CPU per request on average "
        f"({1000 * total_requests / max(1.0, total_cpu):.0f} requests per CPU-second of this process)"
    )
    print(f"   receipts shown: {len(receipts)}; without a stored entry (lost): {len(lost)}")
    if profiler is not None:
        print()
        print(
            profiler.output_text(unicode=True, color=False, show_all=False, short_mode=False)
            if args.profile_depth <= 0
            else "\n".join(profiler.output_text(unicode=True, color=False).splitlines()[: args.profile_depth * 4])
        )
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
