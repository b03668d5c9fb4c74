"""Run every active validation rule over all counted data and list what breaks.

python manage.py check_rules          # exit status 1 when something breaks
python manage.py check_rules --json
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from khoi.reporting.validation import rule_findings


class Command(BaseCommand):
    help = (
        "Run every active validation rule (period rules per form, cross-period rules per unit and year) over "
        "every approved or submitted value; exit status 1 when a rule is broken."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Machine-readable output")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("vi"):
            findings = rule_findings()
            if options["json"]:
                self.stdout.write(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2))
            else:
                for finding in findings:
                    self.stdout.write(
                        f"{finding.unit_code}\t{finding.period_code}\t{finding.rule_name}: {finding.message}"
                    )
                self.stdout.write(f"{len(findings)} vi phạm." if findings else "Không có vi phạm nào.")
        if findings:
            raise CommandError(f"{len(findings)} rule findings", returncode=1)
