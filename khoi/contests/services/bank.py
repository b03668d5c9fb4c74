"""Writes of the question bank (topics, questions, imports) and of contests, rounds and prizes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.core.text import clean_text, name_key
from khoi.core.versioning import save_if_current

from .. import selectors
from ..drawing import normalize_choice
from ..models import (
    Contest,
    Difficulty,
    DrawRule,
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
