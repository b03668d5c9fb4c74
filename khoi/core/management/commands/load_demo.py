"""Load the demo bloc: every app's `demo.load()` in dependency order. Safe to run twice."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the demo bloc of the seed articles (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        for app in settings.KHOI_APPS:
            module_name = f"{app}.demo"
            if not find_spec(module_name):
                continue
            module = import_module(module_name)
            self.stdout.write(f"- {app.rsplit('.', 1)[-1]}: ", ending="")
            summary = module.load()
            self.stdout.write(summary or "ok")
