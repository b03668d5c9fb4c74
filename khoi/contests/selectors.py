"""Reads of contests: counts, rankings, results, the bank, entries.

What every app process keeps in memory (the round's settings and question pool, a published
contest and its rounds, the register's units) lives in khoi.contests.copies and is re-exported
here, where the views and services read it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, QuerySet
from django.utils import timezone

from khoi.core.phones import mask_phone
from khoi.core.providers import provider

from . import entry_store
from .copies import (  # noqa: F401  (re-exported: the views and services read them from here)
    POOL_VERSION_KEY,
    PublicContest,
    QuestionView,
    RoundPool,
    contest_public_get,
    question_views,
    round_id_for,
    round_pool_changed,
    round_pool_forget,
    round_pool_get,
    round_with_contest,
    unit_choices,
    unit_forget,
)
from .drawing import drawn_question_ids
from .models import (
    PRIZE_ORDER,
    Answer,
    Contest,
    Entry,
    Prize,
    PrizeKind,
    PrizeScope,
    Question,
    QuestionKind,
    Round,
    Topic,
)
from .ranking import Ranked, assign_prizes, rank_entries

COUNT_TTL = 300


# ---- Public pages --------------------------------------------------------------------------------


def contest_list_published() -> QuerySet[Contest]:
    return Contest.objects.filter(is_published=True).prefetch_related("rounds")


def contest_get_published(*, slug: str) -> Contest | None:
    return Contest.objects.filter(slug=slug, is_published=True).first()


def round_list(*, contest: Contest) -> list[Round]:
    return list(contest.rounds.order_by("number"))


def round_current(*, rounds: Sequence[Round], now: dt.datetime) -> Round | None:
    """The round open now, else the next one to open, else None."""
    for contest_round in rounds:
        if contest_round.opens_at <= now < contest_round.closes_at:
            return contest_round
    upcoming = [r for r in rounds if r.opens_at > now]
    return upcoming[0] if upcoming else None


def _count_key(round_id: int) -> str:
    return f"contests:round:{round_id}:entries"


def round_participation_count(*, round_id: int) -> int:
    """Entries started in the round: a cached counter, recounted from the database when missing."""
    value = cache.get(_count_key(round_id))
    if value is None:
        value = Entry.objects.filter(round_id=round_id).count()
        cache.add(_count_key(round_id), value, COUNT_TTL)
    return int(value)


def round_participation_bump(*, round_id: int) -> None:
    try:
        cache.incr(_count_key(round_id))
    except ValueError:
        round_participation_count(round_id=round_id)


def entry_get_by_token(*, token: str) -> Entry | None:
    return entry_store.entry_by_token(token)


def entry_answers(*, entry: Entry) -> dict[int, str]:
    return entry_store.answers_of(entry.pk)


# ---- Rankings and results -----------------------------------------------------------------------


@dataclass(frozen=True)
class DrawnOption:
    letter: str  # the option's own letter ("A"–"D" as written), what an answer carries
    label: str  # the letter shown: options are shuffled per entry
    text: str
    checked: bool


@dataclass(frozen=True)
class DrawnQuestion:
    position: int
    id: int
    text: str
    multiple: bool
    options: list[DrawnOption]


def entry_drawn_questions(
    *, entry: Entry, pool: RoundPool, answers: Mapping[int, str] | None = None
) -> list[DrawnQuestion]:
    """The entry's questions in its drawn order, each with its options in the entry's shuffled
    order (Entry.draw is [[question id, "CADB"], …]): the attempt page and the API show these."""
    questions = question_views(pool=pool, question_ids=drawn_question_ids(entry.draw))
    answers = answers or {}
    drawn = []
    for position, (question_id, order) in enumerate(entry.draw, start=1):
        question = questions[int(question_id)]
        chosen = answers.get(int(question_id), "")
        options = [
            DrawnOption(letter=letter, label="ABCD"[shown], text=question.options["ABCD".index(letter)],
                        checked=letter in chosen)
            for shown, letter in enumerate(order)
        ]  # fmt: skip
        drawn.append(
            DrawnQuestion(
                position=position,
                id=question.id,
                text=question.text,
                multiple=question.kind == QuestionKind.MULTIPLE,
                options=options,
            )
        )
    return drawn


@dataclass(frozen=True)
class AnsweredQuestion:
    position: int
    question: QuestionView | None  # None: the question has left the bank since
    order: str  # the options in the order the entry showed them ("CADB")
    choice: str
    right: bool


def entry_answer_review(*, entry: Entry) -> list[AnsweredQuestion]:
    """The entry's questions in drawn order with its answers, each marked right or not: what the
    receipt shows once the round has closed, and the staff's page of an entry."""
    pool = round_pool_get(round_id=entry.round_id)
    answers = entry_answers(entry=entry)
    questions = question_views(pool=pool, question_ids=drawn_question_ids(entry.draw)) if pool else {}
    lines = []
    for position, (question_id, order) in enumerate(entry.draw, start=1):
        question = questions.get(int(question_id))
        choice = answers.get(int(question_id), "")
        right = bool(question and choice == question.correct)
        lines.append(AnsweredQuestion(position=position, question=question, order=order, choice=choice, right=right))
    return lines


