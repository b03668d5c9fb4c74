"""Flood protection without third-party services: fixed-window counters.

With Redis (production) a counter is INCR + EXPIRE in one pipelined round trip, shared by every
app process; starting an entry counts twice (address, phone), so this is on the hottest path.
Without Redis (a laptop), or while Redis is down, the counters live in Django's cache (which is
then this process's memory: the limits hold per process). A window's counter lives a little
longer than the window and then disappears by itself.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass

import redis
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from .phones import InvalidPhone, normalize_phone

PHONE_STARTS_PER_HOUR = 5

CHALLENGE_SALT = "khoi.contests.entry-form"
CHALLENGE_MIN_AGE = 2  # seconds: a person needs longer than this to fill the form
CHALLENGE_MAX_AGE = 6 * 3600


@functools.cache
def _redis() -> redis.Redis | None:
    """One client per process (it is thread-safe and keeps a pool of connections)."""
    url = getattr(settings, "REDIS_URL", "")
    return redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=1.0) if url else None


def allow(key: str, *, limit: int, window: int) -> bool:
    """Counts one hit against `key`; False once more than `limit` hits fall in the window."""
    bucket = f"contests:rl:{key}:{int(time.time() // window)}"
    client = _redis()
    if client is not None and not getattr(cache, "redis_down", False):
        pipe = client.pipeline(transaction=False)
        pipe.incr(cache.make_key(bucket))
        pipe.expire(cache.make_key(bucket), window + 5)
        try:
            count, _expiry_set = pipe.execute()
            return int(count) <= limit
        except redis.RedisError:
            pass  # Redis is down: the cache below counts in this process (khoi.core.cache) until it is back
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


@dataclass(frozen=True)
class Refusal:
    message: str
    status: int


def entry_start_guard(
    request: HttpRequest, *, round_id: int, per_ip_per_minute: int, phone: str, challenge: str, honeypot: str
) -> Refusal | None:
    """Bot and flood checks before an entry is started (pages and API share them)."""
    if honeypot:
        return Refusal(_("The form could not be sent. Please try again."), 400)
    if not challenge_check(challenge, round_id):
        return Refusal(
            _("The form was sent too fast or has expired. Please check your details and send it again."), 400
        )
    if not allow(f"ip:{client_address(request)}", limit=per_ip_per_minute, window=60):
        return Refusal(_("Too many entries from your network just now. Please wait a minute and try again."), 429)
    try:
        phone_key = normalize_phone(phone)
    except InvalidPhone:
        return None  # the service explains what is wrong with the number
    if not allow(f"phone:{phone_key}", limit=PHONE_STARTS_PER_HOUR, window=3600):
        return Refusal(_("Too many attempts with this phone number. Please try again later."), 429)
    return None
