"""Data entry in Debian's Chromium, at 1366 px and 360 px, in Vietnamese and English: a secretary
records a candidate's next step (a refused date first, the service's message on the form, then the
right one) and undoes it with a reason; the Organisation Board records a year's grading of base
organisations and a course batch. Screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from khoi.core.tests.browser import ARTIFACTS, DESKTOP, PHONE, browser_context, browser_marks, session_of

pytestmark = browser_marks


@pytest.fixture
def records(live_server: Any) -> dict[str, Any]:
    from khoi.accounts.models import Department, Role
    from khoi.accounts.tests.factories import make_user
    from khoi.party import services
    from khoi.party.models import Step
    from khoi.party.tests.factories import awareness_course, make_person, step
    from khoi.units.models import UnitKind
    from khoi.units.tests.factories import make_bloc, make_unit

    bloc = make_bloc()
    unit = make_unit(bloc, kind=UnitKind.BASE_COMMITTEE, name="Đảng bộ Công ty Cổ phần Cảng Hải Phòng")
    for name in (
        "Chi bộ Công ty Cổ phần Nhựa Thiếu niên Tiền Phong",
        "Chi bộ Ngân hàng TMCP Công thương chi nhánh Lê Chân",
    ):
        make_unit(bloc, kind=UnitKind.BASE_CELL, name=name)
    person = make_person(unit, "Nguyễn Thị Ngọc Ánh", dt.date(1996, 8, 9), gender="female")
    course = awareness_course(2025)
    step(person, Step.COURSE, course.ends_on, course=course)
    secretary = make_user("bithu_b", role=Role.REPORTER, unit=unit)
    services.secretary_assign(user=secretary, unit=unit)
    board = make_user("bantochuc_b", role=Role.STAFF, department=Department.ORGANISATION)
    return {
        "url": live_server.url,
        "person": person.pk,
        "secretary": session_of(secretary),
        "board": session_of(board),
    }


def _fits(page: Any, viewport: dict[str, int]) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "360"])
def test_a_secretary_records_a_step_and_the_board_a_grading(
    records: dict[str, Any], viewport: dict[str, int], language: str
):
    from khoi.party.models import AdmissionStep, CourseBatch, Grading

    size = f"{viewport['width']}-{language}"
    with browser_context(
        records["url"], viewport=viewport, language=language, session=records["secretary"], mobile=viewport == PHONE
    ) as page:
        page.goto(f"{records['url']}/party/people/{records['person']}/")
        page.click("#record-step")
        page.wait_for_selector("#id_introducer_1")
        heading = page.locator("h1").inner_text()
        assert heading == (
            "Hồ sơ xin vào Đảng, hai đảng viên giới thiệu"
            if language == "vi"
            else "Application file with two introducers"
        )
        page.fill("#id_done_on", "2024-01-02")  # before the course ended
        page.fill("#id_introducer_1", "Trần Văn Bình")
        page.fill("#id_introducer_2", "Lê Thị Cúc")
        page.click("#party-form button[type=submit]")
        page.wait_for_selector("#party-form .errorlist")
        error = page.locator("#party-form .errorlist").first.inner_text()
        assert ("Ngày không được trước bước liền trước" if language == "vi" else "previous step") in error
        _fits(page, viewport)
        page.screenshot(path=str(ARTIFACTS / f"party-step-error-{size}.png"), full_page=True)
        page.fill("#id_done_on", "2025-03-02")
        page.click("#party-form button[type=submit]")
        page.wait_for_selector("#record-step")  # back on the person's page, the next step offered
        page.screenshot(path=str(ARTIFACTS / f"party-step-saved-{size}.png"), full_page=True)
        assert AdmissionStep.objects.filter(person_id=records["person"], step=2).count() == 1

        # The step was recorded by mistake: the secretary undoes it, saying why.
        page.click("#undo-step")
        page.wait_for_selector("#id_reason")
        page.fill("#id_reason", "Ghi nhầm hồ sơ của quần chúng khác.")
        _fits(page, viewport)
        page.screenshot(path=str(ARTIFACTS / f"party-step-undo-{size}.png"), full_page=True)
        page.click("#party-form button[type=submit]")
        page.wait_for_selector("#undone-steps")
        assert "Ghi nhầm hồ sơ" in page.locator("#undone-steps").inner_text()
        _fits(page, viewport)
        page.screenshot(path=str(ARTIFACTS / f"party-step-undone-{size}.png"), full_page=True)
    assert not AdmissionStep.objects.filter(person_id=records["person"], step=2).exists()

    with browser_context(
        records["url"], viewport=viewport, language=language, session=records["board"], mobile=viewport == PHONE
    ) as page:
        page.goto(f"{records['url']}/party/gradings/new/?year=2025")
        rows = page.locator(".grading-table select")
        assert rows.count() == 3
        page.fill("#id_decision_number", f"{viewport['width']}-QĐ/ĐUK-{language}")
        page.fill("#id_signed_on", "2026-01-20")
        for index in range(3):
            rows.nth(index).select_option("good" if index else "excellent")
        _fits(page, viewport)
        page.screenshot(path=str(ARTIFACTS / f"party-grading-form-{size}.png"), full_page=True)
        page.click("#party-form button[type=submit]")
        page.wait_for_selector(".messages .success")
        assert "-QĐ/ĐUK-" in page.locator(".messages").inner_text()
        page.screenshot(path=str(ARTIFACTS / f"party-grading-saved-{size}.png"), full_page=True)
    assert Grading.objects.filter(year=2025).count() == 3

    with browser_context(
        records["url"], viewport=viewport, language=language, session=records["board"], mobile=viewport == PHONE
    ) as page:
        page.goto(f"{records['url']}/party/courses/?year=2026")
        page.select_option("#id_kind", "new_members")
        page.fill("#id_year", "2026")
        page.fill("#id_number", "2")
        page.fill("#id_starts_on", "2026-03-02")
        page.fill("#id_ends_on", "2026-03-06")
        page.click("#party-form button[type=submit]")
        page.wait_for_selector("#course-batches")
        assert "đợt 2-2026" in page.locator("#course-batches").inner_text()
        _fits(page, viewport)
        page.screenshot(path=str(ARTIFACTS / f"party-courses-{size}.png"), full_page=True)
    assert CourseBatch.objects.filter(year=2026, number=2).count() == 1
