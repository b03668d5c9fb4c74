"""Names and units of participants, and imported questions, are stored clean: NFC, no control characters."""

import unicodedata

from django.urls import reverse

from khoi.contests import services
from khoi.contests.models import Entry, Question, Topic

from .factories import next_address, next_phone
from .test_entry_pages import _start, participant  # noqa: F401  (the fixture)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_a_name_typed_in_nfd_with_control_characters_on_the_page_is_stored_as_nfc(
    participant,  # noqa: F811
    contest,
    open_round,
    unit_a,
):
    response = _start(
        participant,
        contest,
        open_round,
        name=_nfd("  Trần\x01 Văn\x1f Hùng\x7f "),
        unit="other",
        other_unit=_nfd("Công ty\r\nĐóng tàu\x0b"),
    )
    assert response.status_code in (302, 303), response.content.decode()[:500]
    entry = Entry.objects.get()
    assert entry.name == "Trần Văn Hùng"
    assert entry.other_unit == "Công ty Đóng tàu"


def test_a_name_sent_to_the_api_in_nfd_with_control_characters_is_stored_as_nfc(client, open_round, unit_a):
    api = type(client)(REMOTE_ADDR=next_address())
    info = api.get(reverse("contests_api:round", args=[open_round.pk])).json()
    body = {"name": _nfd("Phạm\x01 Minh\x07 Tuấn"), "phone": next_phone(), "unit": str(unit_a.pk)}
    started = api.post(
        reverse("contests_api:entry_start", args=[open_round.pk]),
        {**body, "challenge": info["challenge"]},
        content_type="application/json",
    )
    assert started.status_code == 201, started.content
    assert Entry.objects.get().name == "Phạm Minh Tuấn"


def test_imported_questions_are_stored_as_nfc_without_control_characters_and_find_their_topic(bank):
    topic = Topic.objects.first()
    result = services.questions_import(
        rows=[
            {
                "line": 2,
                "topic": _nfd(f" {topic.name.upper()}\x01 "),
                "kind": "single",
                "text": _nfd("Đảng Cộng sản\x01 Việt Nam\r\nra đời năm nào?\x7f"),
                "options": [_nfd("Năm 1930\x1f"), "1945", "1954", "1975"],
                "correct": "A",
                "explanation": _nfd("Ngày 03\x02 tháng 02"),
                "difficulty": 2,
            }
        ]
    )
    assert result.created == 1
    question = Question.objects.order_by("-pk").first()
    assert question.topic == topic
    assert question.text == "Đảng Cộng sản Việt Nam\nra đời năm nào?"
    assert question.option_a == "Năm 1930"
    assert question.explanation == "Ngày 03 tháng 02"
