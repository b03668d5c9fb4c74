"""`manage.py export_bloc --dir DIR [--with-personal-data]`: the whole bloc's data, one workbook
and one JSON file per module, and a manifest (khoi.core.exports)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from khoi.core.exports import write_export


class Command(BaseCommand):
    help = "Export the bloc's data: one workbook and one JSON file per module. Personal data only when asked."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", required=True, help="The folder to write the files into (created if missing).")
        parser.add_argument(
            "--with-personal-data",
            action="store_true",
            help="Include people's names, phones, emails and the accounts (off by default).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["dir"])
        paths = write_export(directory, with_personal_data=options["with_personal_data"])
        manifest = json.loads((directory / "manifest.json").read_text())
        for module in manifest["modules"]:
            rows = sum(module["rows"].values())
            self.stdout.write(f"{module['key']}: {len(module['rows'])} tables, {rows} rows")
        self.stdout.write(f"{len(paths)} files in {directory}")
