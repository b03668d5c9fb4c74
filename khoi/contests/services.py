"""Writes of contests: the question bank, contests and rounds, and the participant's entry.

Hot paths (entry_start, entry_answers_save, entry_submit) do a small fixed amount of work: the
round and its questions come from the process's pool copy (selectors.round_pool_get), and the
entry is stored, read, given answers and closed by one statement each (entry_store). The usual
submit, carrying every drawn question, is scored from what it carries and closed together with
its answers in one transaction. The receipt is only returned after that transaction has
committed: a participant who sees a receipt has a stored entry.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.core.phones import InvalidPhone, parse_mobile
from khoi.core.text import clean_text, name_key
from khoi.core.versioning import save_if_current

from . import entry_store, selectors
from .drawing import NotEnoughQuestions, draw_questions, drawn_question_ids, normalize_choice, score_answers
from .models import (
    Answer,
    Contest,
    Difficulty,
    DrawRule,
    Entry,
    FinishedBy,
    Prize,
    PrizeKind,
    PrizeScope,
    Question,
    QuestionKind,
    Round,
    Topic,
)

# ---- Question bank ------------------------------------------------------------------------------


def topic_create(*, name: str, code: str, position: int = 0) -> Topic:
    name = clean_text(name or "", multiline=False)
    if not name:
        raise ValidationError({"name": _("Enter the topic's name.")})
    if Topic.objects.filter(name=name).exists():
        raise ValidationError({"name": _("A topic with this name already exists.")})
    if Topic.objects.filter(code=code).exists():
        raise ValidationError({"code": _("A topic with this code already exists.")})
    return Topic.objects.create(name=name, code=code, position=position)


@dataclass(frozen=True)
class QuestionData:
    topic: Topic
    kind: str
    text: str
    options: Sequence[str]
    correct: str
    explanation: str = ""
    difficulty: int = Difficulty.MEDIUM
    is_active: bool = True


def question_validate(*, data: QuestionData) -> dict[str, Any]:
    """Checks a question's fields; returns the model fields, or raises with field-named messages."""
    errors: dict[str, str] = {}
    text = clean_text(data.text or "", multiline=True)
    if not text:
        errors["text"] = _("Enter the question.")
    options = [clean_text(option or "", multiline=False) for option in data.options]
    if len(options) != 4 or not all(options):
        errors["options"] = _("A question needs four options, A to D, none of them empty.")
    elif len({option.casefold() for option in options}) != 4:
        errors["options"] = _("The four options must differ from each other.")
    if data.kind not in QuestionKind.values:
        errors["kind"] = _("The kind must be single choice or multiple choice.")
    try:
        correct = normalize_choice(data.correct or "")
    except ValueError:
        correct = ""
        errors["correct"] = _("The correct options must be letters A, B, C or D.")
    if not correct and "correct" not in errors:
        errors["correct"] = _("Choose the correct option.")
    elif data.kind == QuestionKind.SINGLE and len(correct) > 1:
        errors["correct"] = _("A single-choice question has exactly one correct option.")
    if data.difficulty not in Difficulty.values:
        errors["difficulty"] = _("The difficulty must be easy, medium or hard.")
    if errors:
        raise ValidationError(errors)
    return {
        "topic": data.topic,
        "kind": data.kind,
        "text": text,
        "option_a": options[0],
        "option_b": options[1],
        "option_c": options[2],
        "option_d": options[3],
        "correct": correct,
        "explanation": clean_text(data.explanation or "", multiline=True),
        "difficulty": data.difficulty,
        "is_active": data.is_active,
    }


@transaction.atomic
def question_create(*, data: QuestionData) -> Question:
    question = Question.objects.create(**question_validate(data=data))
    selectors.round_pool_forget()
    return question


@transaction.atomic
def question_update(
    *, question: Question, data: QuestionData, actor: Any = None, expected_version: int | None = None
) -> Question:
    """Edit a question; a stale edit (someone saved since `expected_version`) writes nothing."""
    for name, value in question_validate(data=data).items():
        setattr(question, name, value)
    save_if_current(question, expected_version=expected_version, actor=actor)
    selectors.round_pool_forget()
    return question


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


