"""The contests pool: autosave and submit answered by Django's handler with the contests settings
(config.settings.contests), the same answers and headers as the main pool, and nothing else."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.signals import got_request_exception
from django.test import Client, override_settings
from django.urls import reverse

from config.contests_pool import NOT_NEEDED, contests_middleware
from khoi.contests.api import views
from khoi.contests.models import Entry, Question

from .factories import next_address

# Headers that differ between two answers for reasons other than the stack (none expected today).
SAME_EXCEPT: set[str] = set()


@pytest.fixture
def pool_settings() -> Iterator[None]:
    """The test settings turned into the contests pool's, as config.settings.contests does it."""
    with override_settings(ROOT_URLCONF="config.urls_contests", MIDDLEWARE=contests_middleware(settings.MIDDLEWARE)):
        yield


def _post(client: Client, path: str, body: bytes | str, **extra: Any):
    return client.post(path, body, content_type=extra.pop("content_type", "application/json"), **extra)


def _main_then_pool(path: str, body: bytes | str, **extra: str):
    """The same request through the main pool, then through the contests pool."""
    main = _post(Client(raise_request_exception=False), path, body, REMOTE_ADDR=next_address(), **extra)
    with override_settings(ROOT_URLCONF="config.urls_contests", MIDDLEWARE=contests_middleware(settings.MIDDLEWARE)):
        pool = _post(Client(raise_request_exception=False), path, body, REMOTE_ADDR=next_address(), **extra)
    return main, pool


def test_the_pool_keeps_every_middleware_of_the_main_pool_but_sessions_csrf_login_messages_htmx_and_static():
    stack = contests_middleware(settings.MIDDLEWARE)
    assert "django.middleware.security.SecurityMiddleware" in stack
    assert "django.middleware.common.CommonMiddleware" in stack  # the host check
    assert not set(stack) & NOT_NEEDED
    assert [name for name in settings.MIDDLEWARE if name not in NOT_NEEDED] == stack


def test_a_middleware_added_to_the_main_pool_later_is_in_the_contests_pool_too():
    added = [*settings.MIDDLEWARE, "khoi.core.middleware.SomeFutureSecurityMiddleware"]
    assert contests_middleware(added)[-1] == "khoi.core.middleware.SomeFutureSecurityMiddleware"


def test_the_pool_answers_submit_and_autosave_with_the_main_pools_answer_and_headers(start_entry):
    first, second = start_entry(), start_entry()
    question = str(first.draw[0][0])
    main, pool = (
        _main_then_pool(reverse("contests_api:entry_answers", args=[entry.token]), json.dumps({"answers": {q: "B"}}))
        for entry, q in ((first, question), (second, str(second.draw[0][0])))
    )
    # Two entries so that each request does the same work; compare the answers and every header.
    for main_response, pool_response in (main, pool):
        assert main_response.status_code == pool_response.status_code == 200
        assert main_response.json().keys() == pool_response.json().keys()
        headers_main = {k: v for k, v in main_response.headers.items() if k not in SAME_EXCEPT}
        headers_pool = {k: v for k, v in pool_response.headers.items() if k not in SAME_EXCEPT}
        assert headers_pool == headers_main
    submit_main, submit_pool = _main_then_pool(
        reverse("contests_api:entry_submit", args=[first.token]),
        json.dumps({"answers": {str(q): "A" for q, _o in first.draw}, "prediction": 12}),
    )
    stored = Entry.objects.get(pk=first.pk)
    assert submit_main.json()["receipt_code"] == submit_pool.json()["receipt_code"] == stored.receipt_code
    assert dict(submit_main.headers) == dict(submit_pool.headers)


@pytest.mark.parametrize(
    ("action", "body", "content_type"),
    [
        ("entry_submit", b"{not json", "application/json"),
        ("entry_submit", b"answers=1", "application/x-www-form-urlencoded"),
        ("entry_submit", json.dumps({"answers": ["B"]}).encode(), "application/json"),
        ("entry_answers", json.dumps({"answers": {}, "prediction": -1}).encode(), "application/json"),
        ("entry_answers", json.dumps({"answers": {"999999": "A"}}).encode(), "application/json"),
        ("entry_answers", json.dumps({"answers": {"1": "Z"}}).encode(), "application/json"),
    ],
)
def test_bad_input_is_refused_by_the_pool_exactly_as_by_the_main_pool(start_entry, action, body, content_type):
    entry = start_entry()
    main, pool = _main_then_pool(reverse(f"contests_api:{action}", args=[entry.token]), body, content_type=content_type)
    assert main.status_code == pool.status_code
    assert pool.status_code in (400, 415)
    assert main.json() == pool.json()
    stored = Entry.objects.get(pk=entry.pk)
    assert stored.submitted_at is None and not stored.answers.exists()


