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


@contextmanager
def committed_for_module(django_db_blocker: Any) -> Iterator[str]:
    """A live server of its own (its address is yielded) and committed data it sees (a demo bloc,
    say, loaded by the caller inside the block), for a whole test module.

    Loading the demo costs seconds; a test that uses pytest-django's `live_server` is transactional,
    so it would load the demo for itself and flush it after. Here the module's tests share one load,
    and afterwards the database is put back as the migrations left it (flushed, then the rows they
    wrote restored), as a transactional test's serialized rollback does. The module's tests must not
    use `live_server`, `transactional_db` or `db`: those would flush or hide the shared data."""
    from django.core.management import call_command
    from django.db import connection
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        saved = connection.creation.serialize_db_to_string()
        server = LiveServer("localhost")
        try:
            yield server.url
        finally:
            server.stop()
            call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(saved)


def session_of(user: Any) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value