@transaction.atomic
def questions_import(*, rows: Sequence[Mapping[str, Any]]) -> ImportResult:
    """Rows parsed from the Excel template (see excel.py): every row valid, or nothing is written.

    Each row may carry "id" (update that question) and names its topic by name or code.
    """
    topics = {name_key(t.name): t for t in Topic.objects.all()}
    topics.update({name_key(t.code): t for t in topics.values()})
    existing = Question.objects.in_bulk([int(row["id"]) for row in rows if row.get("id")])
    errors: list[str] = []
    prepared: list[tuple[Question | None, dict[str, Any]]] = []
    for row in rows:
        line = row.get("line", "?")
        if row.get("error"):
            errors.append(_("Row %(line)s: %(message)s") % {"line": line, "message": row["error"]})
            continue
        topic = topics.get(name_key(str(row.get("topic") or "")))
        if topic is None:
            errors.append(_("Row %(line)s: no topic named “%(topic)s”.") % {"line": line, "topic": row.get("topic")})
            continue
        question: Question | None = None
        if row.get("id"):
            question = existing.get(int(row["id"]))
            if question is None:
                errors.append(_("Row %(line)s: there is no question number %(id)s.") % {"line": line, "id": row["id"]})
                continue
        try:
            fields = question_validate(
                data=QuestionData(
                    topic=topic,
                    kind=row.get("kind") or "",
                    text=row.get("text") or "",
                    options=row.get("options") or [],
                    correct=row.get("correct") or "",
                    explanation=row.get("explanation") or "",
                    difficulty=row.get("difficulty") or 0,
                    is_active=bool(row.get("is_active", True)),
                )
            )
        except ValidationError as error:
            for messages in error.message_dict.values():
                for message in messages:
                    errors.append(_("Row %(line)s: %(message)s") % {"line": line, "message": message})
            continue
        prepared.append((question, fields))
    if not rows:
        errors.append(_("The file has no questions."))
    if errors:
        raise ValidationError(errors)
    created = updated = 0
    to_create = []
    for question, fields in prepared:
        if question is None:
            to_create.append(Question(**fields))
            created += 1
        else:
            for name, value in fields.items():
                setattr(question, name, value)
            question.version = F("version") + 1  # an edit form read before the import is now stale
            question.save()
            updated += 1
    Question.objects.bulk_create(to_create)
    selectors.round_pool_forget()
    return ImportResult(created=created, updated=updated)


# ---- Contests and rounds ------------------------------------------------------------------------


@transaction.atomic
def contest_create(
    *,
    title: str,
    slug: str,
    organiser: str = "",
    rules: str = "",
    starts_per_ip_per_minute: int = 30,
    is_published: bool = True,
) -> Contest:
    if not title.strip():
        raise ValidationError({"title": _("Enter the contest's title.")})
    if Contest.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("Another contest already uses this address.")})
    return Contest.objects.create(
        title=title.strip(),
        slug=slug,
        organiser=organiser,
        rules=rules,
        starts_per_ip_per_minute=starts_per_ip_per_minute,
        is_published=is_published,
    )


@transaction.atomic
def round_create(
    *,
    contest: Contest,
    number: int,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    time_limit_seconds: int,
    draw: Sequence[tuple[Topic, int]],
    title: str = "",
    prediction_question: str = "",
) -> Round:
    errors: dict[str, str] = {}
    if timezone.is_naive(opens_at) or timezone.is_naive(closes_at):
        errors["opens_at"] = _("Give the window with its time zone.")
    elif closes_at <= opens_at:
        errors["closes_at"] = _("The round must close after it opens.")
    if time_limit_seconds < 30:
        errors["time_limit_seconds"] = _("The time limit must be at least 30 seconds.")
    if not draw or any(count < 1 for _topic, count in draw):
        errors["draw"] = _("Draw at least one question from each chosen topic.")
    if contest.rounds.filter(number=number).exists():
        errors["number"] = _("This contest already has a round with this number.")
    for topic, count in draw:
        available = Question.objects.filter(topic=topic, is_active=True).count()
        if available < count:
            errors["draw"] = _("Topic “%(topic)s” has %(available)d active questions; the round draws %(count)d.") % {
                "topic": topic.name,
                "available": available,
                "count": count,
            }
    if errors:
        raise ValidationError(errors)
    contest_round = Round.objects.create(
        contest=contest,
        number=number,
        title=title,
        opens_at=opens_at,
        closes_at=closes_at,
        time_limit_seconds=time_limit_seconds,
        prediction_question=prediction_question,
    )
    DrawRule.objects.bulk_create(DrawRule(round=contest_round, topic=topic, count=count) for topic, count in draw)
    return contest_round


