"""The forms' side: rounds, submissions and their completeness, stored values, audits, rules,
notices, plans and the years with values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from khoi.units.models import Unit

from ..figure_types import (
    share,
)
from ..models import (
    IndicatorValue,
    Notice,
    Plan,
    ReportingRound,
    Submission,
    SubmissionStatus,
    ValidationRule,
    ValueAudit,
)
from ..periods import Period

# ---- rounds, submissions, completeness ---------------------------------------------------------


def round_list(*, status: str | None = None) -> QuerySet[ReportingRound]:
    rounds = ReportingRound.objects.select_related("form").annotate(
        submission_count=Count("submissions"),
        submitted_count=Count(
            "submissions",
            filter=Q(submissions__status__in=[SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED]),
        ),
        approved_count=Count("submissions", filter=Q(submissions__status=SubmissionStatus.APPROVED)),
    )
    return rounds.filter(status=status) if status else rounds


@dataclass
class CompletenessRow:
    submission_id: int
    unit_id: int
    unit_code: str
    unit_name: str
    status: str
    submitted_at: dt.datetime | None
    timeliness: str  # "on_time" | "late" | "not_submitted"
    reminded_at: dt.datetime | None


@dataclass
class Completeness:
    reporting_round: ReportingRound
    rows: list[CompletenessRow]
    on_time: int
    late: int
    not_submitted: int
    approved: int

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def submitted_percent(self) -> Decimal | None:
        return share(self.on_time + self.late, self.total)


def _timeliness(submission: Submission, deadline: dt.date) -> str:
    if submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED) or submission.submitted_at is None:
        return "not_submitted"
    return "on_time" if timezone.localdate(submission.submitted_at) <= deadline else "late"


def submission_completeness(*, reporting_round: ReportingRound) -> Completeness:
    """Who has submitted, on time, late, or not at all (returned forms count as not submitted)."""
    rows = []
    for submission in reporting_round.submissions.select_related("unit").order_by("unit__code"):
        rows.append(
            CompletenessRow(
                submission_id=submission.pk,
                unit_id=submission.unit_id,
                unit_code=submission.unit.code,
                unit_name=submission.unit.name,
                status=submission.status,
                submitted_at=submission.submitted_at,
                timeliness=_timeliness(submission, reporting_round.deadline),
                reminded_at=submission.reminded_at,
            )
        )
    return Completeness(
        reporting_round=reporting_round,
        rows=rows,
        on_time=sum(1 for r in rows if r.timeliness == "on_time"),
        late=sum(1 for r in rows if r.timeliness == "late"),
        not_submitted=sum(1 for r in rows if r.timeliness == "not_submitted"),
        approved=sum(1 for r in rows if r.status == SubmissionStatus.APPROVED),
    )


def submission_list_visible(*, units: QuerySet[Unit]) -> QuerySet[Submission]:
    return Submission.objects.filter(unit__in=units).select_related("reporting_round__form", "unit")


def submission_todo_list(*, units: QuerySet[Unit]) -> QuerySet[Submission]:
    """A reporter's to-do list: forms of open rounds not yet submitted, earliest deadline first."""
    return (
        submission_list_visible(units=units)
        .filter(
            reporting_round__status=ReportingRound.Status.OPEN,
            status__in=[SubmissionStatus.DRAFT, SubmissionStatus.RETURNED],
        )
        .order_by("reporting_round__deadline", "unit__code")
    )


def submission_value_map(*, submission: Submission) -> dict[tuple[str, str], Decimal]:
    """{(indicator code, period code): value} of a submission."""
    return {
        (code, period): value
        for code, period, value in submission.values.values_list("indicator__code", "period_code", "value")
    }


def unit_previous_values(*, unit: Unit, periods: Iterable[Period]) -> dict[tuple[str, str], Decimal]:
    """A unit's approved values for the same periods a year earlier: {(code, period code): value}."""
    codes = [str(p.same_period_last_year()) for p in periods]
    return {
        (code, period_code): value
        for code, period_code, value in IndicatorValue.objects.filter(
            unit=unit, period_code__in=codes, submission__status=SubmissionStatus.APPROVED
        ).values_list("indicator__code", "period_code", "value")
    }


def explanation_list(*, submission: Submission) -> list[tuple[str, str]]:
    """The unit's explanations of broken warnings, each with its rule's name (not its code)."""
    notes = submission.explanations or {}
    if not notes:
        return []
    names = dict(ValidationRule.objects.filter(code__in=list(notes)).values_list("code", "name"))
    return [(names.get(code, code), text) for code, text in notes.items()]


def form_items(*, submission: Submission) -> list[Any]:
    return list(
        submission.reporting_round.form.items.select_related("indicator", "indicator__part_of")
        .prefetch_related(Prefetch("indicator__groups"))
        .order_by("order", "id")
    )


def value_audit_list(
    *, unit_ids: Iterable[int] | None = None, indicator_code: str | None = None, submission: Submission | None = None
) -> QuerySet[ValueAudit]:
    entries = ValueAudit.objects.select_related("unit", "indicator", "changed_by", "submission__reporting_round")
    if unit_ids is not None:
        entries = entries.filter(unit_id__in=list(unit_ids))
    if indicator_code:
        entries = entries.filter(indicator__code=indicator_code)
    if submission is not None:
        entries = entries.filter(submission=submission)
    return entries


def validation_rule_list(*, active_only: bool = False) -> QuerySet[ValidationRule]:
    rules = ValidationRule.objects.all()
    return rules.filter(active=True) if active_only else rules


def notice_list(*, user: Any) -> QuerySet[Notice]:
    return Notice.objects.filter(user=user)


def latest_approved_period() -> Period | None:
    """The period every picker opens on: the latest closed round with approved forms (else the
    latest with any approved form); None when nothing is approved yet."""
    rounds = [r for r in round_list() if getattr(r, "approved_count", 0)]
    closed = [r for r in rounds if r.status == ReportingRound.Status.CLOSED]
    periods = [Period.parse(r.period_code) for r in (closed or rounds)]
    if not periods:
        return None
    return max(periods, key=lambda period: (period.end, period.month_count))


def reporting_years() -> list[int]:
    """The years from the first with stored values to the last (for period pickers), newest first.
    Two index lookups (the first and last period start), not a scan of every value."""
    span = IndicatorValue.objects.aggregate(first=Min("period_start"), last=Max("period_start"))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


def plan_list(*, year: int | None = None) -> QuerySet[Plan]:
    plans = Plan.objects.select_related("unit", "indicator")
    return plans.filter(year=year) if year else plans
