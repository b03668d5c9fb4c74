"""`python manage.py market_expire_requests`: pending meeting requests past their time become expired.

Run it from cron (or a scheduled task) every few minutes; answering an expired request is refused
even before it runs.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from khoi.marketplace import services


class Command(BaseCommand):
    help = "Mark pending meeting requests past their expiry as expired."

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.meeting_requests_expire()
        self.stdout.write(f"{count} expired")