@transaction.atomic
def prize_set(*, contest: Contest, scope: str, kind: str, count: int) -> Prize | None:
    """Sets how many prizes of a kind the contest gives (0 removes the prize)."""
    if scope not in PrizeScope.values or kind not in PrizeKind.values:
        raise ValidationError({"kind": _("Unknown prize.")})
    if count < 0:
        raise ValidationError({"count": _("The number of prizes cannot be negative.")})
    if count == 0:
        Prize.objects.filter(contest=contest, scope=scope, kind=kind).delete()
        return None
    prize, _created = Prize.objects.update_or_create(contest=contest, scope=scope, kind=kind, defaults={"count": count})
    return prize


@transaction.atomic
def prizes_set(
    *,
    contest: Contest,
    counts: Mapping[tuple[str, str], int],
    actor: Any = None,
    expected_version: int | None = None,
) -> None:
    """Sets every prize count of a contest at once ({(scope, kind): count}; 0 removes it). The
    table is one form guarded by the contest's version: a stale one (someone saved since
    `expected_version`) is refused and writes nothing."""
    save_if_current(contest, expected_version=expected_version, actor=actor, update_fields=[])
    for (scope, kind), count in counts.items():
        prize_set(contest=contest, scope=scope, kind=kind, count=count)


# ---- Entries: the hot paths ---------------------------------------------------------------------


OTHER_UNIT = "other"
MAX_NAME = 120


def receipt_code_for(entry_id: int) -> str:
    """Unique by construction (the entry id) and not guessable (an HMAC of it): "K1F3-7QX2MD"."""
    number = base64.b32encode(entry_id.to_bytes(5, "big")).decode().lstrip("A") or "A"
    digest = hmac.new(settings.SECRET_KEY.encode(), f"receipt:{entry_id}".encode(), hashlib.sha256).digest()
    check = base64.b32encode(digest[:5]).decode()[:6]
    return f"K{number}-{check}"


def _clean_name(name: str) -> str:
    cleaned = " ".join(clean_text(name or "", multiline=False).split())
    if len(cleaned) < 2 or not any(ch.isalpha() for ch in cleaned):
        raise ValidationError({"name": _("Enter your full name.")})
    if len(cleaned) > MAX_NAME:
        raise ValidationError({"name": _("The name is too long (at most 120 characters).")})
    return cleaned


def _clean_birth_year(value: int | None, *, today: dt.date) -> int | None:
    if value is None:
        return None
    if not (1930 <= value <= today.year - 14):
        raise ValidationError(
            {"birth_year": _("Enter a year of birth between 1930 and %(year)d.") % {"year": today.year - 14}}
        )
    return value


def entry_start(
    *,
    round_id: int,
    name: str,
    phone: str,
    unit_id: int | str | None,
    other_unit: str = "",
    birth_year: int | None = None,
    now: dt.datetime | None = None,
) -> Entry:
    """Creates the participant's entry with a fresh draw; one per phone per round (a DB constraint).

    The only write is one INSERT in its own transaction (entry_store.entry_insert)."""
    now = now or timezone.now()
    pool = selectors.round_pool_get(round_id=round_id)
    if pool is None or not pool.is_published:
        raise ValidationError(_("This round does not exist."))
    if now < pool.opens_at:
        raise ValidationError(_("This round has not opened yet."))
    if now >= pool.closes_at:
        raise ValidationError(_("This round is closed."))
    errors: dict[str, str] = {}
    try:
        clean_name = _clean_name(name)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    try:
        e164 = parse_mobile(phone)
    except InvalidPhone:
        errors["phone"] = _("Enter a Vietnamese mobile number of 10 digits, e.g. 0912 345 678.")
    unit_pk: int | None = None
    other = " ".join(clean_text(other_unit or "", multiline=False).split())
    if unit_id in (None, ""):
        errors["unit"] = _("Choose your unit, or “Other” and write its name.")
    elif unit_id == OTHER_UNIT:
        if not other:
            errors["other_unit"] = _("Write the name of your unit.")
        elif len(other) > 255:
            errors["other_unit"] = _("The unit's name is too long.")
    else:
        try:
            unit_pk = int(unit_id)
        except (TypeError, ValueError):
            unit_pk = -1
        valid_ids = {pk for pk, _name in selectors.unit_choices(on_date=timezone.localdate(pool.opens_at))}
        if unit_pk not in valid_ids:
            errors["unit"] = _("Choose your unit from the list.")
        other = ""
    try:
        year = _clean_birth_year(birth_year, today=timezone.localdate(now))
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    try:
        draw = draw_questions(pool=pool.by_topic, rules=pool.rules)
    except NotEnoughQuestions as error:
        raise ValidationError(_("This round is not ready yet; please try again later.")) from error
    entry = Entry(
        round_id=round_id,
        name=clean_name,
        phone=e164,
        unit_id=unit_pk,
        other_unit=other,
        birth_year=year,
        token=secrets.token_urlsafe(18),
        draw=[[qid, order] for qid, order in draw],
        started_at=now,
        deadline_at=now + dt.timedelta(seconds=pool.time_limit_seconds),
    )
    try:
        entry_store.entry_insert(entry)
    except IntegrityError as error:
        # Says only what the participant typed is taken; nothing about the other entry.
        raise ValidationError({"phone": _("This phone number has already entered this round.")}) from error
    transaction.on_commit(lambda: selectors.round_participation_bump(round_id=round_id))
    return entry


