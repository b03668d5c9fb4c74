"""`python manage.py check_article FILE --period 2021-Y [--json]`: exit status 1 when a figure is
wrong or the text contradicts itself."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from khoi.reports import checker, selectors

LABELS = {
    checker.CONFIRMED: "ĐÚNG",
    checker.WRONG: "SAI",
    checker.INCONSISTENT: "KHÔNG KHỚP",
    checker.NOT_CHECKABLE: "KHÔNG KIỂM TRA ĐƯỢC",
}


class Command(BaseCommand):
    help = "Check every figure of an article against the approved data of a period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A UTF-8 text file ('-' for standard input).")
        parser.add_argument("--period", required=True)
        parser.add_argument("--json", action="store_true", help="Print the marks as JSON.")
        for name in ("group", "ownership", "sector", "zone", "root"):
            parser.add_argument(f"--{name}", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("vi")
        try:
            text = sys.stdin.read() if options["file"] == "-" else Path(options["file"]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Không đọc được tệp: {error}") from None
        try:
            period = selectors.period_from_code(options["period"])
            scope = selectors.scope_from_params(options)
            result = selectors.article_check(text=text, period=period, scope=scope)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except checker.CheckerInputError as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            payload = {
                "period": str(period),
                "summary": checker.summary(result),
                "has_problems": result.has_problems,
                "marks": [mark.as_dict() for mark in result.marks],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for mark in result.marks:
                line = f"[{LABELS[mark.status]}] {mark.figure.text}: {mark.message}"
                if mark.expected:
                    line += f" → {mark.expected}"
                if mark.recomputation:
                    line += f" ({mark.recomputation})"
                self.stdout.write(line)
            counts = checker.summary(result)
            self.stdout.write(
                f"Đúng {counts['confirmed']}, sai {counts['wrong']}, không khớp {counts['inconsistent']}, "
                f"không kiểm tra được {counts['not_checkable']}."
            )
        if result.has_problems:
            sys.exit(1)
