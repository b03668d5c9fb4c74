"""`python manage.py check_article FILE [--period 2021-Y] [--json]`: exit status 1 when a figure is
wrong or the text contradicts itself. Without --period, the period the text names is used."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from khoi.reports import checker, figure_source, inputs

LABELS = {
    checker.CONFIRMED: "ĐÚNG",
    checker.WRONG: "SAI",
    checker.INCONSISTENT: "KHÔNG KHỚP",
    checker.NOT_CHECKABLE: "KHÔNG KIỂM TRA ĐƯỢC",
    checker.OUT_OF_SCOPE: "NGOÀI PHẠM VI SỐ LIỆU CỦA KHỐI",
}
MAX_FILE_BYTES = 4 * checker.MAX_TEXT_LENGTH  # UTF-8 Vietnamese: at most 4 bytes a character


class Command(BaseCommand):
    help = "Check every figure of an article against the approved data of a period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A UTF-8 text file ('-' for standard input).")
        parser.add_argument("--period", default="", help="2021-Y, 2021-H1 …; default: the period the text names.")
        parser.add_argument("--json", action="store_true", help="Print the marks as JSON.")
        for name in ("group", "ownership", "sector", "zone", "root"):
            parser.add_argument(f"--{name}", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("vi")
        text = self._read(options["file"])
        try:
            code = options["period"]
            if not code.strip():
                named = checker.text_period(text, timezone.localdate().year)
                code = str(named) if named is not None else ""
            period = inputs.period_from_code(code)
            scope = inputs.scope_from_params(options)
            result = figure_source.article_check(text=text, period=period, scope=scope)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except checker.CheckerInputError as error:
            raise CommandError(str(error)) from None
        counts = checker.summary(result)
        if options["json"]:
            payload = {
                "period": str(period),
                "summary": counts,
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
                if mark.style:
                    self.stdout.write(f"[CÁCH VIẾT SỐ] {mark.figure.text}: viết theo kiểu Việt Nam là “{mark.style}”.")
            self.stdout.write(
                f"Đúng {counts['confirmed']}, sai {counts['wrong']}, không khớp {counts['inconsistent']}, "
                f"không kiểm tra được {counts['not_checkable']}, ngoài phạm vi {counts['out_of_scope']}, "
                f"cần sửa cách viết số {counts['style']} ({period.label_vi})."
            )
        if result.has_problems:
            sys.exit(1)

    def _read(self, name: str) -> str:
        try:
            if name == "-":
                return sys.stdin.read()
            path = Path(name)
            if path.stat().st_size > MAX_FILE_BYTES:
                raise CommandError(
                    f"Tệp quá lớn ({path.stat().st_size:,} byte); trình kiểm tra đọc tối đa "
                    f"{checker.MAX_TEXT_LENGTH:,} ký tự.".replace(",", ".")
                )
            return path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise CommandError(
                "Tệp không phải văn bản UTF-8 (có thể là tệp nhị phân); hãy lưu bài viết dạng .txt."
            ) from None
        except OSError as error:
            raise CommandError(f"Không đọc được tệp: {error.strerror or error}") from None
