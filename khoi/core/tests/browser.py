"""What the browser tests share: Debian's Chromium through Playwright, a signed-in context, and the
folder for screenshots (test-artifacts/, git-ignored). Not a test module itself."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

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
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 900}

browser_marks = [
    pytest.mark.browser,
    # A live server sees only committed data; the flush after each test would also empty what the
    # migrations put in (categories, sectors) for the tests that follow: restore it.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium"),
]


@contextmanager
def browser_context(
    base_url: str,
    *,
    viewport: dict[str, int] = DESKTOP,
    language: str = "vi",
    session: str | None = None,
    mobile: bool = False,
) -> Iterator[Any]:
    """A page in a fresh browser context, signed in with `session` when given, in `language`."""
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(
            viewport={"width": viewport["width"], "height": viewport["height"]},
            locale="vi-VN",
            is_mobile=mobile,
            has_touch=mobile,
            device_scale_factor=1,
        )
        context.set_default_timeout(30_000)  # a shared 2-core machine can be slow
        context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
        if session:
            context.add_cookies([{"name": "sessionid", "value": session, "url": base_url}])
        try:
            yield context.new_page()
        finally:
            browser.close()


def session_of(user: Any) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value
