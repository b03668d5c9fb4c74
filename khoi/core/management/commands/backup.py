"""`manage.py backup [--dir DIR]`: the database and the uploaded files in one tar (khoi.core.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from khoi.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one tar file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", default=str(Path(settings.BASE_DIR) / "var" / "backups"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path = backup_create(
                database=connections["default"].settings_dict,
                media_root=Path(settings.MEDIA_ROOT),
                directory=Path(options["dir"]),
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(path))
