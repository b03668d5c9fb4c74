"""The public pages read what is the same for everyone (the contest, its rounds, the unit list) from
the process's copy, and show what staff change once it is committed (khoi.contests.copies)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from khoi.contests import copies, selectors, services, throttle
from khoi.contests.models import Contest
from khoi.units import services as unit_services
from khoi.units.tests.conftest import make_workbook
from khoi.units.tests.factories import make_unit

from .factories import make_round, make_topic, next_address, next_phone


@pytest.fixture(autouse=True)
def _version_read_every_time(monkeypatch):
    monkeypatch.setattr(copies, "POOL_VERSION_CHECK", 0.0)


def _statements(context):
    return [q["sql"] for q in context.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]


def test_the_landing_page_asks_the_database_nothing_once_the_process_holds_the_contest(open_round, contest):
    url = reverse("contests:landing", args=[contest.slug])
    assert Client().get(url).status_code == 200  # the first visitor loads the copies
    with CaptureQueriesContext(connection) as context:
        response = Client().get(url)
    assert response.status_code == 200
    assert _statements(context) == []
    assert contest.title in response.content.decode()


def test_the_question_page_and_the_receipt_read_only_the_entry_and_its_answers(open_round, unit_a):
    participant = Client(REMOTE_ADDR=next_address())
    data = {"name": "Vũ Thu Trang", "phone": next_phone(), "unit": str(unit_a.pk)}
    data["challenge"] = throttle.challenge_issue(open_round.pk)
    start = participant.post(reverse("contests:entry_start", args=[open_round.contest.slug, 1]), data)
    attempt = start["Location"]
    participant.get(attempt)
    with CaptureQueriesContext(connection) as context:
        assert participant.get(attempt).status_code == 200
    assert len(_statements(context)) == 2, _statements(context)  # the entry, its answers
    token = attempt.strip("/").split("/")[-1]
    entry = selectors.entry_get_by_token(token=token)
    answers = {f"q{int(q)}": "A" for q, _order in entry.draw}
    assert participant.post(reverse("contests:attempt_submit", args=[token]), answers).status_code == 303
    with CaptureQueriesContext(connection) as context:
        receipt = participant.get(reverse("contests:receipt", args=[token]))
    assert receipt.status_code == 200
    assert len(_statements(context)) == 1, _statements(context)  # the entry (the round is still open)
    assert services.receipt_code_for(entry.pk) in receipt.content.decode()


def test_a_change_another_process_committed_is_shown_at_the_next_look_at_the_version(open_round, contest):
    url = reverse("contests:landing", args=[contest.slug])
    assert "Cuộc thi mùa thu" not in Client().get(url).content.decode()
    Contest.objects.filter(pk=contest.pk).update(title="Cuộc thi mùa thu")  # no signal: as from elsewhere
    assert "Cuộc thi mùa thu" not in Client().get(url).content.decode()  # the copy is kept…
    cache.set(selectors.POOL_VERSION_KEY, "moved by another process", None)
    assert "Cuộc thi mùa thu" in Client().get(url).content.decode()  # …until the version moves


def test_staff_edits_of_the_contest_and_its_rounds_are_shown_once_committed(
    open_round, contest, django_capture_on_commit_callbacks
):
    url = reverse("contests:landing", args=[contest.slug])
    Client().get(url)
    contest.rules = "Mỗi số điện thoại dự thi một lần mỗi vòng."
    open_round.title = "Vòng mở màn"
    with django_capture_on_commit_callbacks(execute=False) as pending:
        contest.save()
        open_round.save()
    page = Client().get(url).content.decode()
    assert "Vòng mở màn" not in page  # not committed yet
    for callback in pending:
        callback()
    page = Client().get(url).content.decode()
    assert "Vòng mở màn" in page
    assert "Mỗi số điện thoại dự thi một lần mỗi vòng." in page


def test_a_unit_added_to_the_register_is_offered_by_the_entry_form_once_committed(
    open_round, contest, bloc, django_capture_on_commit_callbacks
):
    url = reverse("contests:landing", args=[contest.slug])
    assert "Chi bộ Cảng Chùa Vẽ" not in Client().get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_unit(bloc, name="Chi bộ Cảng Chùa Vẽ", joined_on=dt.date(2000, 1, 1))
    assert "Chi bộ Cảng Chùa Vẽ" in Client().get(url).content.decode()


def test_an_imported_register_is_offered_by_the_entry_form_once_committed(
    open_round, contest, bloc, django_capture_on_commit_callbacks
):
    url = reverse("contests:landing", args=[contest.slug])
    Client().get(url)
    row: dict[str, object] = {"code": "N777", "name": "Chi bộ Công ty Đóng tàu Bạch Đằng", "kind": "Chi bộ cơ sở"}
    row.update({"parent_code": bloc.code, "joined_on": dt.datetime(2001, 3, 1)})
    with django_capture_on_commit_callbacks(execute=True):
        unit_services.unit_import(content=make_workbook([row]), actor=None)
    assert "Chi bộ Công ty Đóng tàu Bạch Đằng" in Client().get(url).content.decode()


def test_a_refused_entry_form_keeps_the_chosen_unit_and_escapes_unit_names(open_round, contest, bloc, unit_a):
    make_unit(bloc, name="Chi bộ <Công ty> & Cảng", joined_on=dt.date(2000, 1, 1))
    copies.unit_forget()
    data = {"name": "", "phone": "0912", "unit": str(unit_a.pk), "challenge": throttle.challenge_issue(open_round.pk)}
    response = Client(REMOTE_ADDR=next_address()).post(
        reverse("contests:entry_start", args=[contest.slug, open_round.number]), data
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert f'<option value="{unit_a.pk}" selected>' in page
    assert "Chi bộ &lt;Công ty&gt; &amp; Cảng" in page
    assert 'name="phone" value="0912"' in page


def test_the_question_page_escapes_questions_and_options_and_checks_saved_answers(contest, unit_a):
    topic = make_topic()
    question = services.question_create(
        data=services.QuestionData(
            topic=topic,
            kind="multiple",
            text='Chọn <b>đúng</b> & "đủ"?',
            options=["<script>A</script>", "B & C", "D'", "E"],
            correct="AB",
        )
    )
    contest_round = make_round(contest, [(topic, 1)], number=7)
    entry = services.entry_start(round_id=contest_round.pk, name="Lê Văn Nam", phone=next_phone(), unit_id=unit_a.pk)
    services.entry_answers_save(entry=entry, answers={question.pk: "B"}, prediction=None)
    page = Client().get(reverse("contests:attempt", args=[entry.token])).content.decode()
    assert "Chọn &lt;b&gt;đúng&lt;/b&gt; &amp; &quot;đủ&quot;?" in page
    assert "&lt;script&gt;A&lt;/script&gt;" in page and "<script>A" not in page
    assert "D&#x27;" in page
    assert f'<input type="checkbox" name="q{question.pk}" value="B" checked>' in page
    assert f'<input type="checkbox" name="q{question.pk}" value="A">' in page
    assert 'hx-post="/contests/t/' in page
