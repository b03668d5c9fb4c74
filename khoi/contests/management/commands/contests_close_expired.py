"""Finalise every attempt past its time limit (run every minute from cron or a timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from khoi.contests.services import entries_close_expired


class Command(BaseCommand):
    help = "Submit, with the answers saved in time, every contest attempt whose time limit has passed."

    def handle(self, *args: Any, **options: Any) -> None:
        closed = entries_close_expired()
        self.stdout.write(f"{closed}")
