"""Print the Party-building figures of a period, counted from the records.

python manage.py party_figures --period 2021-H1
python manage.py party_figures --period 2021-Y --json
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from khoi.core.formatting import format_number, format_percent
from khoi.party.models import Grade
from khoi.party.selectors import party_figures
from khoi.reporting.periods import Period
from khoi.reporting.selectors import Scope, scope_units

GRADE_WORDS = {
    "excellent": "hoàn thành xuất sắc nhiệm vụ",
    "good": "hoàn thành tốt nhiệm vụ",
    "completed": "hoàn thành nhiệm vụ",
    "not_completed": "không hoàn thành nhiệm vụ",
}


class Command(BaseCommand):
    help = "Print admissions, conversions, gradings, committee changes, courses and inspections of a period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help="2021-Q1, 2021-H1, 2021-9M, 2021-Y or 2021-03")
        parser.add_argument("--json", action="store_true", help="Machine-readable output")
        parser.add_argument("--group", help="Only a unit group, e.g. ngan-hang")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = Period.parse(options["period"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        units = scope_units(scope=Scope(group_code=options.get("group") or None), period=period)
        figures = party_figures(start=period.start, end=period.end, unit_ids=list(units.values_list("id", flat=True)))
        shares = figures.grade_shares()
        if options["json"]:
            data = {
                "period": str(period),
                "start": figures.start.isoformat(),
                "end": figures.end.isoformat(),
                "admissions": figures.admissions,
                "conversions": figures.conversions,
                "organisations_graded": figures.organisations_graded,
                "grades": {g: figures.grades.get(g, 0) for g in Grade.values},
                "grade_share_percent": {g: (str(round(v, 1)) if v is not None else None) for g, v in shares.items()},
                "committees_changed": figures.committees_changed,
                "courses_held": figures.courses_held,
                "course_batches": figures.course_batches,
                "inspections": figures.inspections,
                "supervisions": figures.supervisions,
                "discipline_cases": figures.discipline_cases,
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        n = format_number
        lines = [
            f"Công tác xây dựng Đảng, {period.label_vi}:",
            f"- Kết nạp mới: {n(figures.admissions)} đảng viên",
            f"- Chuyển chính thức: {n(figures.conversions)} đảng viên",
            f"- Quyết định công nhận đánh giá chất lượng: {n(figures.organisations_graded)} tổ chức cơ sở đảng",
        ]
        for grade in Grade.values:
            share = shares[grade]
            share_text = f" ({format_percent(share)})" if share is not None else ""
            lines.append(f"    {GRADE_WORDS[grade]}: {n(figures.grades.get(grade, 0))}{share_text}")
        lines += [
            f"- Kiện toàn cấp ủy: {n(figures.committees_changed)} đơn vị",
            f"- Lớp đã tổ chức: {n(figures.courses_held)}"
            + (f" ({'; '.join(figures.course_batches)})" if figures.course_batches else ""),
            f"- Kiểm tra: {n(figures.inspections)} cuộc; giám sát: {n(figures.supervisions)} cuộc",
            f"- Kỷ luật: {n(figures.discipline_cases)} trường hợp",
        ]
        self.stdout.write("\n".join(lines))
