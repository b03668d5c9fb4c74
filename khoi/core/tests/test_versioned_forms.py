"""Every edit form is versioned: two people open the same form, the first saves, the second's
stale save is refused with who changed it and when, and the first's change is kept."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from khoi.contests import services as contests
from khoi.contests.models import Question
from khoi.contests.tests.factories import make_question, make_topic
from khoi.core.versioning import parse_version, save_if_current
from khoi.emulation import services as emulation
from khoi.emulation.models import Scorecard
from khoi.emulation.tests.factories import make_emulation_bloc, simple_sections
from khoi.marketplace import services as market
from khoi.marketplace.models import Category, Listing
from khoi.units.models import Unit

REFUSED = "trong khi bạn đang sửa"  # "... while you were editing it"


def _form_fields(response) -> dict[str, str]:
    """What the browser would send back: every input and select of the page's edit form as rendered."""
    html = response.content.decode()
    data = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = chosen.group(1) if chosen else ""
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[name] = body.strip()
    data.pop("csrfmiddlewaretoken", None)
    return data


def _refused(response) -> str:
    text = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert REFUSED in text
    return text


def test_a_stale_unit_profile_form_is_refused_and_the_first_change_is_kept(unit_a, staff_client, admin_client):
    url = f"/units/{unit_a.pk}/edit/"
    first, second = _form_fields(staff_client.get(url)), _form_fields(admin_client.get(url))
    assert first["version"] == second["version"] == "0"
    assert staff_client.post(url, {**first, "address": "Số 8A Trần Phú"}).status_code == 302
    text = _refused(admin_client.post(url, {**second, "address": "Số 1 Lê Lợi"}))
    assert "vanphong" in text  # who changed it
    assert "Địa chỉ" in text or "address" in text.lower()  # what differs
    assert Unit.objects.get(pk=unit_a.pk).address == "Số 8A Trần Phú"
    assert Unit.objects.get(pk=unit_a.pk).version == 1


def test_resending_the_refused_form_stays_refused_until_the_page_is_reloaded(unit_a, staff_client, admin_client):
    url = f"/units/{unit_a.pk}/edit/"
    first, second = _form_fields(staff_client.get(url)), _form_fields(admin_client.get(url))
    staff_client.post(url, {**first, "address": "Số 8A Trần Phú"})
    refused_page = admin_client.post(url, {**second, "address": "Số 1 Lê Lợi"})
    again = _form_fields(refused_page)
    assert again["version"] == "0"
    _refused(admin_client.post(url, {**again, "address": "Số 1 Lê Lợi"}))
    reloaded = _form_fields(admin_client.get(url))
    assert admin_client.post(url, {**reloaded, "address": "Số 1 Lê Lợi"}).status_code == 302


@pytest.fixture
def listing(unit_a, reporter_a):
    return market.listing_create(
        actor=None, enterprise=market.enterprise_for_unit(unit=unit_a),
        fields={"kind": "offer", "category": Category.objects.get(code="nuoc-sach"), "title": "Nước sạch",
                "regions": ["Hải Phòng"], "valid_from": dt.date(2024, 1, 1)},
    )  # fmt: skip


def test_a_stale_listing_form_is_refused_and_the_first_change_is_kept(listing, staff_client, reporter_a_client):
    url = f"/market/listings/{listing.pk}/edit/"
    first, second = _form_fields(staff_client.get(url)), _form_fields(reporter_a_client.get(url))
    assert staff_client.post(url, {**first, "title": "Nước sạch đóng chai"}).status_code == 302
    _refused(reporter_a_client.post(url, {**second, "title": "Nước sạch cho khu công nghiệp"}))
    assert Listing.objects.get(pk=listing.pk).title == "Nước sạch đóng chai"


def test_a_stale_question_form_is_refused_and_the_first_change_is_kept(propaganda_client, admin_client, db):
    question = make_question(make_topic("Lịch sử Đảng"), correct="B")
    url = f"/contests/manage/questions/{question.pk}/"
    first, second = _form_fields(propaganda_client.get(url)), _form_fields(admin_client.get(url))
    assert propaganda_client.post(url, {**first, "text": "Câu hỏi đã sửa lần một?"}).status_code == 302
    _refused(admin_client.post(url, {**second, "text": "Câu hỏi sửa lần hai?"}))
    assert Question.objects.get(pk=question.pk).text == "Câu hỏi đã sửa lần một?"


