"""In Debian's Chromium (Playwright): the dashboard and the checker, with the marks on the text.
Screenshots go to test-artifacts/ (git-ignored).

Outside khoi/reports/tests/ on purpose: that package keeps its demo data in a transaction that
is open until its last test, and a live server cannot see uncommitted data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import Client

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium"),
]


@pytest.fixture
def browser_page(live_server, transactional_db):
    from playwright.sync_api import sync_playwright

    from khoi.accounts.models import User
    from khoi.reports.tests.conftest import load_demo

    load_demo()
    client = Client()
    client.force_login(User.objects.get(username="vanphong"))
    session = client.cookies["sessionid"].value
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        page = context.new_page()
        yield page, live_server.url
        browser.close()


def test_the_dashboard_and_the_checker_work_in_a_browser(browser_page):
    page, base = browser_page
    page.goto(f"{base}/reports/dashboard/?period=2021-Y")
    assert page.locator("h1").inner_text().startswith("Bảng điều khiển")
    assert page.locator("svg.chart").count() >= 5
    assert page.locator(".kpi").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "reports-dashboard.png"), full_page=True)

    page.goto(f"{base}/reports/check/")
    page.select_option("select[name=period]", "2021-Y")
    page.fill(
        "textarea[name=text]",
        "Tổng doanh thu 27.701 tỷ đồng, tăng 7,7% so cùng kỳ. Tổng kim ngạch xuất khẩu 131 triệu USD, tăng 97% "
        "so cùng kỳ. Có 12/150 doanh nghiệp (chiếm 9,0%) nộp chậm.",
    )
    page.click("button:has-text('Kiểm tra số liệu')")
    page.wait_for_selector("mark.fig.wrong")
    assert page.locator("mark.fig.confirmed").count() == 3
    assert page.locator("mark.fig.wrong").inner_text() == "tăng 97%"
    assert page.locator("mark.fig.inconsistent").inner_text() == "9,0%"
    assert "tăng 79%" in page.locator("table.marks").inner_text()
    page.screenshot(path=str(ARTIFACTS / "reports-checker.png"), full_page=True)


def test_the_checker_page_shows_the_servers_message_and_uses_the_period_the_text_names(browser_page):
    page, base = browser_page
    page.goto(f"{base}/reports/check/")
    page.fill("textarea[name=text]", "   ")
    page.click("button:has-text('Kiểm tra số liệu')")
    page.wait_for_selector("#check-results .errorlist")
    assert "Dán nội dung bài viết cần kiểm tra." in page.locator("#check-results").inner_text()
    page.fill(
        "textarea[name=text]",
        "Năm 2021, tổng doanh thu của các doanh nghiệp trong Khối đạt 27.701 tỷ đồng, tăng 7,7% so cùng kỳ. "
        "Toàn tỉnh có 48/615 doanh nghiệp có vốn đầu tư nước ngoài đã thành lập công đoàn cơ sở (chiếm 8,1%).",
    )
    page.click("button:has-text('Kiểm tra số liệu')")
    page.wait_for_selector("mark.fig.inconsistent")
    assert "năm 2021, kỳ mà bài viết nêu" in page.locator(".check-period").inner_text()
    assert page.locator("mark.fig.confirmed").count() == 2
    assert page.locator("mark.fig.inconsistent").inner_text() == "8,1%"
    assert "48/615 = 7,8%" in page.locator("table.marks").inner_text()
    page.screenshot(path=str(ARTIFACTS / "reports-checker-period.png"), full_page=True)
