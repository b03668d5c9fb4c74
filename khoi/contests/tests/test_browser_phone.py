"""A worker on a 360 × 740 phone, in Debian's Chromium: enter, answer, reload, answer, submit, get
the receipt; the counter follows each saved answer, the page never scrolls sideways, the header
stays small. In Vietnamese and in English."""

from __future__ import annotations

import pytest

from khoi.core.tests.browser import ARTIFACTS, PHONE, browser_context, browser_marks

pytestmark = browser_marks

TEXTS = {
    "vi": {"start": "Bắt đầu làm bài", "saved": "Đã lưu", "answered": "Đã trả lời", "submit": "Nộp bài"},
    "en": {"start": "Start the test", "saved": "Saved", "answered": "answered", "submit": "Submit"},
}


def _answer(page, position: int, saved: str) -> None:
    question = page.locator("fieldset.q[data-question]").nth(position)
    question.locator("label.opt").first.click()
    question.locator(".save-state", has_text=saved).wait_for()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_worker_takes_the_test_on_a_phone(transactional_db, live_server, contest, open_round, unit_a, language):
    words = TEXTS[language]
    with browser_context(live_server.url, viewport=PHONE, language=language, mobile=True) as page:
        page.goto(f"{live_server.url}/contests/c/{contest.slug}/")
        assert page.locator(".lang-switch button[aria-pressed=true]").inner_text() in ("Tiếng Việt", "English")
        page.fill("input[name=name]", "Nguyễn Thị Lan")
        page.fill("input[name=phone]", "0912 345 678")
        page.select_option("select[name=unit]", str(unit_a.pk))
        page.screenshot(path=str(ARTIFACTS / f"contest-landing-360-{language}.png"), full_page=True)
        page.click(f"button:has-text('{words['start']}')")
        page.wait_for_selector("#answered-count")

        counter = page.locator("#answered-count")
        assert counter.inner_text() == "0"
        _answer(page, 0, words["saved"])
        _answer(page, 1, words["saved"])
        assert counter.inner_text() == "2"
        assert words["answered"] in page.locator(".timer-bar").inner_text()

        page.reload()
        page.wait_for_selector("#answered-count")
        assert page.locator("#answered-count").inner_text() == "2"
        _answer(page, 2, words["saved"])
        assert page.locator("#answered-count").inner_text() == "3"  # no longer frozen after a reload

        header = page.locator("header.site-header").bounding_box()
        assert header is not None and header["height"] < PHONE["height"] / 6
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert page.locator("[role=status]").count() == 0
        page.screenshot(path=str(ARTIFACTS / f"contest-attempt-360-{language}.png"))

        page.click(f"button[value=submit]:has-text('{words['submit']}')")
        page.wait_for_selector(".receipt-code")
        assert len(page.locator(".receipt-code").inner_text().strip()) >= 6
        page.screenshot(path=str(ARTIFACTS / f"contest-receipt-360-{language}.png"), full_page=True)
