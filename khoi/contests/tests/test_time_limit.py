import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from khoi.contests import services
from khoi.contests.models import Answer, Entry, FinishedBy


def _first_correct(entry):
    from khoi.contests.models import Question

    qid = int(entry.draw[0][0])
    return qid, Question.objects.get(pk=qid).correct


def test_an_answer_after_the_time_limit_is_refused_and_not_saved(start_entry):
    entry = start_entry()
    qid, right = _first_correct(entry)
    late = entry.deadline_at + dt.timedelta(seconds=1)
    with pytest.raises(ValidationError) as error:
        services.entry_answers_save(entry=entry, answers={qid: right}, now=late)
    assert "hết giờ" in " ".join(error.value.messages)
    assert not Answer.objects.filter(entry=entry).exists()
    entry.refresh_from_db()
    assert entry.finished_by == FinishedBy.TIME_LIMIT and entry.score == 0


def test_a_submit_after_the_limit_counts_only_what_was_saved_in_time(start_entry):
    entry = start_entry()
    (q1, _o1), (q2, _o2) = entry.draw[0], entry.draw[1]
    from khoi.contests.models import Question

    right = {q.pk: q.correct for q in Question.objects.filter(pk__in=[q1, q2])}
    services.entry_answers_save(entry=entry, answers={q1: right[q1]}, now=entry.started_at + dt.timedelta(minutes=1))
    late = entry.deadline_at + dt.timedelta(minutes=3)
    entry = services.entry_submit(entry=entry, answers={q2: right[q2]}, now=late)
    assert entry.score == 1
    assert entry.finished_by == FinishedBy.TIME_LIMIT
    assert entry.submitted_at == entry.deadline_at
    assert entry.time_taken_ms == (entry.deadline_at - entry.started_at).total_seconds() * 1000
    assert entry.receipt_code
    assert not Answer.objects.filter(entry=entry, question_id=q2).exists()


def test_an_answer_saved_after_the_deadline_is_not_scored_even_if_stored(start_entry):
    entry = start_entry()
    qid, right = _first_correct(entry)
    Answer.objects.create(
        entry=entry, question_id=qid, choice=right, saved_at=entry.deadline_at + dt.timedelta(seconds=5)
    )
    entry = services.entry_finalise_if_expired(entry=entry, now=entry.deadline_at + dt.timedelta(minutes=1))
    assert entry.score == 0


def test_an_abandoned_attempt_is_closed_lazily_when_its_page_is_opened(client, start_entry):
    entry = start_entry()
    Entry.objects.filter(pk=entry.pk).update(
        started_at=entry.started_at - dt.timedelta(hours=1), deadline_at=entry.deadline_at - dt.timedelta(hours=1)
    )
    response = client.get(reverse("contests:attempt", args=[entry.token]))
    assert response.status_code == 302
    assert response["Location"] == reverse("contests:receipt", args=[entry.token])
    entry.refresh_from_db()
    assert entry.finished_by == FinishedBy.TIME_LIMIT and entry.receipt_code


def test_the_command_closes_every_expired_attempt_and_leaves_running_ones(start_entry):
    expired = [start_entry() for _ in range(3)]
    running = start_entry()
    Entry.objects.filter(pk__in=[e.pk for e in expired]).update(
        started_at=running.started_at - dt.timedelta(hours=2), deadline_at=running.started_at - dt.timedelta(hours=1)
    )
    call_command("contests_close_expired", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Entry.objects.filter(pk__in=[e.pk for e in expired], finished_by=FinishedBy.TIME_LIMIT).count() == 3
    running.refresh_from_db()
    assert running.submitted_at is None


def test_submitting_twice_gives_the_same_receipt(start_entry):
    entry = start_entry()
    first = services.entry_submit(entry=entry)
    again = services.entry_submit(entry=Entry.objects.get(pk=entry.pk))
    assert first.receipt_code == again.receipt_code
    assert Entry.objects.get(pk=entry.pk).finished_by == FinishedBy.PARTICIPANT
