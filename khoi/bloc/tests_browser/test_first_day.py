"""A committee's first day in Debian's Chromium, at 1366 px in Vietnamese: an empty install, the
set-up page, the register imported, indicators chosen and a form composed, two years of history
imported, a round opened, one unit reports, staff approve, and the half-year report compares
with the imported year. The history preview is also shot at 360 px. Screenshots go to
test-artifacts/ (git-ignored)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from khoi.core.tests.browser import ARTIFACTS, DESKTOP, PHONE, browser_context, browser_marks, session_of

pytestmark = browser_marks

TODAY = dt.date.today()
THIS_YEAR = TODAY.year
PAST = (THIS_YEAR - 2, THIS_YEAR - 1)


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
        values = figures.get((row[0].value, row[2].value))
        for head, value in zip(columns, values or (), strict=False):
            row[heads.index(head)].value = value
    book.save(path)


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"first-day-{name}.png"), full_page=True)


def test_first_day_from_an_empty_install_to_the_half_year_report(live_server: Any, tmp_path: Path) -> None:
    from khoi.accounts.models import Role
    from khoi.accounts.tests.factories import make_user
    from khoi.bloc import services as bloc_services
    from khoi.reporting import history_services
    from khoi.units.models import Unit

    base = live_server.url
    assert not Unit.objects.exists()
    admin = bloc_services.first_admin_create(username="quantri", password="mot-mat-khau-dai-2026")  # make setup
    admin_session = session_of(admin)

    with browser_context(base, viewport=DESKTOP, language="vi", session=admin_session) as page:
        # The empty install sends its administrator to the first-run page.
        page.goto(f"{base}/")
        assert page.url.endswith("/setup/")
        page.fill("#id_name", "Đảng ủy Khối Doanh nghiệp tỉnh Đồng Nai")
        page.fill("#id_short_name", "ĐUK")
        page.fill("#id_parent_body", "Đảng bộ tỉnh Đồng Nai")
        page.fill("#id_place", "Đồng Nai")
        page.fill("#id_signer_name", "Nguyễn Văn An")
        _shot(page, "1-setup")
        page.click("button[type=submit]")
        page.wait_for_url("**/units/import/")

        # The register, imported from Excel (preview, then confirm).
        register = tmp_path / "danh-sach-don-vi.xlsx"
        _register(register)
        page.set_input_files("input[type=file]", str(register))
        page.click("button:has-text('Kiểm tra tệp')")
        page.click("button:has-text('Xác nhận nhập')")
        page.wait_for_load_state()
        assert Unit.objects.filter(code__in=["DN01", "DN02"]).count() == 2
        _shot(page, "2-register")

        # The catalogue: two standard indicators chosen, a half-year form composed of them.
        page.goto(f"{base}/reporting/catalogue/")
        page.check("input[name=code][value=revenue]")
        page.check("input[name=code][value=workers]")
        page.click("button:has-text('Thêm các chỉ tiêu đã chọn')")
        page.wait_for_load_state()
        page.goto(f"{base}/reporting/catalogue/forms/new/")
        page.fill("#id_name", "Báo cáo kết quả sản xuất kinh doanh")
        for label in page.locator("#id_indicators label").all():
            label.locator("input").check()
        page.click("button:has-text('Lưu')")
        page.wait_for_url("**/reporting/catalogue/")
        _shot(page, "3-catalogue")

        # Two years of history through our template.
        page.goto(f"{base}/reporting/history/")
        template = history_services.history_template(years=PAST, kinds=("H1", "Y"))
        history = tmp_path / "so-lieu-lich-su.xlsx"
        _history(template, history)
        page.set_input_files("input[type=file]", str(history))
        page.click("button:has-text('Kiểm tra tệp')")
        page.wait_for_url("**/reporting/history/*/")
        assert "16 giá trị mới" in page.locator("main").inner_text()
        _shot(page, "4-history-preview")
        preview_url = page.url
        with browser_context(base, viewport=PHONE, language="vi", session=admin_session, mobile=True) as phone:
            phone.goto(preview_url)
            phone.screenshot(path=str(ARTIFACTS / "first-day-4-history-preview-360.png"), full_page=True)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"] + 1, f"the preview scrolls sideways at 360 px ({width} px)"
        page.click("button:has-text('Nhập các số liệu này')")
        page.wait_for_url("**/reporting/history/")
        assert "16 giá trị mới" in page.locator(".messages").inner_text()

        # A round for this year's first half.
        page.goto(f"{base}/reporting/rounds/new/")
        page.select_option("#id_form", label="Báo cáo kết quả sản xuất kinh doanh")
        page.select_option("#id_period_code", f"{THIS_YEAR}-H1")
        page.fill("#id_deadline", f"{THIS_YEAR}-12-31")
        page.click("main button[type=submit]")
        page.wait_for_url("**/reporting/rounds/*/")
        _shot(page, "5-round")

    # One unit reports.
    unit = Unit.objects.get(code="DN01")
    reporter = make_user("baocao.dn01", role=Role.REPORTER, unit=unit)
    from khoi.reporting.models import Submission

    submission = Submission.objects.get(unit=unit, reporting_round__period_code=f"{THIS_YEAR}-H1")
    with browser_context(base, viewport=DESKTOP, language="vi", session=session_of(reporter)) as page:
        page.goto(f"{base}/reporting/submissions/{submission.pk}/")
        page.fill(f"input[name='v-revenue-{THIS_YEAR}-H1']", "128,7")
        page.fill(f"input[name='v-workers-{THIS_YEAR}-H1']", "335")
        page.click("button[name=action][value=submit]")
        page.wait_for_load_state()
        submission.refresh_from_db()
        assert submission.status == "submitted"
        _shot(page, "6-unit-reports")

    # Staff approve, then read the half-year report.
    with browser_context(base, viewport=DESKTOP, language="vi", session=admin_session) as page:
        page.goto(f"{base}/reporting/submissions/{submission.pk}/")
        page.click("button:has-text('Duyệt và khóa')")
        page.wait_for_load_state()
        submission.refresh_from_db()
        assert submission.status == "approved"
        page.goto(f"{base}/reports/?period={THIS_YEAR}-H1")
        text = page.locator("main").inner_text()
        _shot(page, "7-half-year-report")
        assert f"6 tháng đầu năm {THIS_YEAR}" in text
        # 128,7 against the imported 100 of the same unit a year before: up 28,7%.
        assert "28,7%" in text, text[:2000]
