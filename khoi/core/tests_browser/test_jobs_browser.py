"""The task worker's pages in Debian's Chromium, at 1366 and 360 px, in Vietnamese and in English:
an export and a creation of reporters waiting for the worker (progress bar, polling), then an
export asked through the page (the worker runs at once in tests) and its zip downloaded.
Screenshots go to test-artifacts/ (git-ignored)."""

from __future__ import annotations

import zipfile
from typing import Any

import pytest

from khoi.core.tests.browser import ARTIFACTS, DESKTOP, PHONE, browser_context, browser_marks, session_of

pytestmark = browser_marks


def _shot(page: Any, name: str, language: str, width: int) -> None:
    page.screenshot(path=str(ARTIFACTS / f"jobs-{name}-{language}-{width}.png"), full_page=True)


def _fits(page: Any) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, overflow


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "360"])
def test_waiting_jobs_show_their_progress_and_an_export_downloads(live_server, settings, tmp_path, language, viewport):
    from khoi.accounts.models import PeopleJob, Role
    from khoi.accounts.tests.factories import make_user
    from khoi.core.models import ExportJob
    from khoi.units.tests.factories import make_bloc, make_unit

    settings.STORAGES = {
        **settings.STORAGES,
        "exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "exports", "base_url": None},
        },
    }
    width = viewport["width"]
    make_unit(make_bloc(), code="DV001")
    office = make_user("vanphong", role=Role.STAFF)
    waiting_export = ExportJob.objects.create(requested_by=office, status=ExportJob.Status.RUNNING, progress=40)
    waiting_people = PeopleJob.objects.create(requested_by=office, total=93, rows=[])
    base = live_server.url

    with browser_context(base, viewport=viewport, language=language, session=session_of(office)) as page:
        page.goto(f"{base}/export/{waiting_export.pk}/")
        assert page.locator("#export-job[hx-trigger]").count() == 1
        assert page.locator("progress").get_attribute("value") == "40"
        _fits(page)
        _shot(page, "export-waiting", language, width)

        page.goto(f"{base}/accounts/people/jobs/{waiting_people.pk}/")
        assert page.locator("#people-job[hx-trigger]").count() == 1
        _fits(page)
        _shot(page, "people-waiting", language, width)

        page.goto(f"{base}/export/")
        page.click("main form button[type=submit]")
        page.wait_for_selector("#export-job a.btn")
        assert page.locator("#export-job[hx-trigger]").count() == 0
        _fits(page)
        _shot(page, "export-ready", language, width)
        with page.expect_download() as download:
            page.click("#export-job a.btn")
        path = download.value.path()
        assert download.value.suggested_filename.startswith("du-lieu-khoi-")
        assert "manifest.json" in zipfile.ZipFile(path).namelist()
        page.goto(f"{base}/export/")
        assert page.locator("table.export-jobs tbody tr").count() == 2
        _fits(page)
        _shot(page, "export-list", language, width)
