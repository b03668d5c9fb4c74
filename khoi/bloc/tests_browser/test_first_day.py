"""A committee's first day in Debian's Chromium, at 1366 px, in Vietnamese and in English: an empty
install, the set-up page, the register imported, indicators chosen and a form composed, a history
file with problems (each listed with its cell, nothing written), two years of history imported,
the reporters created in bulk by the task worker (credentials sheet), a round opened, one unit's
reporter signs in with the printed password, chooses their own and reports, staff approve, and
the half-year report compares with the imported year. Both history previews are also shot at
360 px. Screenshots go to test-artifacts/ (git-ignored)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from khoi.core.tests.browser import ARTIFACTS, DESKTOP, PHONE, browser_context, browser_marks, session_of

pytestmark = browser_marks

TODAY = dt.date.today()
THIS_YEAR = TODAY.year
PAST = (THIS_YEAR - 2, THIS_YEAR - 1)
PASSWORD_PATTERN = re.compile(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}")
# What the pages say, where the test looks for a button or a message by its words.
WORDS = {
    "vi": {
        "check": "Kiểm tra tệp",
        "confirm": "Xác nhận nhập",
        "add": "Thêm các chỉ tiêu đã chọn",
        "save": "Lưu",
        "import": "Nhập các số liệu này",
        "approve": "Duyệt và khóa",
        "new_values": "16 giá trị mới",
    },
    "en": {
        "check": "Check the file",
        "confirm": "Confirm the import",
        "add": "Add the ticked indicators",
        "save": "Save",
        "import": "Import these figures",
        "approve": "Approve and lock",
        "new_values": "16 new values",
    },
}


def _register(path: Path) -> None:
    """The committee's register: two base organisations under the bloc (code KHOI)."""
    from django.utils import translation

    from khoi.units.register_excel import COLUMNS

    rows = [
        {
            "code": "DN01",
            "name": "Đảng bộ Công ty Cổ phần Cấp nước Đồng Nai",
            "short_name": "Cấp nước Đồng Nai",
            "kind": "Đảng bộ cơ sở",
            "parent_code": "KHOI",
            "ownership": "Doanh nghiệp ngoài nhà nước",
            "joined_on": dt.datetime(2015, 1, 1),
        },
        {
            "code": "DN02",
            "name": "Chi bộ Công ty TNHH Cơ khí Biên Hòa",
            "short_name": "Cơ khí Biên Hòa",
            "kind": "Chi bộ cơ sở",
            "parent_code": "KHOI",
            "ownership": "Doanh nghiệp ngoài nhà nước",
            "joined_on": dt.datetime(2016, 1, 1),
        },
    ]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    with translation.override("vi"):
        sheet.append([str(column.header) for column in COLUMNS])
    for row in rows:
        sheet.append([row.get(column.key) for column in COLUMNS])
    book.save(path)


def _history(template: bytes, path: Path) -> None:
    """Our template filled in: revenue and workers of both units for H1 and the year, two years."""
    book = load_workbook(io.BytesIO(template))
    sheet = book["Số liệu"]
    heads = [cell.value for cell in sheet[1]]
    figures = {
        ("DN01", "revenue"): (90, 190, 100, 210),
        ("DN02", "revenue"): (40, 85, 50, 104),
        ("DN01", "workers"): (300, 310, 320, 330),
        ("DN02", "workers"): (80, 82, 85, 90),
    }
    columns = [f"6 tháng đầu năm {PAST[0]}", f"Năm {PAST[0]}", f"6 tháng đầu năm {PAST[1]}", f"Năm {PAST[1]}"]
    for row in sheet.iter_rows(min_row=2):
        values = figures.get((str(row[0].value), str(row[2].value)))
        for head, value in zip(columns, values or (), strict=False):
            row[heads.index(head)].value = value
    book.save(path)


def _history_with_problems(template: bytes, path: Path) -> None:
    """The same template with four mistakes: text in a number cell, a negative count, a unit the
    register does not have, and a row given twice."""
    book = load_workbook(io.BytesIO(template))
    sheet = book["Số liệu"]
    heads = [cell.value for cell in sheet[1]]
    first, last = heads.index(f"6 tháng đầu năm {PAST[0]}"), heads.index(f"Năm {PAST[1]}")
    rows = {(str(row[0].value), str(row[2].value)): row for row in sheet.iter_rows(min_row=2)}
    rows[("DN01", "revenue")][first].value = "khoảng 90"
    rows[("DN02", "workers")][last].value = -90
    unknown = [cell.value for cell in rows[("DN01", "revenue")]]
    unknown[0], unknown[1], unknown[first] = "DN99", "Công ty TNHH Không Có Trong Danh Sách", 10
    sheet.append(unknown)
    twice = [cell.value for cell in rows[("DN02", "revenue")]]
    twice[first] = 40
    sheet.append(twice)
    rows[("DN02", "revenue")][first].value = 40
    book.save(path)


