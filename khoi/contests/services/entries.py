"""The participant's entry: the hot paths.

entry_start, entry_answers_save and entry_submit do a small fixed amount of work: the round and its
questions come from the process's pool copy (selectors.round_pool_get), and the entry is stored,
read, given answers and closed by one statement each (entry_store). The usual submit, carrying
every drawn question, is scored from what it carries and closed together with its answers in one
transaction. The receipt is only returned after that transaction has committed: a participant who
sees a receipt has a stored entry.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.core.phones import InvalidPhone, parse_mobile
from khoi.core.text import clean_text

from .. import entry_store, selectors
from ..drawing import NotEnoughQuestions, draw_questions, drawn_question_ids, normalize_choice, score_answers
from ..models import (
    Answer,
    Entry,
    FinishedBy,
    QuestionKind,
)

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
