"""`python manage.py people_credentials_expire`: the first-login passwords of reporters created in
bulk are emptied once their time is up (khoi.accounts.people_jobs), even if nobody comes back for
them. A periodic job, every minute (khoi.core.periodic)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from khoi.accounts import people_jobs


class Command(BaseCommand):
    help = "Forget the first-login passwords of bulk-created reporters past their time."

    def handle(self, *args: Any, **options: Any) -> None:
        count = people_jobs.people_credentials_expire()
        self.stdout.write(f"{count} forgotten")
