"""The dashboard in Debian's Chromium at 1366 px and at 360 px, in Vietnamese and in English: no
table, card or chart is wider than its box (the "Thay đổi" column was cut at 1366 px, the
average-income card overflowed), empty charts say so in words, and the page prints on A4.
Screenshots and the printed PDF go to test-artifacts/ (git-ignored)."""

from __future__ import annotations

import os
from typing import Any

import pytest

from khoi.core.tests.browser import ARTIFACTS, DESKTOP, PHONE, browser_context, browser_marks, session_of

pytestmark = browser_marks

# Every box that must hold its content, and the page itself: scrollWidth compared with clientWidth.
BOXES = ".kpi, .chart-block, .chart-table, .chart-table table, .chart-figure, main"
OVERFLOW = (
    """() => {
  const boxes = [...document.querySelectorAll('"""
    + BOXES
    + """')];
  const wide = boxes.filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.tagName}.${e.className} ${e.scrollWidth}>${e.clientWidth}`);
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth + 1) wide.push(`page ${page.scrollWidth}>${page.clientWidth}`);
  return wide;
}"""
)
# The last column of every chart table ("Thay đổi"/"Change") lies inside the visible part of its box.
LAST_COLUMN_VISIBLE = """() => [...document.querySelectorAll('.chart-table')].filter(wrap => {
  const box = wrap.getBoundingClientRect();
  const cells = [...wrap.querySelectorAll('th:last-child, td:last-child')];
  return cells.some(cell => cell.getBoundingClientRect().right > box.right + 1);
}).map(wrap => wrap.closest('section').id)"""


@pytest.fixture
def leader(live_server: Any) -> tuple[str, str]:
    from khoi.accounts.models import User
    from khoi.reports.tests.conftest import load_demo

    load_demo()
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return live_server.url, session_of(User.objects.get(username="lanhdao"))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_dashboard_fits_1366_and_360_pixels_and_prints_on_a4(leader, language):
    base, session = leader
    for name, viewport in (("1366", DESKTOP), ("360", PHONE)):
        with browser_context(
            base, viewport=viewport, language=language, session=session, mobile=viewport == PHONE
        ) as page:
            page.goto(f"{base}/reports/dashboard/?period=2021-Y&indicator=average_income")
            assert page.locator(".kpi").count() >= 10
            assert page.locator("svg.chart").count() >= 4
            page.screenshot(path=str(ARTIFACTS / f"dashboard-2021-Y-{name}-{language}.png"), full_page=True)
            assert page.evaluate(OVERFLOW) == []
            assert page.evaluate(LAST_COLUMN_VISIBLE) == []
            income = page.locator(".kpi", has_text="Thu nhập bình quân" if language == "vi" else "Average income")
            assert income.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1")

            page.goto(f"{base}/reports/dashboard/?period=2024-H1")
            page.screenshot(path=str(ARTIFACTS / f"dashboard-2024-H1-{name}-{language}.png"), full_page=True)
            key = page.locator("#chart-key")
            assert key.locator("svg").count() == 0
            empty = key.locator(".chart-empty").inner_text()
            assert empty.startswith("Chưa có số liệu cùng kỳ" if language == "vi" else "No figures yet")
            assert page.evaluate(OVERFLOW) == []
            assert page.evaluate(LAST_COLUMN_VISIBLE) == []

            if name == "1366":
                page.emulate_media(media="print")
                assert page.locator(".site-header").is_hidden() and page.locator(".tabs").is_hidden()
                assert page.locator("form.toolbar").first.is_hidden()
                pdf = page.pdf(path=str(ARTIFACTS / f"dashboard-2024-H1-A4-{language}.pdf"), prefer_css_page_size=True)
                assert pdf.startswith(b"%PDF")
                page.screenshot(path=str(ARTIFACTS / f"dashboard-2024-H1-print-{language}.png"), full_page=True)
