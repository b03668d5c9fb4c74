"""What each app process keeps of the contests, so that the participants' pages and the API do not
ask the database for what is the same for everyone.

- the round's settings and its question pool (the answer key): `round_pool_get`, used by start,
  autosave, submit and the question page;
- a published contest with its rounds, as the public pages show them: `contest_public_get`;
- the register's base organisations offered by the entry form: `unit_choices`.

Any change to a contest, round, draw rule, topic, question or unit bumps a version in the shared
cache once committed (signals connected in apps.py). Each process compares it with its copies' at
most every POOL_VERSION_CHECK seconds and drops them all when it moved, so what staff change is
shown everywhere within about a second. POOL_TTL (UNITS_TTL for the units) bounds a copy's age when
the cache cannot be read. `round_pool_forget` and `unit_forget` drop this process's copies at once.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import transaction

from khoi.core.text import vietnamese_sort_key

from .models import Contest, Question, Round

POOL_TTL = 30.0
POOL_VERSION_CHECK = 1.0
POOL_VERSION_KEY = "contests:pool-version"
UNITS_TTL = 300.0


@dataclass(frozen=True)
class QuestionView:
    id: int
    topic_id: int
    kind: str
    text: str
    options: tuple[str, str, str, str]
    correct: str
    explanation: str


@dataclass(frozen=True)
class RoundPool:
    round_id: int
    contest_id: int
    number: int
    opens_at: dt.datetime
    closes_at: dt.datetime
    time_limit_seconds: int
    starts_per_ip_per_minute: int
    is_published: bool
    rules: tuple[tuple[int, int], ...]
    by_topic: dict[int, tuple[int, ...]]
    questions: dict[int, QuestionView] = field(repr=False)

    def is_open(self, now: dt.datetime) -> bool:
        return self.is_published and self.opens_at <= now < self.closes_at

    @property
    def correct(self) -> dict[int, str]:
        return {qid: question.correct for qid, question in self.questions.items()}


_pool_lock = threading.Lock()
_pools: dict[int, tuple[float, RoundPool]] = {}
_pool_version: list[Any] = [None, 0.0]  # [the shared version the copies were loaded at, when it was last read]
_units: dict[dt.date, tuple[float, list[tuple[int, str]]]] = {}
_round_ids: dict[tuple[str, int], tuple[float, int | None]] = {}
_public: dict[str, tuple[float, PublicContest]] = {}
_rounds: dict[int, tuple[float, Round]] = {}
# Copies keyed by what a visitor typed (a contest's address) are dropped, not grown without end.
MAX_KEYED_COPIES = 1000


def _keep(copies: dict[Any, Any], key: Any, value: Any) -> None:
    if len(copies) >= MAX_KEYED_COPIES:
        copies.clear()
    copies[key] = value


def _question_view(question: Question) -> QuestionView:
    return QuestionView(
        id=question.pk,
        topic_id=question.topic_id,
        kind=question.kind,
        text=question.text,
        options=(question.option_a, question.option_b, question.option_c, question.option_d),
        correct=question.correct,
        explanation=question.explanation,
    )


def _load_pool(round_id: int) -> RoundPool | None:
    contest_round = Round.objects.select_related("contest").filter(pk=round_id).first()
    if contest_round is None:
        return None
    rules = tuple(contest_round.draw_rules.values_list("topic_id", "count"))
    topic_ids = [topic_id for topic_id, _count in rules]
    questions = {q.pk: _question_view(q) for q in Question.objects.filter(topic_id__in=topic_ids)}
    active = Question.objects.filter(topic_id__in=topic_ids, is_active=True).values_list("topic_id", "id")
    by_topic: dict[int, list[int]] = defaultdict(list)
    for topic_id, question_id in active:
        by_topic[topic_id].append(question_id)
    return RoundPool(
        round_id=contest_round.pk,
        contest_id=contest_round.contest_id,
        number=contest_round.number,
        opens_at=contest_round.opens_at,
        closes_at=contest_round.closes_at,
        time_limit_seconds=contest_round.time_limit_seconds,
        starts_per_ip_per_minute=contest_round.contest.starts_per_ip_per_minute,
        is_published=contest_round.contest.is_published,
        rules=rules,
        by_topic={topic_id: tuple(sorted(ids)) for topic_id, ids in by_topic.items()},
        questions=questions,
    )


def _pool_copies_current(now: float) -> None:
    """Drops this process's copies when the shared version moved (read at most every POOL_VERSION_CHECK s)."""
    if now - _pool_version[1] < POOL_VERSION_CHECK:
        return
    version = cache.get(POOL_VERSION_KEY)
    with _pool_lock:
        if version != _pool_version[0]:
            _drop_all()
            _pool_version[0] = version
        _pool_version[1] = now


