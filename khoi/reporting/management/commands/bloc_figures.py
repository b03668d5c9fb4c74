"""Print the bloc's key figures for a period, formatted as the reports write them.

python manage.py bloc_figures --period 2021-H1
python manage.py bloc_figures --period 2021-Y --json
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from khoi.core.formatting import format_percent
from khoi.reporting.figure_text import change_text, same_period_text, value_text
from khoi.reporting.periods import Period
from khoi.reporting.selectors import CountIfFigure, PlanFigure, Scope, bloc_overview


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Command(BaseCommand):
    help = "Print every key figure of the bloc for a period with its same-period value and growth."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help="2021-Q1, 2021-H1, 2021-9M, 2021-Y or 2021-03")
        parser.add_argument("--json", action="store_true", help="Machine-readable output")
        parser.add_argument("--group", help="Only a unit group, e.g. ngan-hang")
        parser.add_argument("--include-submitted", action="store_true", help="Count submitted, unapproved forms too")
        parser.add_argument("--language", default="vi")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = Period.parse(options["period"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        with translation.override(options["language"]):
            figures = bloc_overview(
                period=period,
                scope=Scope(group_code=options.get("group") or None),
                include_submitted=options["include_submitted"],
            )
            if options["json"]:
                self.stdout.write(
                    json.dumps(
                        {
                            "period": str(period),
                            "period_label": period.label,
                            "same_period": str(period.same_period_last_year()),
                            "figures": [
                                {
                                    "code": f.indicator_code,
                                    "name": f.indicator_name,
                                    "unit": f.unit_label,
                                    "value": _plain(f.value),
                                    "same_period_value": _plain(f.same_period_value),
                                    "growth_percent": _plain(f.growth_percent),
                                    "value_text": value_text(f),
                                    "same_period_text": same_period_text(f),
                                    "change_text": change_text(f) if f.same_period_value is not None else "",
                                    "units_reporting": f.units_reporting,
                                    "units_expected": f.units_expected,
                                    "includes_unapproved": f.includes_unapproved,
                                    "extra": _plain(f.details()),
                                }
                                for f in figures
                            ],
                        },
                        ensure_ascii=False,
                        indent=2,
                    )
                )
                return
            self.stdout.write(f"{period.label} ({period}) – {period.same_period_last_year().label}")
            for f in figures:
                line = f"- {f.indicator_name}: {value_text(f) or '—'}"
                if f.value is not None and f.same_period_value is not None:
                    line += f" ({change_text(f)}; {same_period_text(f)})"
                if isinstance(f, CountIfFigure) and f.share_percent is not None:
                    line += f" – {format_percent(f.share_percent)}/{f.denominator}"
                if isinstance(f, PlanFigure):
                    line += f" – {f.units_reached}/{f.units_with_plan} ≥ 100% KH"
                if f.includes_unapproved:
                    line += " [*]"
                self.stdout.write(line)