def _parse_answers(entry: Entry, answers: Mapping[Any, str | Sequence[str]]) -> dict[int, str]:
    drawn = set(drawn_question_ids(entry.draw))
    parsed: dict[int, str] = {}
    for raw_id, raw_choice in answers.items():
        try:
            question_id = int(raw_id)
            choice = normalize_choice(raw_choice)
        except (TypeError, ValueError) as error:
            raise ValidationError({"answer": _("This answer is not one of the options.")}) from error
        if question_id not in drawn:
            raise ValidationError({"question": _("This question is not part of your test.")})
        parsed[question_id] = choice
    return parsed


def _check_kinds(pool: selectors.RoundPool | None, parsed: Mapping[int, str]) -> None:
    if pool is None:
        return
    for question_id, choice in parsed.items():
        question = pool.questions.get(question_id)
        if question is not None and question.kind == QuestionKind.SINGLE and len(choice) > 1:
            raise ValidationError({"answer": _("Choose one option only for this question.")})


def _check_prediction(prediction: int | None) -> None:
    if prediction is not None and (prediction < 0 or prediction > 10_000_000):
        raise ValidationError({"prediction": _("Enter the prediction as a whole number, 0 or more.")})


def _closing_fields(*, entry: Entry, answers: Mapping[int, str], now: dt.datetime, by: str) -> dict[str, Any]:
    """The score of `answers` and the rest of what closing the entry writes."""
    pool = selectors.round_pool_get(round_id=entry.round_id)
    drawn_ids = drawn_question_ids(entry.draw)
    questions = selectors.question_views(pool=pool, question_ids=drawn_ids) if pool else {}
    correct = {qid: question.correct for qid, question in questions.items()}
    submitted_at = min(now, entry.deadline_at) if by == FinishedBy.TIME_LIMIT else now
    time_taken = min(submitted_at, entry.deadline_at) - entry.started_at
    return {
        "submitted_at": submitted_at,
        "finished_by": by,
        "score": score_answers(draw=entry.draw, answers=answers, correct=correct),
        "time_taken_ms": max(0, int(time_taken.total_seconds() * 1000)),
        "receipt_code": receipt_code_for(entry.pk),
    }


def _close(
    *, entry: Entry, fields: Mapping[str, Any], prediction: int | None, answers: Mapping[int, str], now: dt.datetime
) -> Entry:
    if entry_store.entry_close(entry_id=entry.pk, fields=fields, prediction=prediction, answers=answers, now=now):
        for name, value in fields.items():
            setattr(entry, name, value)
        if prediction is not None:
            entry.prediction = prediction
        return entry
    # Closed a moment ago by another request (a second tab, the time limit): that receipt stands.
    return Entry.objects.get(pk=entry.pk)


@transaction.atomic
def _close_with_saved_answers(
    *,
    entry: Entry,
    now: dt.datetime,
    by: str,
    prediction: int | None = None,
    posted: Mapping[int, str] | None = None,
) -> Entry:
    """Saves `posted` answers, then scores every answer saved before the deadline. The entry's row
    is locked first, so no autosave can slip in between (and none holds a lock this then waits on)."""
    if not Entry.objects.select_for_update().filter(pk=entry.pk, submitted_at__isnull=True).values_list("pk"):
        return Entry.objects.get(pk=entry.pk)
    if posted:
        entry_store.answers_save(entry_id=entry.pk, answers=posted, now=now)
    saved = dict(
        Answer.objects.filter(entry_id=entry.pk, saved_at__lte=entry.deadline_at).values_list("question_id", "choice")
    )
    fields = _closing_fields(entry=entry, answers=saved, now=now, by=by)
    return _close(entry=entry, fields=fields, prediction=prediction, answers={}, now=now)


