"""The participant's steps through the API: same rules as the pages."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework import serializers

from khoi.contests.models import Entry, Question

from .factories import next_address, next_phone


@pytest.fixture
def api() -> Client:
    return Client(REMOTE_ADDR=next_address())


def test_start_answer_and_submit_through_the_api(api, open_round, unit_a):
    info = api.get(reverse("contests_api:round", args=[open_round.pk])).json()
    assert info["is_open"] and info["question_count"] == 5
    body = {"name": "Phạm Minh Tuấn", "phone": "0988 111 222", "unit": str(unit_a.pk), "challenge": info["challenge"]}
    started = api.post(reverse("contests_api:entry_start", args=[open_round.pk]), body, content_type="application/json")
    assert started.status_code == 201, started.content
    data = started.json()
    assert len(data["questions"]) == 5
    started_entry = Entry.objects.get(token=data["token"])
    assert data["deadline_at"] == serializers.DateTimeField().to_representation(started_entry.deadline_at)
    assert all(len(q["options"]) == 4 for q in data["questions"])
    first = data["questions"][0]
    right = Question.objects.get(pk=first["id"]).correct
    saved = api.post(
        reverse("contests_api:entry_answers", args=[data["token"]]),
        {"answers": {str(first["id"]): right}, "prediction": 3},
        content_type="application/json",
    )
    assert saved.status_code == 200, saved.content
    done = api.post(reverse("contests_api:entry_submit", args=[data["token"]]), {}, content_type="application/json")
    assert done.status_code == 200
    entry = Entry.objects.get(token=data["token"])
    assert done.json()["receipt_code"] == entry.receipt_code
    assert entry.score == 1 and entry.prediction == 3
    # Written by hand on this busy path, the times read as the schema's DateTimeField writes them.
    assert entry.submitted_at is not None
    assert done.json()["submitted_at"] == serializers.DateTimeField().to_representation(entry.submitted_at)
    assert saved.json()["deadline_at"] == serializers.DateTimeField().to_representation(entry.deadline_at)
    assert saved.json()["saved"] == 1


def test_the_api_refuses_bad_input_in_vietnamese_and_writes_nothing(api, open_round, unit_a):
    info = api.get(reverse("contests_api:round", args=[open_round.pk])).json()
    body = {"name": "A B", "phone": "0168 123 4567", "unit": str(unit_a.pk), "challenge": info["challenge"]}
    response = api.post(
        reverse("contests_api:entry_start", args=[open_round.pk]), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "số điện thoại di động" in response.json()["phone"][0]
    body.update(phone=next_phone(), website="spam")
    assert (
        api.post(
            reverse("contests_api:entry_start", args=[open_round.pk]), body, content_type="application/json"
        ).status_code
        == 400
    )
    assert Entry.objects.count() == 0


def test_the_api_refuses_a_question_outside_the_draw(api, start_entry):
    entry = start_entry()
    foreign = Question.objects.exclude(pk__in=[int(q) for q, _o in entry.draw]).first()
    response = api.post(
        reverse("contests_api:entry_answers", args=[entry.token]),
        {"answers": {str(foreign.pk): "A"}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "question" in response.json()


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"answers": ["B"]}, "answers", "mã câu hỏi"),
        ({"answers": {"1": 2}}, "answers", "mã câu hỏi"),
        ({"answers": {}, "prediction": -3}, "prediction", "số nguyên"),
        ({"answers": {}, "prediction": "nhiều"}, "prediction", "số nguyên"),
    ],
)
def test_a_malformed_autosave_or_submit_is_refused_in_vietnamese_and_changes_nothing(
    api, start_entry, body, field, words
):
    entry = start_entry()
    for name in ("entry_answers", "entry_submit"):
        response = api.post(reverse(f"contests_api:{name}", args=[entry.token]), body, content_type="application/json")
        assert response.status_code == 400
        assert words in response.json()[field][0]
    stored = Entry.objects.get(pk=entry.pk)
    assert stored.submitted_at is None and stored.prediction is None
    assert not stored.answers.exists()


def test_the_schema_documents_the_contest_api(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/contests/rounds/{id}/entries/" in response.content
