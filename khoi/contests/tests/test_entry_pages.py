"""The participant's pages: landing, entry, autosave, submit, receipt; and the bad inputs."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from khoi.contests import throttle
from khoi.contests.models import Answer, Entry, FinishedBy, Question

from .factories import make_round, next_address, next_phone


@pytest.fixture
def participant() -> Client:
    return Client(REMOTE_ADDR=next_address())


def _form(client, contest, **fields):
    page = client.get(reverse("contests:landing", args=[contest.slug]))
    assert page.status_code == 200
    found = re.search(r'name="challenge" value="([^"]+)"', page.content.decode())
    challenge = found.group(1) if found else ""
    data = {"name": "Trần Văn Hùng", "phone": next_phone(), "unit": "", "challenge": challenge, "website": ""}
    data.update(fields)
    return data


def _start(client, contest, contest_round, **fields):
    return client.post(
        reverse("contests:entry_start", args=[contest.slug, contest_round.number]), _form(client, contest, **fields)
    )


def test_the_landing_page_shows_the_rules_window_count_and_form_in_vietnamese(participant, contest, open_round, unit_a):
    response = participant.get(reverse("contests:landing", args=[contest.slug]))
    text = response.content.decode()
    assert "Tham gia dự thi" in text
    assert "lượt tham gia vòng này" in text
    assert unit_a.name in text
    assert "5 câu hỏi rút ngẫu nhiên" in text


def test_a_participant_starts_autosaves_submits_and_gets_a_receipt(participant, contest, open_round, unit_a):
    response = _start(participant, contest, open_round, unit=str(unit_a.pk), phone="0912 345 678", birth_year="1990")
    assert response.status_code == 303
    entry = Entry.objects.get(phone="+84912345678")
    assert entry.unit == unit_a and entry.birth_year == 1990
    page = participant.get(response["Location"])
    assert page.status_code == 200
    assert "Câu 1." in page.content.decode() and "Nộp bài" in page.content.decode()
    qid = int(entry.draw[0][0])
    right = Question.objects.get(pk=qid).correct
    saved = participant.post(reverse("contests:attempt_answer", args=[entry.token]), {f"q{qid}": right})
    assert saved.status_code == 200 and "Đã lưu" in saved.content.decode()
    assert Answer.objects.get(entry=entry, question_id=qid).choice == right
    done = participant.post(reverse("contests:attempt_submit", args=[entry.token]), {"prediction": "12"})
    assert done.status_code == 303
    entry.refresh_from_db()
    assert entry.receipt_code and entry.score == 1 and entry.prediction == 12
    receipt = participant.get(done["Location"])
    assert entry.receipt_code in receipt.content.decode()
    assert "đã được ghi nhận" in receipt.content.decode()


def test_the_page_works_without_javascript_by_posting_every_answer_at_once(participant, contest, open_round, unit_a):
    response = _start(participant, contest, open_round, unit=str(unit_a.pk))
    entry = Entry.objects.get(token=response["Location"].strip("/").split("/")[-1])
    correct = {q.pk: q.correct for q in Question.objects.all()}
    data = {f"q{qid}": ["", *list(correct[int(qid)])] for qid, _order in entry.draw}
    participant.post(reverse("contests:attempt_submit", args=[entry.token]), data)
    entry.refresh_from_db()
    assert entry.score == len(entry.draw)


def test_a_second_entry_from_the_same_phone_is_refused_without_revealing_the_first(
    participant, contest, open_round, unit_a
):
    _start(participant, contest, open_round, unit=str(unit_a.pk), phone="0912345678", name="Lê Thị Mai")
    other = Client(REMOTE_ADDR=next_address())
    response = _start(other, contest, open_round, unit="other", other_unit="Đơn vị X", phone="+84 912 345 678")
    text = response.content.decode()
    assert response.status_code == 400
    assert "Số điện thoại này đã dự thi vòng này." in text
    assert "Lê Thị Mai" not in text and unit_a.name not in text.split("Tham gia dự thi")[1].split("<select")[0]
    assert Entry.objects.count() == 1


@pytest.mark.parametrize("phone", ["01234567890", "024 3825 1234", "12345", "0912 345 67"])
def test_a_malformed_phone_gets_a_clear_vietnamese_message_and_nothing_is_written(
    participant, contest, open_round, unit_a, phone
):
    response = _start(participant, contest, open_round, unit=str(unit_a.pk), phone=phone)
    assert response.status_code == 400
    assert "Nhập số điện thoại di động Việt Nam gồm 10 chữ số" in response.content.decode()
    assert Entry.objects.count() == 0


def test_a_closed_round_accepts_no_entry(participant, contest, bank, unit_a):
    past = make_round(
        contest,
        [(bank.topics[0], 1)],
        number=2,
        opens_at=timezone.now() - dt.timedelta(days=10),
        closes_at=timezone.now() - dt.timedelta(days=3),
    )
    form = _form(participant, contest, unit=str(unit_a.pk))
    from khoi.contests.throttle import challenge_issue

    form["challenge"] = challenge_issue(past.pk)
    response = participant.post(reverse("contests:entry_start", args=[contest.slug, past.number]), form)
    assert "Vòng thi này đã kết thúc." in response.content.decode()
    assert Entry.objects.count() == 0


def test_a_tampered_question_id_is_refused_and_nothing_is_written(participant, start_entry):
    entry = start_entry()
    foreign = Question.objects.exclude(pk__in=[int(q) for q, _o in entry.draw]).first()
    response = participant.post(reverse("contests:attempt_answer", args=[entry.token]), {f"q{foreign.pk}": "A"})
    assert response.status_code == 400
    assert "không có trong bài thi của bạn" in response.content.decode()
    submitted = participant.post(reverse("contests:attempt_submit", args=[entry.token]), {f"q{foreign.pk}": "A"})
    assert submitted.status_code == 302
    assert not Answer.objects.filter(entry=entry).exists()
    entry.refresh_from_db()
    assert entry.submitted_at is None


def test_an_answer_after_the_time_limit_is_refused_and_sends_the_page_to_the_receipt(participant, start_entry):
    entry = start_entry(now=timezone.now() - dt.timedelta(hours=1))
    qid = int(entry.draw[0][0])
    response = participant.post(
        reverse("contests:attempt_answer", args=[entry.token]), {f"q{qid}": "A"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert response["HX-Redirect"] == reverse("contests:receipt", args=[entry.token])
    assert not Answer.objects.filter(entry=entry).exists()
    entry.refresh_from_db()
    assert entry.finished_by == FinishedBy.TIME_LIMIT


def test_the_honeypot_and_a_bad_challenge_stop_bots_and_write_nothing(participant, contest, open_round, unit_a):
    filled = _start(participant, contest, open_round, unit=str(unit_a.pk), website="http://spam.example")
    forged = _start(participant, contest, open_round, unit=str(unit_a.pk), challenge="1:abc:forged")
    assert filled.status_code == 400 and forged.status_code == 400
    assert "quá nhanh hoặc trang đã quá hạn" in forged.content.decode()
    assert Entry.objects.count() == 0


def test_a_form_sent_faster_than_a_person_can_type_is_refused(participant, contest, open_round, unit_a, monkeypatch):
    monkeypatch.setattr(throttle, "CHALLENGE_MIN_AGE", 60)
    response = _start(participant, contest, open_round, unit=str(unit_a.pk))
    assert response.status_code == 400
    assert Entry.objects.count() == 0


def test_starts_from_one_address_are_rate_limited(contest, open_round, unit_a):
    contest.starts_per_ip_per_minute = 2
    contest.save()
    client = Client(REMOTE_ADDR=next_address())
    statuses = [_start(client, contest, open_round, unit=str(unit_a.pk)).status_code for _ in range(3)]
    assert statuses == [303, 303, 429]
    assert Entry.objects.count() == 2


def test_repeated_tries_with_one_phone_are_rate_limited(contest, open_round, unit_a):
    phone = next_phone()
    statuses = [
        _start(Client(REMOTE_ADDR=next_address()), contest, open_round, unit=str(unit_a.pk), phone=phone).status_code
        for _ in range(throttle.PHONE_STARTS_PER_HOUR + 1)
    ]
    assert statuses[0] == 303
    assert statuses[-1] == 429
    assert (
        "Số điện thoại này đã thử quá nhiều lần"
        in _start(
            Client(REMOTE_ADDR=next_address()), contest, open_round, unit=str(unit_a.pk), phone=phone
        ).content.decode()
    )


def test_the_live_count_grows_with_entries(participant, contest, open_round, start_entry):
    start_entry()
    start_entry()
    response = participant.get(reverse("contests:round_count", args=[contest.slug, open_round.number]))
    assert "<strong>2</strong>" in response.content.decode()