def round_true_figure(*, contest_round: Round) -> int:
    """The answer to the prediction question: given by staff, else the entries with every answer right."""
    if contest_round.prediction_answer is not None:
        return contest_round.prediction_answer
    draw_size = sum(contest_round.draw_rules.values_list("count", flat=True))
    return Entry.objects.filter(round=contest_round, submitted_at__isnull=False, score=draw_size).count()


@dataclass(frozen=True)
class RankingRow:
    position: int
    entry_id: int
    name: str
    phone: str
    masked_phone: str
    unit_name: str
    score: int
    prediction: int | None
    time_taken_ms: int
    submitted_at: dt.datetime
    prize: str = ""


def _unit_label(unit_name: str | None, other: str) -> str:
    return unit_name or other


def round_ranking(*, contest_round: Round, limit: int | None = None) -> tuple[list[RankingRow], int]:
    """The round's finalised entries in prize order, with the true figure used for predictions."""
    true_figure = round_true_figure(contest_round=contest_round)
    rows = list(
        Entry.objects.filter(round=contest_round, submitted_at__isnull=False).values_list(
            "id", "name", "phone", "unit__name", "other_unit", "score", "prediction", "time_taken_ms", "submitted_at"
        )
    )
    details = {row[0]: row for row in rows}
    ranked = rank_entries(
        (Ranked(row[0], row[5] or 0, row[6], row[7] or 0, row[8] or contest_round.closes_at) for row in rows),
        true_figure=true_figure,
    )
    prizes = dict(
        contest_round.contest.prizes.filter(scope=PrizeScope.ROUND)
        .exclude(kind=PrizeKind.COLLECTIVE)
        .values_list("kind", "count")
    )
    prize_of = {
        row.entry_id: kind
        for kind, row in assign_prizes(ranked, [(kind, prizes[kind]) for kind in PRIZE_ORDER if kind in prizes])
    }
    out = []
    for position, row in enumerate(ranked[:limit] if limit else ranked, start=1):
        detail = details[row.entry_id]
        out.append(
            RankingRow(
                position=position,
                entry_id=row.entry_id,
                name=detail[1],
                phone=detail[2],
                masked_phone=mask_phone(detail[2]),
                unit_name=_unit_label(detail[3], detail[4]),
                score=row.score,
                prediction=row.prediction,
                time_taken_ms=row.time_taken_ms,
                submitted_at=row.submitted_at,
                prize=prize_of.get(row.entry_id, ""),
            )
        )
    return out, true_figure


@dataclass(frozen=True)
class OverallRow:
    position: int
    name: str
    phone: str
    masked_phone: str
    unit_name: str
    rounds: int
    score: int
    distance: float
    time_taken_ms: int
    prize: str = ""


