"""`manage.py run_periodic_jobs`: runs every job of khoi.core.periodic on its interval, in the
foreground, until stopped (APScheduler). Each job runs once at start, then every interval; a
job still running when its time comes again is not started twice. Production uses the systemd
timers of deploy/systemd instead; this is for `make run` and the production smoke test."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from khoi.core.periodic import PERIODIC_JOBS

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the periodic jobs (closing expired contest attempts, expiring meeting requests) until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=int, default=0, help="run every job every this many seconds (tests); 0: each its own"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scheduler = BlockingScheduler(timezone=dt.UTC)
        for job in PERIODIC_JOBS:
            scheduler.add_job(
                self.run_job,
                "interval",
                args=[job.command],
                seconds=options["every"] or job.every_seconds,
                next_run_time=timezone.now(),
                id=job.command,
                max_instances=1,
                coalesce=True,
            )
        self.stdout.write(f"periodic jobs: {', '.join(job.command for job in PERIODIC_JOBS)}")
        with contextlib.suppress(KeyboardInterrupt, SystemExit):  # Ctrl-C, or honcho stopping it
            scheduler.start()

    def run_job(self, command: str) -> None:
        close_old_connections()
        try:
            call_command(command, stdout=self.stdout)
            self.stdout.write(f"periodic job ran: {command}")
        except Exception:  # one failed run is logged; the next runs on time
            logger.exception("periodic job %s failed", command)
        finally:
            close_old_connections()