def _drop_all() -> None:
    _pools.clear()
    _round_ids.clear()
    _public.clear()
    _rounds.clear()
    _units.clear()


def round_pool_changed() -> None:
    """Tells every process that a contest, round, question or unit changed (once the change is committed)."""

    def publish() -> None:
        cache.set(POOL_VERSION_KEY, uuid.uuid4().hex, None)
        round_pool_forget()  # this process at once; the others at their next look at the version

    transaction.on_commit(publish)


def round_pool_get(*, round_id: int) -> RoundPool | None:
    """The round's settings and question pool, from this process's copy when it is current."""
    now = time.monotonic()
    _pool_copies_current(now)
    cached = _pools.get(round_id)
    if cached is not None and cached[0] > now:
        return cached[1]
    pool = _load_pool(round_id)
    if pool is not None:
        with _pool_lock:
            _pools[round_id] = (now + POOL_TTL, pool)
    return pool


def round_pool_forget(*, round_id: int | None = None) -> None:
    """Drops this process's copy of a round's pool, or (without `round_id`) every copy it keeps."""
    with _pool_lock:
        if round_id is None:
            _drop_all()
            _pool_version[1] = 0.0
        else:
            _pools.pop(round_id, None)
            _rounds.pop(round_id, None)


def round_id_for(*, slug: str, number: int) -> int | None:
    """The id of a published contest's round from its address (cached per process like the pool)."""
    now = time.monotonic()
    _pool_copies_current(now)
    cached = _round_ids.get((slug, number))
    if cached is not None and cached[0] > now:
        return cached[1]
    round_id = (
        Round.objects.filter(contest__slug=slug, contest__is_published=True, number=number)
        .values_list("id", flat=True)
        .first()
    )
    _keep(_round_ids, (slug, number), (now + POOL_TTL, round_id))
    return round_id


# ---- The public pages: a published contest and its rounds -------------------------------------


_stamps = itertools.count(1)


@dataclass(frozen=True)
class PublicContest:
    """A published contest and its rounds in order, as the landing page shows them (read only)."""

    contest: Contest
    rounds: tuple[Round, ...]
    # New with every load of the copy: the key of the page fragments rendered from it (landing.html).
    stamp: int = field(default_factory=lambda: next(_stamps))


def contest_public_get(*, slug: str) -> PublicContest | None:
    """A published contest and its rounds, from this process's copy when it is current."""
    now = time.monotonic()
    _pool_copies_current(now)
    cached = _public.get(slug)
    if cached is not None and cached[0] > now:
        return cached[1]
    contest = Contest.objects.filter(slug=slug, is_published=True).first()
    if contest is None:
        return None  # not kept: an address nobody published costs its visitor a query, not us memory
    public = PublicContest(contest=contest, rounds=tuple(contest.rounds.order_by("number")))
    _keep(_public, slug, (now + POOL_TTL, public))
    return public


def round_with_contest(*, round_id: int) -> Round | None:
    """A round with its contest (`round.contest`), as the question and receipt pages show them (read only)."""
    now = time.monotonic()
    _pool_copies_current(now)
    cached = _rounds.get(round_id)
    if cached is not None and cached[0] > now:
        return cached[1]
    contest_round = Round.objects.select_related("contest").filter(pk=round_id).first()
    if contest_round is not None:
        _keep(_rounds, round_id, (now + POOL_TTL, contest_round))
    return contest_round


def question_views(*, pool: RoundPool, question_ids: Iterable[int]) -> dict[int, QuestionView]:
    """The drawn questions; any the pool no longer holds (moved to another topic) from the database."""
    ids = list(question_ids)
    found = {qid: pool.questions[qid] for qid in ids if qid in pool.questions}
    missing = [qid for qid in ids if qid not in found]
    if missing:
        found.update({q.pk: _question_view(q) for q in Question.objects.filter(pk__in=missing)})
    return found


# ---- The register, as the entry form offers it -------------------------------------------------


def unit_choices(*, on_date: dt.date) -> list[tuple[int, str]]:
    """The bloc's base organisations on a date, in Vietnamese order (cached per process)."""
    from khoi.units.selectors import unit_list_active_on

    now = time.monotonic()
    _pool_copies_current(now)
    cached = _units.get(on_date)
    if cached is not None and cached[0] > now:
        return cached[1]
    units = list(unit_list_active_on(on_date=on_date).values_list("id", "name"))
    units.sort(key=lambda item: vietnamese_sort_key(item[1]))
    _keep(_units, on_date, (now + UNITS_TTL, units))
    return units


def unit_forget() -> None:
    _units.clear()
