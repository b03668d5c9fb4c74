"""In Debian's Chromium: a member firm searches, posts, asks for a meeting, accepts one and reads its
agenda (Vietnamese and English); staff schedule the conference after a preview. Screenshots at
1366 px and 360 px go to test-artifacts/."""

from __future__ import annotations

import re

import pytest

from khoi.core.tests.browser import ARTIFACTS, DESKTOP, PHONE, browser_context, browser_marks, session_of
from khoi.marketplace import services
from khoi.marketplace.models import Meeting
from khoi.marketplace.tests.conftest import category

pytestmark = browser_marks

TEXTS = {
    "vi": {"results": "Kết quả", "status": "Yêu cầu gặp của bạn", "pending": "Chờ", "table": "Bàn"},
    "en": {"results": "Results", "status": "Your meeting request", "pending": "Pending", "table": "Table"},
}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_member_firm_searches_posts_asks_accepts_and_reads_its_agenda(
    transactional_db, live_server, corpus, reporter_a, conference, participant_a, participant_b, participant_out,
    language,
):  # fmt: skip
    words = TEXTS[language]
    incoming = services.meeting_request_send(actor=None, requester=participant_b, recipient=participant_a)
    base = live_server.url
    with browser_context(base, viewport=DESKTOP, language=language, session=session_of(reporter_a)) as page:
        page.goto(f"{base}/market/")
        page.fill("#id_q", "kho lanh")
        page.locator(".result-count", has_text=words["results"]).wait_for()
        assert page.locator("#results li.hit").count() >= 2

        page.goto(f"{base}/market/listings/new/")
        page.select_option("#id_category", str(category("kho-bai").pk))
        page.select_option("#id_kind", "need")
        page.fill("#id_title", "Cần kho lạnh 300 tấn")
        page.locator("input[name=regions]").first.check()  # a listing serves at least one region
        page.click("form.card button[type=submit]")
        page.wait_for_url(re.compile(r".*/market/listings/\d+/$"))
        assert page.locator("h1").inner_text() == "Cần kho lạnh 300 tấn"

        page.goto(f"{base}/market/conferences/{conference.pk}/participants/{participant_out.pk}/")
        page.fill("textarea[name=message]", "Xin gặp để bàn về kho lạnh")
        page.click("form[action$='/request/'] button[type=submit]")
        status = page.locator("#request-status")
        status.wait_for()
        assert words["status"] in status.inner_text() and words["pending"] in status.inner_text()
        assert page.locator("textarea[name=message]").count() == 0

        page.goto(f"{base}/market/conferences/{conference.pk}/participants/{participant_a.pk}/")
        answer = page.locator(f"form[action='/market/requests/{incoming.pk}/answer/']")
        answer.locator("select[name=slot]").select_option("2")
        answer.locator("button[name=accept][value='1']").click()
        agenda = page.locator("ul.agenda")
        agenda.locator("li", has_text=participant_b.enterprise.name).wait_for()
        assert words["table"] in agenda.locator("li", has_text=participant_b.enterprise.name).inner_text()
        page.screenshot(path=str(ARTIFACTS / f"market-agenda-1366-{language}.png"), full_page=True)

        long_word = services.listing_create(
            actor=None,
            enterprise=participant_out.enterprise,
            fields={
                "kind": "offer",
                "category": category("kho-bai"),
                "title": "Kho " + "a" * 190,  # as long as a title may be
                "description": "Kho " + "a" * 9_000,  # one word longer than any screen
                "regions": ["Hải Phòng"],
            },
        )
        page.goto(f"{base}/market/listings/{long_word.pk}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]  # the word breaks

        page.goto(f"{base}/market/conferences/{conference.pk}/participants/{participant_a.pk}/")
        page.set_viewport_size(PHONE)
        page.reload()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        header = page.locator("header.site-header").bounding_box()
        assert header is not None and header["height"] < PHONE["height"] / 5
        page.screenshot(path=str(ARTIFACTS / f"market-agenda-360-{language}.png"))
    meeting = Meeting.objects.get(request=incoming)
    assert (meeting.slot.index, meeting.agreed) == (2, True)


def test_staff_schedule_after_a_preview_and_agreed_meetings_stay(
    transactional_db, live_server, staff_user, conference, participant_a, participant_b, participant_out
):
    agreed_request = services.meeting_request_send(actor=None, requester=participant_b, recipient=participant_a)
    services.meeting_request_answer(actor=None, request=agreed_request, accept=True, slot_index=3)
    for requester, recipient in ((participant_a, participant_out), (participant_b, participant_out)):
        request = services.meeting_request_send(actor=None, requester=requester, recipient=recipient)
        services.meeting_request_answer(actor=None, request=request, accept=True)
    agreed = Meeting.objects.get(request=agreed_request)
    place = (agreed.slot_id, agreed.table_number)
    base = live_server.url
    with browser_context(base, viewport=DESKTOP, session=session_of(staff_user)) as page:
        page.goto(f"{base}/market/conferences/{conference.pk}/schedule/")
        page.click("button:has-text('Xếp lịch')")
        plan = page.locator("section.plan")
        plan.wait_for()
        assert "2" in plan.locator(".plan-figures li").nth(1).inner_text()  # two meetings to place
        assert Meeting.objects.filter(slot__isnull=True).count() == 2  # the preview saved nothing
        page.screenshot(path=str(ARTIFACTS / "market-schedule-preview-1366.png"), full_page=True)
        page.click("button:has-text('Áp dụng lịch này')")
        page.locator(".message.success").wait_for()
        page.screenshot(path=str(ARTIFACTS / "market-schedule-done-1366.png"), full_page=True)
    agreed.refresh_from_db()
    assert (agreed.slot_id, agreed.table_number) == place
    assert Meeting.objects.filter(slot__isnull=True).count() == 0
