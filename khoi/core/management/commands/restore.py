"""`manage.py restore FILE`: replaces the database and the uploaded files with a backup's, then
checks every table's row count against the backup's manifest. Stop the app processes first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from khoi.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` (replaces the database and the uploaded files)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        connections.close_all()
        try:
            counts = backup_restore(
                archive_path=Path(options["file"]),
                database=connections["default"].settings_dict,
                media_root=Path(settings.MEDIA_ROOT),
            )
        except (BackupError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored {len(counts)} tables, {sum(counts.values())} rows; every count matches the backup")
