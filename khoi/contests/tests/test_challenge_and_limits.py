"""The entry form's challenge is single-use and short-lived; flood limits slide and are kept per
contest. The clock is a parameter: nothing sleeps. Runs on SQLite (cache) and PostgreSQL + Redis."""

from __future__ import annotations

import itertools

import pytest
from django.test import RequestFactory

from khoi.contests import throttle

_keys = itertools.count(1)
T0 = 60.0 * 31_666_667  # a fixed clock at the start of a minute


@pytest.fixture
def key() -> str:
    """A key no other test (or test run on a shared Redis) has counted against."""
    return f"test-{id(object())}-{next(_keys)}"


@pytest.fixture
def restore_min_age(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(throttle, "CHALLENGE_MIN_AGE", 2)


def test_a_challenge_used_twice_is_refused_the_second_time(restore_min_age):
    challenge = throttle.challenge_issue(7, now=T0)
    assert throttle.challenge_check(challenge, 7, now=T0 + 5)
    assert not throttle.challenge_check(challenge, 7, now=T0 + 6)


def test_two_challenges_of_one_round_are_each_good_once(restore_min_age):
    first, second = throttle.challenge_issue(7, now=T0), throttle.challenge_issue(7, now=T0)
    assert first != second
    assert throttle.challenge_check(first, 7, now=T0 + 5)
    assert throttle.challenge_check(second, 7, now=T0 + 5)


def test_a_challenge_sent_before_its_minimum_delay_is_refused_and_not_used_up(restore_min_age):
    challenge = throttle.challenge_issue(7, now=T0)
    assert not throttle.challenge_check(challenge, 7, now=T0 + 1)
    assert throttle.challenge_check(challenge, 7, now=T0 + 3)


def test_an_expired_challenge_is_refused(restore_min_age):
    challenge = throttle.challenge_issue(7, now=T0)
    late = T0 + throttle.CHALLENGE_MIN_AGE + throttle.CHALLENGE_VALID + 1
    assert not throttle.challenge_check(challenge, 7, now=late)


def test_a_challenge_lasts_ten_minutes_not_six_hours(restore_min_age):
    assert throttle.CHALLENGE_VALID == 600
    challenge = throttle.challenge_issue(7, now=T0)
    assert not throttle.challenge_check(challenge, 7, now=T0 + 3600)


def test_a_challenge_for_another_round_or_forged_is_refused(restore_min_age):
    challenge = throttle.challenge_issue(7, now=T0)
    assert not throttle.challenge_check(challenge, 8, now=T0 + 5)
    assert not throttle.challenge_check(challenge[:-2] + "xx", 7, now=T0 + 5)
    assert not throttle.challenge_check("", 7, now=T0 + 5)


def test_the_window_slides_instead_of_resetting_at_the_minute(key):
    # Three hits in the last seconds of one minute...
    assert all(throttle.allow(key, limit=3, window=60, now=T0 + 57 + i) for i in range(3))
    # ...still count five seconds into the next minute: a fixed window would have started again at zero.
    assert not throttle.allow(key, limit=3, window=60, now=T0 + 65)
    # 50 s into that minute most of the previous one has slid out of the window: allowed again.
    assert throttle.allow(key, limit=3, window=60, now=T0 + 110)


def test_the_limit_allows_exactly_the_limit_in_a_quiet_window(key):
    results = [throttle.allow(key, limit=3, window=60, now=T0 + i) for i in range(4)]
    assert results == [True, True, True, False]


def test_the_limits_of_one_contest_do_not_affect_another(restore_min_age):
    request = RequestFactory().post("/", REMOTE_ADDR=f"10.9.{next(_keys) % 250}.{next(_keys) % 250}")
    contests = (10_000 + next(_keys), 20_000 + next(_keys))

    def start(contest_id: int) -> throttle.Refusal | None:
        return throttle.entry_start_guard(
            request, contest_id=contest_id, round_id=1, per_ip_per_minute=2, phone="0912345678",
            challenge=throttle.challenge_issue(1, now=T0), honeypot="", now=T0 + 5,
        )  # fmt: skip

    assert [start(contests[0]) for _ in range(2)] == [None, None]
    refused = start(contests[0])
    assert refused is not None and refused.status == 429
    assert start(contests[1]) is None


def test_one_challenge_cannot_start_many_entries(restore_min_age):
    request = RequestFactory().post("/", REMOTE_ADDR="10.8.0.1")
    challenge = throttle.challenge_issue(1, now=T0)
    outcomes = [
        throttle.entry_start_guard(
            request, contest_id=30_000 + next(_keys), round_id=1, per_ip_per_minute=100, phone="0912345678",
            challenge=challenge, honeypot="", now=T0 + 5 + i,
        )
        for i in range(3)
    ]  # fmt: skip
    assert outcomes[0] is None
    assert all(outcome is not None and outcome.status == 400 for outcome in outcomes[1:])
