"""Each role's main flow in Debian's Chromium (Playwright), at 1366 px and at 360 px, in Vietnamese
and in English: a unit's reporter submits its form, committee staff approve forms in bulk and see
the overview, leadership read the overview, the dashboard and the report. Screenshots go to
test-artifacts/ (git-ignored).

A live server cannot see uncommitted data, so this package sits outside the tests whose demo data
lives in a rolled-back transaction."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
WIDTHS = (1366, 360)
LANGUAGES = ("vi", "en")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium"),
]


@pytest.fixture
def demo(live_server: Any, transactional_db: None) -> Iterator[str]:
    from khoi.reports.tests.conftest import load_demo

    load_demo()
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    yield live_server.url


def _browse(base: str, username: str, language: str, width: int) -> Any:
    """A page signed in as `username`, in `language`, `width` pixels wide (caller closes it)."""
    from khoi.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    session = client.cookies["sessionid"].value
    return [
        {"name": "sessionid", "value": session, "url": base},
        {"name": "django_language", "value": language, "url": base},
    ], {"width": width, "height": 900 if width > 400 else 780}


def _run(base: str, username: str, flow: Any) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for language in LANGUAGES:
                for width in WIDTHS:
                    cookies, viewport = _browse(base, username, language, width)
                    context = browser.new_context(viewport=viewport, locale="vi-VN")
                    context.add_cookies(cookies)
                    page = context.new_page()
                    flow(page, base, language, width)
                    context.close()
        finally:
            browser.close()


def _shot(page: Any, name: str, language: str, width: int) -> None:
    page.screenshot(path=str(ARTIFACTS / f"roles-{name}-{language}-{width}.png"), full_page=True)


def test_a_reporter_submits_its_form(demo):
    from khoi.accounts.models import Role, User
    from khoi.reporting.models import Submission, SubmissionStatus

    drafts = list(
        Submission.objects.filter(status=SubmissionStatus.DRAFT, values__isnull=False)
        .distinct()
        .order_by("unit__code")[:4]
    )
    assert len(drafts) == 4
    queue = iter(drafts)

    def flow(page: Any, base: str, language: str, width: int) -> None:
        submission = next(queue)
        reporter = User.objects.filter(role=Role.REPORTER, unit=submission.unit).first()
        assert reporter is not None
        cookies, _viewport = _browse(base, reporter.username, language, width)
        page.context.add_cookies(cookies)
        page.goto(f"{base}/reporting/")
        assert page.locator("html").get_attribute("lang") == language
        page.click(f"a[href='/reporting/submissions/{submission.pk}/']")
        page.wait_for_selector("form.entry")
        _shot(page, "reporter-form", language, width)
        page.click("button[name=action][value=submit]")
        page.wait_for_load_state()
        _shot(page, "reporter-submitted", language, width)
        submission.refresh_from_db()
        assert submission.status == SubmissionStatus.SUBMITTED, page.locator(".message").all_inner_texts()

    _run(demo, "vanphong", flow)


def test_staff_approve_submitted_forms_in_bulk_and_see_the_overview(demo):
    from khoi.reporting.models import ReportingRound, SubmissionStatus

    reporting_round = ReportingRound.objects.get(period_code="2024-9M")

    def flow(page: Any, base: str, language: str, width: int) -> None:
        before = reporting_round.submissions.filter(status=SubmissionStatus.APPROVED).count()
        page.goto(f"{base}/reporting/rounds/{reporting_round.pk}/")
        assert "2024-9M" not in page.locator("h1").inner_text()
        waiting = reporting_round.submissions.filter(status=SubmissionStatus.SUBMITTED).count()
        page.check("input[data-select-all]")
        assert page.locator("input[name=submission_ids]:checked").count() == waiting
        _shot(page, "staff-round", language, width)
        page.click("form[action$='/approve/'] button[type=submit]")
        page.wait_for_load_state()
        after = reporting_round.submissions.filter(status=SubmissionStatus.APPROVED).count()
        if waiting:  # the first pass approves them all at once
            assert after == before + waiting
        else:  # later passes have nothing selected: an error, not "0 forms approved"
            assert page.locator(".message.error").count() == 1 and after == before
        page.goto(f"{base}/reporting/overview/")
        assert page.locator("#id_period option[selected]").get_attribute("value") == "2024-H1"
        _shot(page, "staff-overview", language, width)

    _run(demo, "vanphong", flow)


def test_leadership_read_the_overview_dashboard_and_report(demo):
    def flow(page: Any, base: str, language: str, width: int) -> None:
        page.goto(f"{base}/reporting/overview/")
        assert page.locator("#id_period option[selected]").get_attribute("value") == "2024-H1"
        page.goto(f"{base}/reports/dashboard/?period=2021-Y")
        assert page.locator("svg.chart").count() >= 5
        _shot(page, "leadership-dashboard", language, width)
        page.goto(f"{base}/reports/?period=2021-H1")
        prose = page.locator("p.prose").all_inner_texts()
        assert any("kết nạp mới 36 đảng viên" in text for text in prose)  # official words stay Vietnamese
        _shot(page, "leadership-report", language, width)

    _run(demo, "lanhdao", flow)
