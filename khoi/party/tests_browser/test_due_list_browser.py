"""The due-for-conversion list and a decision download in Debian's Chromium (Playwright), at
1366 px and 360 px, in Vietnamese and English. Screenshots go to test-artifacts/.

Outside khoi/party/tests/ so the live server sees committed data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from khoi.core.tests.browser import ARTIFACTS, DESKTOP, PHONE, browser_context, browser_marks, session_of

pytestmark = browser_marks


@pytest.fixture
def records(live_server: Any) -> dict[str, Any]:
    from khoi.accounts.models import Department, Role
    from khoi.accounts.tests.factories import make_user
    from khoi.party.tests.factories import admit, make_person
    from khoi.units.models import UnitKind
    from khoi.units.tests.factories import make_bloc, make_unit

    bloc = make_bloc()
    unit = make_unit(bloc, kind=UnitKind.BASE_COMMITTEE, name="Đảng bộ Công ty Cổ phần Cảng Hải Phòng")
    today = timezone.localdate()
    # Ceremony 12 months and 10 days ago: ended, still in time (or overdue on a long weekend run).
    ceremony = today - dt.timedelta(days=375)
    decided = ceremony - dt.timedelta(days=7)
    admit(make_person(unit, "Nguyễn Thị Ngọc Ánh", dt.date(1996, 8, 9), gender="female"), decided, ceremony)
    board = make_user("bantochuc_b", role=Role.STAFF, department=Department.ORGANISATION)
    return {"url": live_server.url, "session": session_of(board)}


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "360"])
def test_the_due_list_and_a_decision_download(records: dict[str, Any], viewport: dict[str, int], language: str):
    with browser_context(
        records["url"], viewport=viewport, language=language, session=records["session"], mobile=viewport == PHONE
    ) as page:
        page.goto(f"{records['url']}/party/due/")
        heading = page.locator("h1").inner_text()
        assert heading == ("Đến hạn xét chuyển chính thức" if language == "vi" else "Due for full membership")
        row = page.locator("#due-rows tbody tr").first
        assert "Nguyễn Thị Ngọc Ánh" in row.inner_text()
        assert "ready" not in row.inner_text() and "overdue" not in row.inner_text()  # no internal codes
        # Nothing wider than the screen on a phone: the table scrolls inside its wrapper.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1
        page.screenshot(path=str(ARTIFACTS / f"party-due-{viewport['width']}-{language}.png"), full_page=True)
        with page.expect_download() as download_info:
            page.click("#due-excel")
        assert download_info.value.suggested_filename.endswith(".xlsx")

        page.click("#due-rows tbody tr a")
        page.wait_for_selector("#admission-word")
        with page.expect_download() as download_info:
            page.click("#admission-word")
        download = download_info.value
        assert download.suggested_filename.endswith(".docx")
        path = download.path()
        assert path is not None
        from docx import Document

        text = "\n".join(p.text for p in Document(str(path)).paragraphs)
        assert "Kết nạp đồng chí Nguyễn Thị Ngọc Ánh" in text  # documents are Vietnamese in both languages
        page.screenshot(path=str(ARTIFACTS / f"party-person-{viewport['width']}-{language}.png"), full_page=True)