def contest_overall_ranking(*, contest: Contest, limit: int | None = None) -> list[OverallRow]:
    """Across rounds, per phone: total score, then total prediction distance, then total time."""
    rounds = list(contest.rounds.all())
    figures = {r.pk: round_true_figure(contest_round=r) for r in rounds}
    totals: dict[str, dict[str, Any]] = {}
    rows = Entry.objects.filter(round__contest=contest, submitted_at__isnull=False).values_list(
        "round_id", "name", "phone", "unit__name", "other_unit", "score", "prediction", "time_taken_ms", "submitted_at"
    )
    for round_id, name, phone, unit_name, other, score, prediction, taken, submitted in rows.order_by("submitted_at"):
        item = totals.setdefault(
            phone,
            {"name": name, "unit": _unit_label(unit_name, other), "rounds": 0, "score": 0, "distance": 0.0, "ms": 0},
        )
        item["rounds"] += 1
        item["score"] += score
        figure = figures[round_id]
        item["distance"] += abs(prediction - figure) if prediction is not None else 10**9
        item["ms"] += taken or 0
        item["last"] = submitted
    ordered = sorted(totals.items(), key=lambda kv: (-kv[1]["score"], kv[1]["distance"], kv[1]["ms"], kv[1]["last"]))
    prizes = dict(
        contest.prizes.filter(scope=PrizeScope.OVERALL).exclude(kind=PrizeKind.COLLECTIVE).values_list("kind", "count")
    )
    prize_of = {
        phone: kind
        for kind, (phone, _item) in assign_prizes(
            ordered, [(kind, prizes[kind]) for kind in PRIZE_ORDER if kind in prizes]
        )
    }
    chosen = ordered[:limit] if limit else ordered
    return [
        OverallRow(
            position=position,
            name=item["name"],
            phone=phone,
            masked_phone=mask_phone(phone),
            unit_name=item["unit"],
            rounds=item["rounds"],
            score=item["score"],
            distance=item["distance"],
            time_taken_ms=item["ms"],
            prize=prize_of.get(phone, ""),
        )
        for position, (phone, item) in enumerate(chosen, start=1)
    ]


@dataclass(frozen=True)
class UnitResult:
    unit_id: int | None
    unit_name: str
    participants: int
    entries: int
    average_score: float | None
    workers: float | None = None

    @property
    def share_of_workers(self) -> float | None:
        if not self.workers:
            return None
        return self.participants / self.workers * 100


def workers_by_unit(*, on_date: dt.date) -> dict[int, float] | None:
    """Workers per unit from the reporting engine (indicator "workers", a stock): the first half of
    the contest's year when it runs in the second half, else the year before. None when the
    reporting app is not installed or has no such figures (the pages then show participants and
    scores only)."""
    unit_values = provider("reporting.unit_values")
    if unit_values is None:
        return None
    periods = [(on_date.year, "H1")] if on_date.month >= 7 else []
    periods.append((on_date.year - 1, "Y"))
    return unit_values(code="workers", periods=periods) or None


def contest_results_by_unit(*, contest: Contest, contest_round: Round | None = None) -> list[UnitResult]:
    """Per unit: distinct participants (phones), entries, average score; most participants first."""
    entries = Entry.objects.filter(round__contest=contest, submitted_at__isnull=False)
    if contest_round is not None:
        entries = entries.filter(round=contest_round)
    rows = entries.values_list("unit_id", "unit__name", "phone", "score")
    acc: dict[int | None, dict[str, Any]] = {}
    for unit_id, unit_name, phone, score in rows:
        item = acc.setdefault(unit_id, {"name": unit_name or "", "phones": set(), "entries": 0, "total": 0})
        item["phones"].add(phone)
        item["entries"] += 1
        item["total"] += score
    first_round = contest.rounds.order_by("opens_at").first()
    workers = workers_by_unit(on_date=timezone.localdate(first_round.opens_at)) if first_round else None
    results = [
        UnitResult(
            unit_id=unit_id,
            unit_name=item["name"],
            participants=len(item["phones"]),
            entries=item["entries"],
            average_score=item["total"] / item["entries"] if item["entries"] else None,
            workers=(workers or {}).get(unit_id) if unit_id is not None else None,
        )
        for unit_id, item in acc.items()
    ]
    results.sort(key=lambda r: (r.unit_id is None, -r.participants, -(r.average_score or 0), r.unit_name))
    return results


