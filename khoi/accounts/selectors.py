"""Reads about accounts: locked logins (django-axes' attempts), a user's API tokens."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from khoi.core.providers import provider

from .models import ApiToken, PeopleJob, User


@dataclass(frozen=True)
class LockedLogin:
    """An account (username) or an address (IP) that may not sign in until `unlocks_at`."""

    kind: str  # "account" or "address"
    value: str
    failures: int
    last_attempt: dt.datetime
    unlocks_at: dt.datetime


def locked_logins(*, now: dt.datetime | None = None) -> list[LockedLogin]:
    """Accounts and addresses over the failure limit within the lock period, most recent first."""
    now = now or timezone.now()
    cooloff: dt.timedelta = settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(attempt_time__gte=now - cooloff).only(
        "username", "ip_address", "failures_since_start", "attempt_time"
    )
    failures: dict[tuple[str, str], int] = defaultdict(int)
    last_attempt: dict[tuple[str, str], dt.datetime] = {}
    for attempt in attempts:
        for key in (("account", attempt.username or ""), ("address", attempt.ip_address or "")):
            if not key[1]:
                continue
            failures[key] += attempt.failures_since_start
            last_attempt[key] = max(last_attempt.get(key, attempt.attempt_time), attempt.attempt_time)
    locked = [
        LockedLogin(kind, value, count, last_attempt[(kind, value)], last_attempt[(kind, value)] + cooloff)
        for (kind, value), count in failures.items()
        if count >= settings.AXES_FAILURE_LIMIT
    ]
    return sorted(locked, key=lambda login: login.last_attempt, reverse=True)


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    """The user's tokens that have not expired, newest first."""
    return ApiToken.objects.filter(Q(expiry__isnull=True) | Q(expiry__gt=timezone.now()), user=user).order_by(
        "-created"
    )


def bloc_name() -> str:
    """The bloc's name as mails and sheets name the site (the root of the register, asked of the
    units app through khoi.core.providers: accounts sits below it)."""
    name = provider("units.bloc_name")
    return (name() if name else "") or "Khối"


def people_job_get(*, job_id: Any, user: User) -> PeopleJob | None:
    """A reporters-in-bulk job of this user's own (another's, even staff's, is as good as missing)."""
    return PeopleJob.objects.filter(pk=job_id, requested_by=user).first()


def people_jobs_recent(*, user: User, limit: int = 5) -> list[PeopleJob]:
    """This user's latest reporters-in-bulk jobs, newest first (to come back to one)."""
    return list(PeopleJob.objects.filter(requested_by=user).defer("rows", "credentials")[:limit])
