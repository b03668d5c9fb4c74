"""The WSGI front that answers autosave and submit before Django's handler: same answers as the
DRF views at those addresses, same refusals, and everything else left to Django."""

import io
import json
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse

from config import wsgi as wsgi_module
from khoi.contests.api import hot
from khoi.contests.api.hot import contests_hot_paths
from khoi.contests.models import Entry, Question

from .factories import next_address


class DjangoSpy:
    """Django's application, noting which requests the front handed to it."""

    def __init__(self):
        self.paths = []

    def __call__(self, environ, start_response):
        self.paths.append((environ["REQUEST_METHOD"], environ["PATH_INFO"]))
        return wsgi_module.django_application(environ, start_response)


django_spy = DjangoSpy()
application = contests_hot_paths(django_spy)


def test_the_projects_wsgi_application_is_the_front_around_django():
    assert wsgi_module.application.__qualname__.startswith("contests_hot_paths")


@pytest.fixture(autouse=True)
def _fresh_spy():
    django_spy.paths.clear()


@contextmanager
def _test_transaction_kept():
    # As Django's test client does: the request signals would otherwise close the connection that
    # holds the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def wsgi(method, path, body=b"", content_type="application/json", host="testserver", cookie=""):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "REMOTE_ADDR": next_address(),
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
    }
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    started: dict[str, Any] = {}

    def start_response(status, headers, exc_info=None):
        started["status"] = int(status.split()[0])
        started["headers"] = dict(headers)

    with _test_transaction_kept():
        content = b"".join(application(environ, start_response))
    return started["status"], started["headers"], content


def test_a_submit_through_the_front_stores_the_entry_and_answers_its_receipt(start_entry):
    entry = start_entry()
    body = json.dumps({"answers": {str(q): "A" for q, _o in entry.draw}, "prediction": 12}).encode()
    status, headers, content = wsgi("POST", reverse("contests_api:entry_submit", args=[entry.token]), body)
    stored = Entry.objects.get(pk=entry.pk)
    assert status == 200
    assert json.loads(content)["receipt_code"] == stored.receipt_code
    assert stored.prediction == 12 and stored.answers.count() == len(entry.draw)
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Content-Language"] == "vi"
    assert int(headers["Content-Length"]) == len(content)
    assert django_spy.paths == []  # answered by the front, not by Django


def test_an_autosave_through_the_front_answers_as_the_drf_view(client, start_entry):
    entry = start_entry()
    first = str(entry.draw[0][0])
    path = reverse("contests_api:entry_answers", args=[entry.token])
    body = json.dumps({"answers": {first: "B"}}).encode()
    status, _headers, content = wsgi("POST", path, body)
    through_django = client.post(path, body, content_type="application/json", REMOTE_ADDR=next_address())
    assert status == through_django.status_code == 200
    assert json.loads(content) == through_django.json()
    assert entry.answers.get(question_id=int(first)).choice == "B"


@pytest.mark.parametrize(
    ("action", "body", "content_type"),
    [
        ("entry_submit", b"{not json", "application/json"),
        ("entry_submit", b"answers=1", "application/x-www-form-urlencoded"),
        ("entry_submit", json.dumps({"answers": ["B"]}).encode(), "application/json"),
        ("entry_answers", json.dumps({"answers": {}, "prediction": -1}).encode(), "application/json"),
        ("entry_answers", json.dumps({"answers": {"999999": "A"}}).encode(), "application/json"),
        ("entry_answers", json.dumps({"answers": {"1": "Z"}}).encode(), "application/json"),
        ("entry_answers", json.dumps({"answers": {"1": "\x00"}}).encode(), "application/json"),
        ("entry_submit", json.dumps({"answers": {}, "prediction": 10**20}).encode(), "application/json"),
    ],
)
def test_bad_input_is_refused_by_the_front_exactly_as_by_the_drf_view(client, start_entry, action, body, content_type):
    entry = start_entry()
    path = reverse(f"contests_api:{action}", args=[entry.token])
    status, _headers, content = wsgi("POST", path, body, content_type)
    assert django_spy.paths == []
    through_django = client.post(path, body, content_type=content_type, REMOTE_ADDR=next_address())
    assert status == through_django.status_code
    assert status in (400, 415)
    assert json.loads(content) == through_django.json()
    stored = Entry.objects.get(pk=entry.pk)
    assert stored.submitted_at is None and not stored.answers.exists()


def test_an_unknown_token_is_not_found_and_says_nothing_more(client, db):
    path = reverse("contests_api:entry_submit", args=["khong-co-ma-nay"])
    status, _headers, content = wsgi("POST", path, b"{}")
    through_django = client.post(path, b"{}", content_type="application/json")
    assert status == through_django.status_code == 404
    assert json.loads(content) == through_django.json() == {"detail": "Không tìm thấy."}


def test_a_question_outside_the_draw_is_refused_in_english_when_the_participant_chose_english(start_entry):
    entry = start_entry()
    foreign = Question.objects.exclude(pk__in=[int(q) for q, _o in entry.draw]).first()
    body = json.dumps({"answers": {str(foreign.pk): "A"}}).encode()
    path = reverse("contests_api:entry_answers", args=[entry.token])
    status, headers, content = wsgi("POST", path, body, cookie="django_language=en")
    assert status == 400
    assert headers["Content-Language"] == "en"
    assert json.loads(content)["question"] == ["This question is not part of your test."]


def test_the_front_leaves_unknown_hosts_other_methods_and_other_addresses_to_django(start_entry):
    entry = start_entry()
    path = reverse("contests_api:entry_submit", args=[entry.token])
    assert wsgi("POST", path, b"{}", host="evil.example")[0] == 400  # Django's DisallowedHost
    assert wsgi("GET", path)[0] == 405  # DRF's answer: submit is a POST
    assert wsgi("GET", "/health/")[2] == b"ok"
    assert django_spy.paths == [("POST", path), ("GET", path), ("GET", "/health/")]
    assert Entry.objects.get(pk=entry.pk).submitted_at is None


def test_a_failure_inside_is_logged_and_answered_500_with_the_same_headers(start_entry, monkeypatch, caplog):
    def broken(token, data):
        raise RuntimeError("database gone")

    monkeypatch.setitem(hot.ACTIONS, "submit", broken)
    entry = start_entry()
    status, headers, content = wsgi("POST", reverse("contests_api:entry_submit", args=[entry.token]), b"{}")
    assert status == 500
    assert json.loads(content) == {"detail": "Internal Server Error"}
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Internal Server Error" in caplog.text
