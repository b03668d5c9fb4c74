"""Start, autosave and submit do a small fixed number of queries, whatever the round's size.

Savepoints are left out of the count: the test runs inside a transaction, so each atomic block
becomes SAVEPOINT/RELEASE here, where in production it is the request's own BEGIN/COMMIT.
On PostgreSQL an autosave and a submit are each one statement after the read (see entry_store);
elsewhere the check that the entry is still open is a statement of its own.
"""

import datetime as dt
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from khoi.contests import entry_store, selectors, services, throttle
from khoi.contests.models import Answer, Entry

from .factories import make_question, make_round, make_topic, next_address, next_phone


@contextmanager
def statements_at_most(limit):
    with CaptureQueriesContext(connection) as context:
        yield
    statements = [
        q["sql"] for q in context.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert len(statements) <= limit, "\n".join(statements)


@pytest.fixture
def big_round(contest, unit_a):
    topics = [make_topic() for _ in range(4)]
    for topic in topics:
        for index in range(12):
            make_question(topic, correct="ABCD"[index % 4])
    return make_round(contest, [(topic, 5) for topic in topics], number=5)


def test_the_hot_paths_use_few_queries_and_none_per_question(big_round, unit_a):
    participant = Client(REMOTE_ADDR=next_address())
    # A worker that has served the round before holds its pool and the unit list.
    selectors.round_id_for(slug=big_round.contest.slug, number=big_round.number)
    selectors.round_pool_get(round_id=big_round.pk)
    selectors.unit_choices(on_date=timezone.localdate(big_round.opens_at))
    data = {
        "name": "Vũ Thu Trang",
        "phone": next_phone(),
        "unit": str(unit_a.pk),
        "challenge": throttle.challenge_issue(big_round.pk),
    }
    with statements_at_most(1):  # the INSERT of the entry
        response = participant.post(
            reverse("contests:entry_start", args=[big_round.contest.slug, big_round.number]), data
        )
    assert response.status_code == 303
    token = response["Location"].strip("/").split("/")[-1]
    entry = selectors.entry_get_by_token(token=token)
    assert len(entry.draw) == 20
    qid = int(entry.draw[0][0])
    one_more_without_postgresql = 0 if connection.vendor == "postgresql" else 1
    with statements_at_most(2 + one_more_without_postgresql):  # read the entry, upsert one answer
        assert participant.post(reverse("contests:attempt_answer", args=[token]), {f"q{qid}": "A"}).status_code == 200
    answers = {f"q{int(q)}": "B" for q, _o in entry.draw}
    with statements_at_most(2 + one_more_without_postgresql):  # read; close with the 20 answers and prediction
        assert participant.post(reverse("contests:attempt_submit", args=[token]), answers).status_code == 303
    stored = selectors.entry_get_by_token(token=token)
    assert stored is not None
    assert services.entry_finalise_if_expired(entry=stored).receipt_code


def test_an_entry_read_by_its_token_has_the_same_values_as_through_the_orm(big_round, unit_a):
    entry = services.entry_start(round_id=big_round.pk, name="Lê Thị Hoa", phone=next_phone(), unit_id=unit_a.pk)
    services.entry_submit(entry=entry, answers={q: "A" for q, _o in entry.draw}, prediction=7)
    read = selectors.entry_get_by_token(token=entry.token)
    stored = Entry.objects.get(pk=entry.pk)
    for name in entry_store.ENTRY_FIELDS:
        assert getattr(read, name) == getattr(stored, name), name


def test_answers_are_not_saved_to_an_entry_once_it_is_closed(big_round, unit_a):
    entry = services.entry_start(round_id=big_round.pk, name="Lê Thị Hoa", phone=next_phone(), unit_id=unit_a.pk)
    first = int(entry.draw[0][0])
    services.entry_submit(entry=entry, answers={q: "A" for q, _o in entry.draw})
    # A request that read the entry before the submit committed saves afterwards: nothing changes.
    assert entry_store.answers_save(entry_id=entry.pk, answers={first: "B"}, now=timezone.now()) is False
    assert Answer.objects.get(entry=entry, question_id=first).choice == "A"


def test_answers_are_not_saved_after_the_deadline(big_round, unit_a):
    entry = services.entry_start(round_id=big_round.pk, name="Lê Thị Hoa", phone=next_phone(), unit_id=unit_a.pk)
    first = int(entry.draw[0][0])
    late = entry.deadline_at + dt.timedelta(seconds=1)
    assert entry_store.answers_save(entry_id=entry.pk, answers={first: "B"}, now=late) is False
    assert not Answer.objects.filter(entry=entry).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_on_postgresql_the_hot_statements_are_prepared_on_the_connection(big_round, unit_a):
    entry = services.entry_start(round_id=big_round.pk, name="Lê Thị Hoa", phone=next_phone(), unit_id=unit_a.pk)
    for _ in range(6):
        assert selectors.entry_get_by_token(token=entry.token) is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("FROM contests_entry WHERE token" in statement for statement in prepared), prepared
