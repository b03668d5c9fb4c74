"""Reporters in bulk and the forced first password change in Debian's Chromium (Playwright), at
1366 px and 360 px, in Vietnamese and in English: the Office uploads a sheet, sees the problem of
its row, uploads the corrected sheet, creates the accounts and reads the credentials page; the new
reporter signs in with the printed password, is held on the change page until they choose their
own, then reaches the reports. Screenshots go to test-artifacts/ (git-ignored)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from khoi.core.tests.browser import ARTIFACTS, DESKTOP, PHONE, browser_context, browser_marks, session_of

pytestmark = browser_marks

PASSWORD_PATTERN = re.compile(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(*rows: tuple[str, str, str]) -> bytes:
    from khoi.core.workbook import WorkbookWriter

    writer = WorkbookWriter()
    page = writer.sheet("Báo cáo viên")
    page.header(["Họ và tên", "Email hoặc số điện thoại", "Mã đơn vị"])
    for row in rows:
        page.append(list(row))
    return writer.to_bytes()


def _shot(page: Any, name: str, language: str, width: int) -> None:
    page.screenshot(path=str(ARTIFACTS / f"people-{name}-{language}-{width}.png"), full_page=True)


def _fits(page: Any) -> None:
    """Nothing wider than the window but the tables' own scrolling boxes."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, overflow


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "360"])
def test_bulk_creation_with_preview_then_the_forced_password_change(live_server, language, viewport):
    from khoi.accounts.models import Department, Role, User
    from khoi.accounts.tests.factories import make_user
    from khoi.units.models import UnitKind
    from khoi.units.tests.factories import make_bloc, make_unit

    width = viewport["width"]
    bloc = make_bloc()
    unit = make_unit(bloc, kind=UnitKind.BASE_COMMITTEE, code="DV001", name="Đảng bộ Công ty Cổ phần Cảng")
    make_unit(bloc, code="DV002", name="Chi bộ Công ty Cổ phần Nước sạch")
    office = make_user("vanphong", role=Role.STAFF, department=Department.OFFICE)
    base = live_server.url
    email = f"an.{language}.{width}@example.vn"

    with browser_context(base, viewport=viewport, language=language, session=session_of(office)) as page:
        page.goto(f"{base}/accounts/people/")
        assert page.locator("html").get_attribute("lang") == language
        wrong = _sheet(("Nguyễn Văn An", email, "DV001"), ("Trần Thị Bình", "0123", "DV009"))
        page.set_input_files(
            "input[type=file]", files=[{"name": "bao-cao-vien.xlsx", "mimeType": XLSX, "buffer": wrong}]
        )
        page.click("form[enctype] button[type=submit]")
        page.wait_for_selector("#preview")
        problems = page.locator("tr.row-error").all_inner_texts()
        assert len(problems) == 1 and "0123" in problems[0] and "DV009" in problems[0]
        assert page.locator("form.confirm-people").count() == 0
        _fits(page)
        _shot(page, "preview-problems", language, width)

        right = _sheet(("Nguyễn Văn An", email, "DV001"), ("Trần Thị Bình", "0912 345 678", "DV002"))
        page.set_input_files(
            "input[type=file]", files=[{"name": "bao-cao-vien.xlsx", "mimeType": XLSX, "buffer": right}]
        )
        page.click("form[enctype] button[type=submit]")
        page.wait_for_selector("form.confirm-people")
        assert page.locator("tr.row-error").count() == 0
        _shot(page, "preview-ready", language, width)
        page.check("input[name=delivery][value=print]")
        page.click("form.confirm-people button[type=submit]")
        page.wait_for_selector(".credentials")
        _fits(page)
        _shot(page, "credentials", language, width)
        text = page.locator(".credentials").inner_text()
        passwords = PASSWORD_PATTERN.findall(text)
        assert len(passwords) == 2 and email in text
    assert User.objects.get(username=email).unit == unit

    with browser_context(base, viewport=viewport, language=language) as page:
        page.goto(f"{base}/accounts/login/")
        page.fill("input[name=username]", email)
        page.fill("input[name=password]", passwords[0])
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{base}/accounts/password/")
        assert page.locator(".first-password").count() == 1
        _fits(page)
        _shot(page, "forced-change", language, width)
        page.goto(f"{base}/reporting/")
        assert page.url == f"{base}/accounts/password/"  # held until the password is changed
        new = f"Cang-Bien-{language}-{width}-2025!"
        page.fill("input[name=old_password]", passwords[0])
        page.fill("input[name=new_password1]", new)
        page.fill("input[name=new_password2]", new)
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{base}/accounts/password/done/")
        page.goto(f"{base}/reporting/")
        assert page.url == f"{base}/reporting/"
        _shot(page, "after-change", language, width)
    user = User.objects.get(username=email)
    assert not user.must_change_password and user.check_password(new)
