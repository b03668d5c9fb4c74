"""Reads of the reports app's own records: wording, document settings and jobs.

The reports themselves are built by modules of one concern each, all reading figures from the
reporting engine's selectors (`khoi.reporting.selectors`) and never adding values up:
`inputs` (period and scope from parameters), `wording` (prose from data), `report_build` (the
bloc report as data), `report_files` (the documents), `figure_source` (the checker's data side)
and `dashboard` (charts and tables; the SVG is drawn by `charts`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from khoi.units.models import Unit

from .models import (
    CountCondition,
    DocumentSettings,
    IndicatorStyle,
    ProseSection,
    ProseTarget,
    ProseTemplate,
    ReportJob,
)


def indicator_style_list() -> QuerySet[IndicatorStyle]:
    return IndicatorStyle.objects.all()


def count_condition_list() -> QuerySet[CountCondition]:
    return CountCondition.objects.all()


def prose_template_list() -> QuerySet[ProseTemplate]:
    return ProseTemplate.objects.select_related("updated_by")


def prose_target_list() -> QuerySet[ProseTarget]:
    return ProseTarget.objects.all()


def prose_template_for(*, kind: str, section: str = ProseSection.KEY_FIGURES) -> ProseTemplate | None:
    return ProseTemplate.objects.filter(period_kind=kind, section=section, is_active=True).first()


def document_settings_for(*, bloc: Unit | None) -> DocumentSettings | None:
    return DocumentSettings.objects.filter(bloc=bloc).first() if bloc else None


def report_job_get(*, job_id: Any, user: Any) -> ReportJob | None:
    """A job of the user's own (staff see every job)."""
    jobs = ReportJob.objects.all()
    if not getattr(user, "is_committee_staff", False):
        jobs = jobs.filter(requested_by=user)
    return jobs.filter(pk=job_id).first()
