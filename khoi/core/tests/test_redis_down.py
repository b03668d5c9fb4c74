"""With Redis unreachable, logins and rate limits keep working, and the cache goes back to Redis
by itself once it answers again. (Background tasks are queued in the database: no Redis there.)"""

from __future__ import annotations

import logging
from typing import Any

import pytest
import redis
from django.conf import settings
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse

from khoi.accounts.tests.factories import PASSWORD, make_user
from khoi.contests import throttle
from khoi.core import cache as fault_tolerant

UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused at once
DOWN_CACHES = {
    "default": {"BACKEND": "khoi.core.cache.FaultTolerantRedisCache", "LOCATION": UNREACHABLE, "KEY_PREFIX": "down"}
}


def test_the_cache_answers_from_this_process_while_redis_is_unreachable(caplog):
    cache = fault_tolerant.FaultTolerantRedisCache(UNREACHABLE, {"KEY_PREFIX": "down"})
    with caplog.at_level(logging.WARNING, logger="khoi.core.cache"):
        cache.set("visits", 1, 60)
        assert cache.add("visits", 5) is False
        assert cache.incr("visits") == 2
        assert cache.get("visits") == 2
        assert cache.get_many(["visits", "other"]) == {"visits": 2}
    assert cache.redis_down
    assert caplog.text.count("Redis unreachable") == 1  # said once per outage, not once per call


def test_the_cache_keeps_one_redis_client_for_every_call():
    # Django's own client makes a redis.Redis per call, which cost more CPU than the call itself.
    cache = fault_tolerant.FaultTolerantRedisCache(UNREACHABLE, {"KEY_PREFIX": "down"})
    first = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=False) is first
    assert cache._cache.get_client("any key", write=True) is first


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (the PostgreSQL + Redis run)")
def test_the_cache_goes_back_to_redis_by_itself_once_it_answers(monkeypatch):
    cache = fault_tolerant.FaultTolerantRedisCache(settings.REDIS_URL, {"KEY_PREFIX": f"recover{id(object())}"})
    client_class = type(cache._cache)
    real_get = client_class.get

    def refused(self: Any, key: Any, default: Any) -> Any:
        raise redis.ConnectionError("refused")

    monkeypatch.setattr(client_class, "get", refused)
    assert cache.get("key", "local") == "local" and cache.redis_down
    monkeypatch.setattr(client_class, "get", real_get)
    monkeypatch.setattr(fault_tolerant, "RETRY_AFTER", 0.0)
    cache._down_until = 0.0
    cache.set("key", "in redis", 30)
    assert not cache.redis_down
    assert caches["default"].__class__(settings.REDIS_URL, {"KEY_PREFIX": cache.key_prefix}).get("key") == "in redis"
    cache.delete("key")


@override_settings(CACHES=DOWN_CACHES)
def test_a_person_logs_in_and_reads_pages_while_redis_is_unreachable(db):
    caches.close_all()
    make_user("vanphong_redis")
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "vanphong_redis", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200


@override_settings(CACHES=DOWN_CACHES, REDIS_URL=UNREACHABLE)
def test_rate_limits_hold_per_process_while_redis_is_unreachable(monkeypatch):
    caches.close_all()
    throttle._redis.cache_clear()
    try:
        assert [throttle.allow("ip:203.0.113.9", limit=2, window=60) for _ in range(3)] == [True, True, False]
    finally:
        throttle._redis.cache_clear()
