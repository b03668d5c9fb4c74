"""Real concurrency on PostgreSQL: one entry per phone per round, one finalisation per entry."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from khoi.contests import services
from khoi.contests.models import Entry

from .factories import next_phone

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: real concurrent transactions"),
]


def _run_together(count, target):
    barrier = threading.Barrier(count)
    results: list[object] = []
    lock = threading.Lock()

    def worker():
        try:
            barrier.wait()
            outcome: object = target()
        except Exception as error:  # every outcome is collected and checked below
            outcome = error
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_concurrent_starts_with_one_phone_store_exactly_one_entry(open_round, unit_a):
    phone = next_phone()

    def start():
        return services.entry_start(round_id=open_round.pk, name="Đào Văn Nam", phone=phone, unit_id=unit_a.pk)

    results = _run_together(8, start)
    entries = [r for r in results if isinstance(r, Entry)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(entries) == 1
    assert len(refused) == 7
    assert all("đã dự thi vòng này" in " ".join(r.messages) for r in refused)
    assert Entry.objects.filter(round=open_round).count() == 1


def test_concurrent_submits_of_one_entry_finalise_it_once_with_one_receipt(start_entry):
    entry = start_entry()

    def submit():
        return services.entry_submit(entry=Entry.objects.get(pk=entry.pk)).receipt_code

    results = _run_together(8, submit)
    assert all(isinstance(r, str) for r in results), results
    assert len(set(results)) == 1
    stored = Entry.objects.get(pk=entry.pk)
    assert stored.receipt_code == results[0]
    assert stored.submitted_at is not None


def test_many_participants_submitting_at_once_all_get_stored_receipts(start_entry):
    entries = [start_entry() for _ in range(12)]
    queue = list(entries)
    lock = threading.Lock()

    def submit_next():
        with lock:
            entry = queue.pop()
        return services.entry_submit(entry=Entry.objects.get(pk=entry.pk)).receipt_code

    receipts = _run_together(12, submit_next)
    stored = set(Entry.objects.filter(receipt_code__isnull=False).values_list("receipt_code", flat=True))
    assert set(receipts) == stored
    assert len(stored) == 12


def test_autosaves_racing_a_submit_never_change_the_answers_it_was_scored_on(start_entry):
    from khoi.contests.models import Answer, Question

    for _attempt in range(5):
        entry = start_entry()
        drawn = [int(q) for q, _order in entry.draw]
        correct = dict(Question.objects.filter(pk__in=drawn).values_list("pk", "correct"))
        # Submit every right answer while other requests autosave wrong ones on the same entry.
        right = {qid: correct[qid] for qid in drawn}
        wrong = {qid: "ABCD".replace(correct[qid], "")[0] for qid in drawn}
        turn = iter(range(8))
        lock = threading.Lock()

        def act(entry_id=entry.pk, right=right, wrong=wrong, turn=turn, lock=lock):
            with lock:
                mine = next(turn)
            current = Entry.objects.get(pk=entry_id)
            if mine == 0:
                return services.entry_submit(entry=current, answers=right).score
            try:
                services.entry_answers_save(entry=current, answers=wrong)
            except ValidationError:
                return "refused"  # the entry was closed first: nothing saved
            return "saved"

        results = _run_together(8, act)
        assert not [r for r in results if isinstance(r, Exception)], results
        stored = Entry.objects.get(pk=entry.pk)
        answers = dict(Answer.objects.filter(entry=entry).values_list("question_id", "choice"))
        assert stored.score == len(drawn)
        assert answers == right  # whatever the order, what is stored is what was scored


def test_an_entry_is_read_again_on_a_fresh_connection_after_postgresql_dropped_the_old_one(start_entry):
    from khoi.contests import selectors

    entry = start_entry()
    assert selectors.entry_get_by_token(token=entry.token) is not None
    backend_pid = connection.connection.info.backend_pid

    def terminate():  # another session ends this one, as a PostgreSQL restart would
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [backend_pid])
        return True

    assert _run_together(1, terminate) == [True]
    read = selectors.entry_get_by_token(token=entry.token)
    assert read is not None and read.pk == entry.pk
    assert connection.connection.info.backend_pid != backend_pid
