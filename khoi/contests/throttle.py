"""Flood protection without third-party services: sliding-window counters and single-use challenges.

Limits are kept per contest (one contest's crowd never blocks another's) and per client address
and per phone. A limit counts hits in a window that slides: the previous fixed window's count,
weighted by how much of it still overlaps the sliding window, plus the current window's count
(the two-bucket approximation). With Redis (production) that is INCR + EXPIRE + GET in one
pipelined round trip shared by every app process; without Redis (a laptop) the same counters live
in Django's cache. Counters disappear by themselves two windows later.

The entry form carries a signed challenge: made by us, for this round, with a random nonce. It is
accepted once, no sooner than CHALLENGE_MIN_AGE after it was issued (a person needs that long to
fill the form) and no later than CHALLENGE_VALID after that; its nonce is then recorded as used
(SET NX with a TTL, through the cache: Redis in production) until it would have expired anyway.
While Redis is down the counters live in this process's cache (khoi.core.cache) until it is back:
the limits then hold per process.
"""

from __future__ import annotations

import functools
import secrets
import time
from dataclasses import dataclass

import redis
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from khoi.core.phones import InvalidPhone, parse_mobile

PHONE_STARTS_PER_HOUR = 5

CHALLENGE_SALT = "khoi.contests.entry-form"
CHALLENGE_MIN_AGE = 2  # seconds: a person needs longer than this to fill the form
CHALLENGE_VALID = 10 * 60  # seconds after the minimum age


@functools.cache
def _redis() -> redis.Redis | None:
    """One client per process (it is thread-safe and keeps a pool of connections)."""
    url = getattr(settings, "REDIS_URL", "")
    return redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=1.0) if url else None


def _sliding_count(previous: int, current: int, *, now: float, window: int) -> float:
    """Hits in the window that ends now: the part of the previous bucket still inside it, plus the current."""
    elapsed = (now % window) / window
    return previous * (1 - elapsed) + current


def allow(key: str, *, limit: int, window: int, now: float | None = None) -> bool:
    """Counts one hit against `key`; False once more than `limit` hits fall in the sliding window."""
    now = time.time() if now is None else now
    bucket = int(now // window)
    current_key, previous_key = f"contests:rl:{key}:{bucket}", f"contests:rl:{key}:{bucket - 1}"
    client = _redis()
    if client is not None and not getattr(cache, "redis_down", False):
        pipe = client.pipeline(transaction=False)
        pipe.incr(cache.make_key(current_key))
        pipe.expire(cache.make_key(current_key), 2 * window + 5)
        pipe.get(cache.make_key(previous_key))
        try:
            current, _expiry_set, previous = pipe.execute()
            return _sliding_count(int(previous or 0), int(current), now=now, window=window) <= limit
        except redis.RedisError:
            pass  # Redis is down: the cache below counts in this process (khoi.core.cache) until it is back
    if cache.add(current_key, 1, 2 * window + 5):
        current = 1
    else:
        try:
            current = cache.incr(current_key)
        except ValueError:  # expired between add and incr
            cache.set(current_key, 1, 2 * window + 5)
            current = 1
    previous = cache.get(previous_key) or 0
    return _sliding_count(int(previous), int(current), now=now, window=window) <= limit


def client_address(request: HttpRequest) -> str:
    """The peer address. Behind a reverse proxy, the proxy must set REMOTE_ADDR (e.g. a trusted
    X-Real-IP rewrite); forwarded headers from the client are not trusted here."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


class _ClockSigner(signing.TimestampSigner):
    """Django's timestamp signer, with the clock given (tests freeze it instead of sleeping)."""

    def __init__(self, now: float | None) -> None:
        super().__init__(salt=CHALLENGE_SALT)
        self.now = now

    def timestamp(self) -> str:
        return signing.b62_encode(int(time.time() if self.now is None else self.now))


def challenge_issue(round_id: int, *, now: float | None = None) -> str:
    """A fresh challenge for the entry form of this round: the round and a random nonce, signed with the time."""
    return _ClockSigner(now).sign(f"{round_id}:{secrets.token_urlsafe(12)}")


def challenge_check(value: str, round_id: int, *, now: float | None = None) -> bool:
    """The form's signed challenge: made by us, for this round, old enough, not expired, and not
    used before. A challenge that passes is used up."""
    now = time.time() if now is None else now
    try:
        unsigned = _ClockSigner(now).unsign(value or "")
        issued = signing.b62_decode(value.rsplit(":", 2)[-2])
    except (signing.BadSignature, ValueError, IndexError):
        return False
    parts = unsigned.split(":")
    if len(parts) != 2 or parts[0] != str(round_id):
        return False
    age = now - issued
    if not CHALLENGE_MIN_AGE <= age <= CHALLENGE_MIN_AGE + CHALLENGE_VALID:
        return False
    # SET NX with a TTL (Redis in production): only the first use of a nonce succeeds.
    return cache.add(f"contests:challenge-used:{parts[1]}", 1, CHALLENGE_MIN_AGE + CHALLENGE_VALID + 5)


@dataclass(frozen=True)
class Refusal:
    message: str
    status: int


def entry_start_guard(
    request: HttpRequest,
    *,
    contest_id: int,
    round_id: int,
    per_ip_per_minute: int,
    phone: str,
    challenge: str,
    honeypot: str,
    now: float | None = None,
) -> Refusal | None:
    """Bot and flood checks before an entry is started (pages and API share them). The limits
    are this contest's: another contest's crowd on the same network does not count here."""
    if honeypot:
        return Refusal(_("The form could not be sent. Please try again."), 400)
    if not challenge_check(challenge, round_id, now=now):
        return Refusal(
            _("The form was sent too fast or has expired. Please check your details and send it again."), 400
        )
    if not allow(f"{contest_id}:ip:{client_address(request)}", limit=per_ip_per_minute, window=60, now=now):
        return Refusal(_("Too many entries from your network just now. Please wait a minute and try again."), 429)
    try:
        phone_key = parse_mobile(phone)
    except InvalidPhone:
        return None  # the service explains what is wrong with the number
    if not allow(f"{contest_id}:phone:{phone_key}", limit=PHONE_STARTS_PER_HOUR, window=3600, now=now):
        return Refusal(_("Too many attempts with this phone number. Please try again later."), 429)
    return None
