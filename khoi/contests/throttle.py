"""Flood protection without third-party services: fixed-window counters in Django's cache.

Redis in production (atomic INCR shared by every app process), local memory on a laptop. A
window's counter lives a little longer than the window and then disappears by itself.
"""

from __future__ import annotations

import time

from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

CHALLENGE_SALT = "khoi.contests.entry-form"
CHALLENGE_MIN_AGE = 2  # seconds: a person needs longer than this to fill the form
CHALLENGE_MAX_AGE = 6 * 3600


def allow(key: str, *, limit: int, window: int) -> bool:
    """Counts one hit against `key`; False once more than `limit` hits fall in the window."""
    bucket = f"contests:rl:{key}:{int(time.time() // window)}"
    if cache.add(bucket, 1, window + 5):
        return limit >= 1
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, window + 5)
        count = 1
    return count <= limit


def client_address(request: HttpRequest) -> str:
    """The peer address. Behind a reverse proxy, the proxy must set REMOTE_ADDR (e.g. a trusted
    X-Real-IP rewrite); forwarded headers from the client are not trusted here."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def challenge_issue(round_id: int) -> str:
    return signing.TimestampSigner(salt=CHALLENGE_SALT).sign(str(round_id))


def challenge_check(value: str, round_id: int) -> bool:
    """The form's signed token: made by us, for this round, not too fresh and not too old."""
    signer = signing.TimestampSigner(salt=CHALLENGE_SALT)
    try:
        unsigned = signer.unsign(value or "", max_age=CHALLENGE_MAX_AGE)
        issued = signing.b62_decode(value.rsplit(":", 2)[-2])
    except (signing.BadSignature, ValueError, IndexError):
        return False
    return unsigned == str(round_id) and time.time() - issued >= CHALLENGE_MIN_AGE