def test_a_stale_scorecard_form_is_refused_and_the_first_scores_are_kept(unit_a, staff_user, db):
    bloc = make_emulation_bloc([unit_a], ["Hội Du lịch"])
    agreement = emulation.agreement_create(bloc=bloc, year=2020, title="Giao ước 2020", sections=simple_sections())
    card = Scorecard.objects.get(agreement=agreement, member__unit=unit_a)
    criterion = card.scores.get(criterion__code="1.1").criterion_id
    emulation.scorecard_save_self(
        scorecard=card, actor=staff_user, scores={criterion: emulation.ScoreInput("50", "")}, expected_version=0
    )
    stale = Scorecard.objects.get(pk=card.pk)
    with pytest.raises(ValidationError) as refused:
        emulation.scorecard_save_self(
            scorecard=stale, actor=None, scores={criterion: emulation.ScoreInput("20", "")}, expected_version=0
        )
    assert "vanphong" in str(refused.value.message_dict["version"])
    assert card.scores.get(criterion_id=criterion).self_points == 50


def test_the_api_refuses_a_stale_patch_by_body_version_or_if_match(unit_a, listing, staff_client):
    api = f"/api/v1/units/{unit_a.pk}/"
    assert staff_client.get(api).json()["version"] == 0
    ok = staff_client.patch(api, {"address": "Số 2", "version": 0}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 1
    stale = staff_client.patch(api, {"address": "Số 3", "version": 0}, content_type="application/json")
    assert stale.status_code == 400
    assert REFUSED in stale.json()["version"][0]
    assert (
        staff_client.patch(
            api, {"address": "Số 3"}, content_type="application/json", headers={"If-Match": '"0"'}
        ).status_code
        == 400
    )
    assert Unit.objects.get(pk=unit_a.pk).address == "Số 2"
    listing_api = f"/api/v1/marketplace/listings/{listing.pk}/"
    assert (
        staff_client.patch(listing_api, {"title": "Mới", "version": 0}, content_type="application/json").status_code
        == 200
    )
    stale = staff_client.patch(listing_api, {"title": "Cũ", "version": 0}, content_type="application/json")
    assert stale.status_code == 400
    assert Listing.objects.get(pk=listing.pk).title == "Mới"


def test_an_update_without_a_version_still_saves(unit_a, staff_client):
    response = staff_client.patch(f"/api/v1/units/{unit_a.pk}/", {"address": "Số 9"}, content_type="application/json")
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["abc", "-1", "9" * 30, 'W/"x"'])
def test_a_version_that_is_no_number_is_a_400_and_saves_nothing(value, unit_a, staff_client):
    response = staff_client.patch(
        f"/api/v1/units/{unit_a.pk}/", {"address": "Số 9", "version": value}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "version" in response.json()
    assert Unit.objects.get(pk=unit_a.pk).address != "Số 9"


def test_a_garbled_if_match_is_a_vietnamese_400(unit_a, staff_client):
    response = staff_client.patch(
        f"/api/v1/units/{unit_a.pk}/", {"address": "Số 9"}, content_type="application/json", headers={"If-Match": "*x"}
    )
    assert response.status_code == 400
    assert "phiên bản" in response.json()["version"][0]


def test_if_match_accepts_weak_and_quoted_forms():
    assert parse_version('W/"3"') == parse_version('"3"') == parse_version("3") == parse_version(3) == 3
    assert parse_version(None) is None


@pytest.mark.django_db(transaction=True)
def test_save_if_current_must_run_in_the_services_transaction(unit_a):
    with pytest.raises(RuntimeError):
        save_if_current(unit_a, expected_version=0, actor=None)
    with transaction.atomic():
        save_if_current(unit_a, expected_version=0, actor=None)
    assert Unit.objects.get(pk=unit_a.pk).version == 1


def test_a_question_form_read_before_an_excel_import_is_stale_after_it(propaganda_client, db):
    topic = make_topic("Nghị quyết")
    question = make_question(topic, correct="A")
    url = f"/contests/manage/questions/{question.pk}/"
    stale = _form_fields(propaganda_client.get(url))
    contests.questions_import(
        rows=[
            {"id": question.pk, "topic": topic.name, "kind": question.kind, "text": "Đã nhập từ Excel?",
             "options": question.options, "correct": "B", "difficulty": question.difficulty},
        ]
    )  # fmt: skip
    _refused(propaganda_client.post(url, {**stale, "text": "Sửa trên trang?"}))
    assert Question.objects.get(pk=question.pk).text == "Đã nhập từ Excel?"