def _shot(page: Any, name: str, language: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"first-day-{language}-{name}.png"), full_page=True)


def _fits_360(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"the page scrolls sideways at 360 px ({width} px)"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_first_day_from_an_empty_install_to_the_half_year_report(
    live_server: Any, tmp_path: Path, language: str
) -> None:
    from django.utils import translation
    from django.utils.translation import gettext

    from khoi.accounts.models import User
    from khoi.accounts.tests.factories import PASSWORD
    from khoi.bloc import services as bloc_services
    from khoi.reporting import history_services
    from khoi.reporting.models import IndicatorValue
    from khoi.reporting.periods import Period
    from khoi.units.models import Unit

    words = WORDS[language]
    base = live_server.url
    assert not Unit.objects.exists()
    admin = bloc_services.first_admin_create(username="quantri", password=PASSWORD)  # make setup
    admin_session = session_of(admin)

    with browser_context(base, viewport=DESKTOP, language=language, session=admin_session) as page:
        # The empty install sends its administrator to the first-run page.
        page.goto(f"{base}/")
        assert page.url.endswith("/setup/")
        page.fill("#id_name", "Đảng ủy Khối Doanh nghiệp tỉnh Đồng Nai")
        page.fill("#id_short_name", "ĐUK")
        page.fill("#id_parent_body", "Đảng bộ tỉnh Đồng Nai")
        page.fill("#id_place", "Đồng Nai")
        page.fill("#id_signer_name", "Nguyễn Văn An")
        assert page.locator("html").get_attribute("lang") == language
        _shot(page, "1-setup", language)
        page.click("main button[type=submit]")
        page.wait_for_url("**/units/import/")

        # The register, imported from Excel (preview, then confirm).
        register = tmp_path / "danh-sach-don-vi.xlsx"
        _register(register)
        page.set_input_files("input[type=file]", str(register))
        page.click(f"main button:has-text('{words['check']}')")
        page.click(f"main button:has-text('{words['confirm']}')")
        page.wait_for_load_state()
        assert Unit.objects.filter(code__in=["DN01", "DN02"]).count() == 2
        _shot(page, "2-register", language)

        # The catalogue: two standard indicators chosen, a half-year form composed of them.
        page.goto(f"{base}/reporting/catalogue/")
        page.check("input[name=code][value=revenue]")
        page.check("input[name=code][value=workers]")
        page.click(f"main button:has-text('{words['add']}')")
        page.wait_for_load_state()
        page.goto(f"{base}/reporting/catalogue/forms/new/")
        page.fill("#id_name", "Báo cáo kết quả sản xuất kinh doanh")
        for label in page.locator("#id_indicators label").all():
            label.locator("input").check()
        page.click(f"main button:has-text('{words['save']}')")
        page.wait_for_url("**/reporting/catalogue/")
        _shot(page, "3-catalogue", language)

        # Two years of history through our template: first a file with mistakes, then the right one.
        template = history_services.history_template(years=PAST, kinds=("H1", "Y"))
        wrong = tmp_path / "so-lieu-lich-su-loi.xlsx"
        _history_with_problems(template, wrong)
        page.goto(f"{base}/reporting/history/")
        page.set_input_files("input[type=file]", str(wrong))
        page.click(f"main button:has-text('{words['check']}')")
        page.wait_for_url("**/reporting/history/*/")
        problems = page.locator("main").inner_text()
        for text in ("khoảng 90", "DN99"):
            assert text in problems, text
        assert page.locator(f"main button:has-text('{words['import']}')").count() == 0
        _shot(page, "4-history-problems", language)
        problems_url = page.url
        assert not IndicatorValue.objects.exists()

        page.goto(f"{base}/reporting/history/")
        history = tmp_path / "so-lieu-lich-su.xlsx"
        _history(template, history)
        page.set_input_files("input[type=file]", str(history))
        page.click(f"main button:has-text('{words['check']}')")
        page.wait_for_url("**/reporting/history/*/")
        assert words["new_values"] in page.locator("main").inner_text()
        _shot(page, "4-history-preview", language)
        preview_url = page.url

    with browser_context(base, viewport=PHONE, language=language, session=admin_session, mobile=True) as phone:
        phone.goto(problems_url)
        _fits_360(phone)
        _shot(phone, "4-history-problems-360", language)
        phone.goto(preview_url)
        _fits_360(phone)
        _shot(phone, "4-history-preview-360", language)

    with browser_context(base, viewport=DESKTOP, language=language, session=admin_session) as page:
        page.goto(preview_url)
        page.click(f"main button:has-text('{words['import']}')")
        page.wait_for_url("**/reporting/history/")
        assert words["new_values"] in page.locator(".messages").inner_text()

        # The reporters of both units, created in bulk by the task worker; their sheet is printed.
        page.goto(f"{base}/accounts/people/")
        page.click("button[name=check_register]")
        page.wait_for_selector("form.confirm-people")
        page.check("input[name=delivery][value=print]")
        page.click("form.confirm-people button[type=submit]")
        page.wait_for_selector(".credentials")
        _shot(page, "5-reporters", language)
        card = page.locator(".credential", has_text="baocao.dn01").inner_text()
        [password] = PASSWORD_PATTERN.findall(card)
        assert User.objects.filter(username__in=["baocao.dn01", "baocao.dn02"], must_change_password=True).count() == 2

        # A round for this year's first half.
        page.goto(f"{base}/reporting/rounds/new/")
        page.select_option("#id_form", label="Báo cáo kết quả sản xuất kinh doanh")
        page.select_option("#id_period_code", f"{THIS_YEAR}-H1")
        page.fill("#id_deadline", f"{THIS_YEAR}-12-31")
        page.click("main button[type=submit]")
        page.wait_for_url("**/reporting/rounds/*/")
        _shot(page, "6-round", language)

    # One unit's reporter signs in with the printed password, chooses their own, and reports.
    unit = Unit.objects.get(code="DN01")
    from khoi.reporting.models import Submission

    submission = Submission.objects.get(unit=unit, reporting_round__period_code=f"{THIS_YEAR}-H1")
    with browser_context(base, viewport=DESKTOP, language=language) as page:
        page.goto(f"{base}/accounts/login/")
        page.fill("input[name=username]", "baocao.dn01")
        page.fill("input[name=password]", password)
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{base}/accounts/password/")
        own = "Cap-Nuoc-Dong-Nai-2025!"
        page.fill("input[name=old_password]", password)
        page.fill("input[name=new_password1]", own)
        page.fill("input[name=new_password2]", own)
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{base}/accounts/password/done/")
        page.goto(f"{base}/reporting/submissions/{submission.pk}/")
        page.fill(f"input[name='v-revenue-{THIS_YEAR}-H1']", "128,7")
        page.fill(f"input[name='v-workers-{THIS_YEAR}-H1']", "335")
        page.click("button[name=action][value=submit]")
        page.wait_for_load_state()
        submission.refresh_from_db()
        assert submission.status == "submitted"
        _shot(page, "7-unit-reports", language)

    # Staff approve, then read the half-year report.
    with browser_context(base, viewport=DESKTOP, language=language, session=admin_session) as page:
        page.goto(f"{base}/reporting/submissions/{submission.pk}/")
        page.click(f"main button:has-text('{words['approve']}')")
        page.wait_for_load_state()
        submission.refresh_from_db()
        assert submission.status == "approved"
        page.goto(f"{base}/reports/?period={THIS_YEAR}-H1")
        text = page.locator("main").inner_text()
        _shot(page, "8-half-year-report", language)
        with translation.override(language):
            period = Period.parse(f"{THIS_YEAR}-H1").label
            title = gettext("Report on the results of %(period)s") % {"period": period}
        assert title.upper() in text.upper()
        assert "Đảng ủy Khối Doanh nghiệp tỉnh Đồng Nai" in text
        # The same period comes from the imported year: 100 + 50 (both units' first half of last
        # year); this half-year only one unit has reported, 128,7: 85,8% of it.
        revenue = page.locator("tr", has=page.locator("a", has_text="Tổng doanh thu")).first.inner_text()
        share = {"vi": "85,8%", "en": "85.8%"}[language]
        assert revenue.split("\t")[2:5] == ["129", "150", share], revenue