def contest_collective_prizes(*, contest: Contest, results: Sequence[UnitResult]) -> list[tuple[str, UnitResult]]:
    """Giải tập thể: the units with the most participants (share of workers when known)."""
    prize = Prize.objects.filter(contest=contest, kind=PrizeKind.COLLECTIVE).first()
    if prize is None:
        return []
    units = [r for r in results if r.unit_id is not None]
    if any(r.share_of_workers is not None for r in units):
        units.sort(key=lambda r: (-(r.share_of_workers or 0), -r.participants))
    return [(PrizeKind.COLLECTIVE.value, r) for r in units[: prize.count]]


@dataclass(frozen=True)
class ItemStat:
    question_id: int
    topic: str
    text: str
    correct: str
    drawn: int
    answered: int
    right: int

    @property
    def share_correct(self) -> float | None:
        return self.right / self.drawn * 100 if self.drawn else None


def round_item_statistics(*, contest_round: Round) -> list[ItemStat]:
    """For each question drawn in the round: how often drawn, answered, answered right."""
    from .drawing import is_correct

    drawn: dict[int, int] = defaultdict(int)
    entries = Entry.objects.filter(round=contest_round, submitted_at__isnull=False)
    for draw in entries.values_list("draw", flat=True):
        for item in draw:
            drawn[int(item[0])] += 1
    questions = {q.pk: q for q in Question.objects.filter(pk__in=drawn).select_related("topic")}
    answered: dict[int, int] = defaultdict(int)
    right: dict[int, int] = defaultdict(int)
    answers = Answer.objects.filter(entry__in=entries, saved_at__lte=timezone.now()).values_list(
        "question_id", "choice", "saved_at", "entry__deadline_at"
    )
    for question_id, choice, saved_at, deadline in answers:
        if saved_at > deadline or not choice:
            continue
        answered[question_id] += 1
        question = questions.get(question_id)
        if question is not None and is_correct(choice, question.correct):
            right[question_id] += 1
    stats = [
        ItemStat(
            question_id=qid,
            topic=questions[qid].topic.name,
            text=questions[qid].text,
            correct=questions[qid].correct,
            drawn=drawn[qid],
            answered=answered[qid],
            right=right[qid],
        )
        for qid in drawn
        if qid in questions
    ]
    stats.sort(key=lambda s: (s.share_correct if s.share_correct is not None else 101, s.question_id))
    return stats


def round_entries_for_staff(*, contest_round: Round) -> QuerySet[Entry]:
    return Entry.objects.filter(round=contest_round).select_related("unit").order_by("-started_at", "-id")


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.annotate(question_count=Count("questions")).order_by("position", "id")


def question_list(*, topic_id: int | None = None, search: str = "") -> QuerySet[Question]:
    questions = Question.objects.select_related("topic")
    if topic_id:
        questions = questions.filter(topic_id=topic_id)
    if search:
        questions = questions.filter(text__icontains=search)
    return questions


def round_status_counts(*, contest_round: Round) -> dict[str, int]:
    rows = Entry.objects.filter(round=contest_round).aggregate(
        started=Count("id"), finalised=Count("id", filter=~_open_filter())
    )
    return {"started": rows["started"], "finalised": rows["finalised"]}


def _open_filter() -> Any:
    from django.db.models import Q

    return Q(submitted_at__isnull=True)
