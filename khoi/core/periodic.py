"""The jobs that run on a schedule, in one place: `manage.py run_periodic_jobs` (make run, the
production smoke test) runs them with APScheduler; deploy/systemd has a timer for each (a test
checks that the two agree)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodicJob:
    command: str  # a management command without arguments
    every_seconds: int
    purpose: str


PERIODIC_JOBS = (
    PeriodicJob("contests_close_expired", 60, "closes contest attempts abandoned at their time limit"),
    PeriodicJob("market_expire_requests", 300, "expires meeting requests left unanswered past their time"),
    PeriodicJob("people_credentials_expire", 60, "forgets bulk-created reporters' first passwords past their time"),
    PeriodicJob("exports_expire", 900, "deletes the export page's zips past their time"),
)
