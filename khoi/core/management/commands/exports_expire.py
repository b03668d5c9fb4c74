"""`python manage.py exports_expire`: the zips of the export page past their time are deleted
(khoi.core.export_jobs). A periodic job (khoi.core.periodic)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from khoi.core import export_jobs


class Command(BaseCommand):
    help = "Delete the bloc's exports past their time."

    def handle(self, *args: Any, **options: Any) -> None:
        count = export_jobs.exports_expire()
        self.stdout.write(f"{count} deleted")
