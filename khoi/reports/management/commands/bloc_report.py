"""`python manage.py bloc_report --period 2021-H1 --format txt|docx|xlsx|pdf --output FILE`"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from khoi.reports import inputs, report_files


class Command(BaseCommand):
    help = "Write the bloc's report for a period as text, Word, Excel or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help="2021-H1, 2021-Y, 2021-Q1, 2021-9M …")
        parser.add_argument("--format", default="txt", choices=["txt", "docx", "xlsx", "pdf"])
        parser.add_argument("--output", help="File to write; standard output for txt when omitted.")
        parser.add_argument("--number", default="", help="Document number (Số …-BC/ĐUK).")
        for name in ("group", "ownership", "sector", "zone", "root"):
            parser.add_argument(f"--{name}", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("vi")
        try:
            period = inputs.period_from_code(options["period"])
            scope = inputs.scope_from_params(options)
            _filename, content = report_files.report_document(
                period=period, scope=scope, format=options["format"], number=options["number"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        output = options.get("output")
        if not output:
            if options["format"] != "txt":
                raise CommandError("--output FILE is needed for docx, xlsx and pdf.")
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        # Written whole or not at all: a temporary file renamed into place.
        target = Path(output)
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(content)
        partial.replace(target)
        self.stderr.write(f"{target} ({len(content):,} bytes)")