def entry_finalise_if_expired(*, entry: Entry, now: dt.datetime | None = None) -> Entry:
    """Lazy finalisation: an attempt past its deadline is submitted with what was saved in time."""
    now = now or timezone.now()
    if entry.submitted_at is None and now >= entry.deadline_at:
        return _close_with_saved_answers(entry=entry, now=now, by=FinishedBy.TIME_LIMIT)
    return entry


def _refuse_closed(entry: Entry, now: dt.datetime) -> None:
    """Explains why answers can no longer be saved (and closes an attempt left past its time)."""
    if entry.submitted_at is not None:
        raise ValidationError(_("This test has already been submitted."))
    entry_finalise_if_expired(entry=entry, now=now)
    raise ValidationError(_("Time is up: answers given after the time limit are not counted."))


def entry_answers_save(
    *,
    entry: Entry,
    answers: Mapping[Any, str | Sequence[str]],
    prediction: int | None = None,
    now: dt.datetime | None = None,
) -> Entry:
    """Autosave: upserts the given answers (one statement). After the deadline nothing is saved,
    and the attempt is closed with what was saved in time (that closing is kept).

    The page tells the participant "saved", and an attempt abandoned at its time limit is scored
    from what was saved: so an autosave is a durable commit like any other."""
    now = now or timezone.now()
    if entry.submitted_at is not None or now >= entry.deadline_at:
        _refuse_closed(entry, now)
    parsed = _parse_answers(entry, answers)
    _check_kinds(selectors.round_pool_get(round_id=entry.round_id), parsed)
    _check_prediction(prediction)
    new_prediction = prediction is not None and prediction != entry.prediction
    with transaction.atomic() if new_prediction else nullcontext():
        saved = entry_store.answers_save(entry_id=entry.pk, answers=parsed, now=now)
        if saved and new_prediction:
            Entry.objects.filter(pk=entry.pk, submitted_at__isnull=True).update(prediction=prediction)
            entry.prediction = prediction
    if not saved:  # closed a moment ago by another request
        _refuse_closed(Entry.objects.get(pk=entry.pk), now)
    return entry


def entry_submit(
    *,
    entry: Entry,
    answers: Mapping[Any, str | Sequence[str]] | None = None,
    prediction: int | None = None,
    now: dt.datetime | None = None,
) -> Entry:
    """Saves the last answers (if still in time) and finalises; returns the entry with its receipt.

    Submitting twice returns the same receipt. After the deadline, the posted answers are ignored
    and the entry is closed with the answers saved in time.
    """
    now = now or timezone.now()
    if entry.submitted_at is not None:
        return entry
    if now >= entry.deadline_at:
        return _close_with_saved_answers(entry=entry, now=now, by=FinishedBy.TIME_LIMIT)
    parsed = _parse_answers(entry, answers or {})
    _check_kinds(selectors.round_pool_get(round_id=entry.round_id), parsed)
    _check_prediction(prediction)
    if set(drawn_question_ids(entry.draw)) <= set(parsed):
        # The usual submit: the form carries every drawn question. Scoring needs nothing stored,
        # and closing with these answers is one statement.
        fields = _closing_fields(entry=entry, answers=parsed, now=now, by=FinishedBy.PARTICIPANT)
        return _close(entry=entry, fields=fields, prediction=prediction, answers=parsed, now=now)
    return _close_with_saved_answers(
        entry=entry, now=now, by=FinishedBy.PARTICIPANT, prediction=prediction, posted=parsed
    )


def entries_close_expired(*, now: dt.datetime | None = None, batch_size: int = 500) -> int:
    """Finalises every attempt past its deadline (the command runs this every minute)."""
    now = now or timezone.now()
    closed = 0
    while True:
        batch = list(
            Entry.objects.filter(submitted_at__isnull=True, deadline_at__lte=now).order_by("deadline_at")[:batch_size]
        )
        if not batch:
            return closed
        for entry in batch:
            _close_with_saved_answers(entry=entry, now=now, by=FinishedBy.TIME_LIMIT)
            closed += 1
