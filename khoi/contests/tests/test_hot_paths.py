"""Start, autosave and submit do a small fixed number of queries, whatever the round's size.

Savepoints are left out of the count: the test runs inside a transaction, so each atomic block
becomes SAVEPOINT/RELEASE here, where in production it is the request's own BEGIN/COMMIT.
"""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from khoi.contests import selectors, services, throttle

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
    selectors.unit_choices(on_date=big_round.opens_at.date())
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
    with statements_at_most(2):  # read the entry, upsert one answer
        assert participant.post(reverse("contests:attempt_answer", args=[token]), {f"q{qid}": "A"}).status_code == 200
    answers = {f"q{int(q)}": "B" for q, _o in entry.draw}
    with statements_at_most(3):  # read the entry, upsert the 20 answers, finalise (prediction included)
        assert participant.post(reverse("contests:attempt_submit", args=[token]), answers).status_code == 303
    stored = selectors.entry_get_by_token(token=token)
    assert stored is not None
    assert services.entry_finalise_if_expired(entry=stored).receipt_code
