"""deploy/ agrees with the code: the proxy sends the contests pool exactly its two addresses, each
periodic job has a timer on its interval, and the client's address is taken only from our proxy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings
from django.urls import reverse

from khoi.core.periodic import PERIODIC_JOBS
from khoi.core.proxy import ProxiedClientAddressMiddleware

DEPLOY = Path(settings.BASE_DIR) / "deploy"


def _contests_location() -> re.Pattern[str]:
    found = re.search(
        r"location ~ (\S+) \{\s*proxy_pass http://khoi_contests;", (DEPLOY / "nginx" / "khoi.conf").read_text()
    )
    assert found, "deploy/nginx/khoi.conf has no location for the contests pool"
    return re.compile(found.group(1))


def test_the_proxy_sends_autosave_and_submit_and_nothing_else_to_the_contests_pool():
    location = _contests_location()
    token = "k3Yq_fake-token-0123456789ab"
    assert location.search(reverse("contests_api:entry_answers", args=[token]))
    assert location.search(reverse("contests_api:entry_submit", args=[token]))
    assert not location.search(reverse("contests_api:entry_start", args=[1]))
    assert not location.search(reverse("contests_api:round", args=[1]))
    assert not location.search("/contests/")


@pytest.mark.parametrize("job", PERIODIC_JOBS, ids=lambda job: job.command)
def test_each_periodic_job_has_a_systemd_timer_on_its_interval(job):
    unit = "khoi-" + job.command.replace("_", "-")
    timer = (DEPLOY / "systemd" / f"{unit}.timer").read_text()
    service = (DEPLOY / "systemd" / f"{unit}.service").read_text()
    assert f"OnUnitActiveSec={job.every_seconds}\n" in timer
    assert f"manage.py {job.command}\n" in service


def _address_seen(remote: str, header: str) -> str:
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_REAL_IP=header)
    seen: list[str] = []

    def view(request):
        seen.append(request.META["REMOTE_ADDR"])

    ProxiedClientAddressMiddleware(view)(request)
    return seen[0]


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_the_client_address_comes_from_our_proxy_only():
    assert _address_seen("127.0.0.1", "203.0.113.7") == "203.0.113.7"
    assert _address_seen("198.51.100.2", "203.0.113.7") == "198.51.100.2"  # a client cannot choose its address
    assert _address_seen("127.0.0.1", "not an address") == "127.0.0.1"