def test_a_question_outside_the_draw_is_refused_in_english_when_the_participant_chose_english(
    start_entry, pool_settings
):
    entry = start_entry()
    foreign = Question.objects.exclude(pk__in=[int(q) for q, _o in entry.draw]).first()
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = _post(
        client,
        reverse("contests_api:entry_answers", args=[entry.token]),
        json.dumps({"answers": {str(foreign.pk): "A"}}),
    )
    assert response.status_code == 400
    assert response.headers["Content-Language"] == "en"
    assert response.json()["question"] == ["This question is not part of your test."]


def test_the_pool_refuses_unknown_hosts_and_serves_no_other_address(start_entry, pool_settings):
    entry = start_entry()
    client = Client(raise_request_exception=False)
    path = reverse("contests_api:entry_submit", args=[entry.token])
    assert _post(client, path, "{}", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/health/").status_code == 404
    assert client.get(f"/api/v1/contests/rounds/{entry.round_id}/").status_code == 404
    assert client.get(path).status_code == 405
    assert Entry.objects.get(pk=entry.pk).submitted_at is None


def test_a_failure_inside_is_answered_500_in_json_and_reaches_error_tracking(start_entry, pool_settings, monkeypatch):
    def broken(token, data):
        raise RuntimeError("database gone")

    seen: list[object] = []

    def tracker(sender, request, **kwargs):
        seen.append(request.path)

    monkeypatch.setattr(views, "submit", broken)
    entry = start_entry()
    path = reverse("contests_api:entry_submit", args=[entry.token])
    got_request_exception.connect(tracker)
    try:
        response = _post(Client(raise_request_exception=False), path, "{}")
    finally:
        got_request_exception.disconnect(tracker)
    assert response.status_code == 500
    assert response.json() == {"error": "Server Error (500)"}
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert seen == [path]


def test_a_corrected_answer_key_is_used_by_every_process_once_the_change_is_committed(
    open_round, bank, monkeypatch, django_capture_on_commit_callbacks
):
    from khoi.contests import copies, selectors

    monkeypatch.setattr(copies, "POOL_VERSION_CHECK", 0.0)
    question = bank.questions[bank.topics[0].pk][0]
    assert selectors.round_pool_get(round_id=open_round.pk).questions[question.pk].correct == "A"
    question.correct = "C"
    with django_capture_on_commit_callbacks(execute=False) as pending:
        question.save()
    # Not committed yet: the copy (as another process holds it) still has the old key.
    assert selectors.round_pool_get(round_id=open_round.pk).questions[question.pk].correct == "A"
    for callback in pending:
        callback()
    assert selectors.round_pool_get(round_id=open_round.pk).questions[question.pk].correct == "C"


def test_the_copy_of_a_round_is_kept_between_requests_while_nothing_changes(open_round, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from khoi.contests import copies, selectors

    monkeypatch.setattr(copies, "POOL_VERSION_CHECK", 0.0)
    selectors.round_pool_get(round_id=open_round.pk)
    with CaptureQueriesContext(connection) as queries:
        selectors.round_pool_get(round_id=open_round.pk)
    assert len(queries) == 0


def test_the_contests_pool_starts_with_its_own_settings_and_passes_djangos_checks():
    import os
    import subprocess
    import sys

    env = {**os.environ, "SECRET_KEY": "check-only", "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    code = (
        "import config.wsgi_contests as w; from django.conf import settings; from django.core.management import "
        "call_command; print(settings.ROOT_URLCONF, 'SessionMiddleware' in str(settings.MIDDLEWARE)); "
        "call_command('check')"
    )
    done = subprocess.run(  # noqa: S603  (this interpreter, a fixed script)
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "config.urls_contests False"
