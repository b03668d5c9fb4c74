"""Aggregation selectors: the one place reports, dashboards, the API and the checker get figures.

Public API (names and signatures are stable; khoi.reports builds on them)
--------------------------------------------------------------------------
``Scope(root_unit_id=None, ownership=None, sector_code=None, zone_id=None, group_code=None)``
    Which units: a subtree (root included), an ownership, a VSIC section letter ("H") or division
    ("52"), an industrial park / economic zone, a unit group ("ngan-hang").
``scope_units(*, scope, period) -> QuerySet[Unit]``
    The base organisations of the bloc as it was at the period's end, filtered by the scope.
``indicator_figure(*, code, period, scope=Scope(), include_submitted=False) -> Figure``
``bloc_overview(*, period, scope=Scope(), include_submitted=False) -> list[Figure]``
    Every key figure (``Indicator.is_key``), plus ``base_organisations`` first; a constant number
    of queries whatever the number of units.
``figure_drilldown(*, code, period, scope=Scope(), include_submitted=False) -> list[UnitFigure]``
``plan_completion(*, code, year, scope=Scope(), threshold=Decimal(100), include_submitted=False)
    -> PlanCompletion``
``count_units_meeting(*, code, period, operator, threshold, scope=Scope(), denominator="enterprises",
    include_submitted=False) -> CountFigure``
``indicator_series(*, code, periods, scope=Scope(), include_submitted=False) -> list[Figure]``
``indicator_parts(*, code, period, scope, parts, include_submitted=False) -> list[Figure | None]``
    One indicator's figure for each part of a scope (a breakdown by ownership, sector or zone),
    from one pass over the scope's units.
``submission_completeness(*, reporting_round) -> Completeness``; ``round_list(*, status=None)``.
Also: ``UNITS_CODE`` ("base_organisations": the count of base organisations from the register,
accepted by ``indicator_figure``), ``indicator_list(*, key_only=False)``, ``indicator_get(*, code)``,
``reporting_years()``, ``submission_todo_list(*, units)``, ``value_audit_list(...)``.

A figure is one of a small typed family (`figure_types`): ``Figure`` (a value), ``PlanFigure``
(a year's sum with ``units_with_plan`` / ``units_reached`` and ``plan_share_percent``),
``RatioFigure`` (``numerator`` / ``denominator`` and their codes), ``CountIfFigure``
(``denominator``, ``denominator_kind``, ``share_percent``, the condition) and, for
``base_organisations``, ``OrganisationsFigure`` (``base_committees``, ``base_cells``,
``enterprises``). Figures hold numbers and codes; `figure_text` writes them the seed way
("14.167 tỷ đồng", "tăng 28,7%").

How a figure is computed (time aggregation, then over units): see `figure_engine`; the figure
types are in `figure_types`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from khoi.core.formatting import growth_percent
from khoi.units.models import BASE_KINDS, Unit

from .figure_engine import (
    compare,
    count_denominator_ids,
    figures,
    period_figures,
    ratio,
    recorded_indicators,
    scope_info,
    scope_units,
    unit_values,
)
from .figure_parts import part_figures, term_ids
from .figure_types import (
    HUNDRED,
    OPERATORS,
    UNITS_CODE,
    CountFigure,
    CountIfFigure,
    Figure,
    OrganisationsFigure,
    PlanCompletion,
    PlanFigure,
    RatioFigure,
    Scope,
    UnitFigure,
    share,
)
from .models import (
    CountDenominator,
    Indicator,
    IndicatorValue,
    Notice,
    Plan,
    ReportingRound,
    Submission,
    SubmissionStatus,
    UnitAggregation,
    ValidationRule,
    ValueAudit,
)
from .periods import Period

# ---- catalogue ---------------------------------------------------------------------------------


def indicator_list(*, key_only: bool = False) -> QuerySet[Indicator]:
    indicators = Indicator.objects.select_related("numerator", "denominator", "base", "part_of").prefetch_related(
        "groups"
    )
    return indicators.filter(is_key=True) if key_only else indicators


def indicator_get(*, code: str) -> Indicator | None:
    return indicator_list().filter(code=code).first()


# ---- public figures ----------------------------------------------------------------------------


def bloc_overview(*, period: Period, scope: Scope = Scope(), include_submitted: bool = False) -> list[Figure]:
    """Every key figure for the period, with the same period a year earlier and growth."""
    indicators = list(indicator_list(key_only=True))
    return figures(
        indicators=indicators, period=period, scope=scope, include_submitted=include_submitted, with_units_figure=True
    )


def indicator_figure(
    *,
    code: str,
    period: Period,
    scope: Scope = Scope(),
    include_submitted: bool = False,
    indicator: Indicator | None = None,
) -> Figure:
    """One indicator's figure (any indicator, key or not; or ``base_organisations``). A caller that
    asks for many figures of one indicator (a dashboard's breakdowns) passes the `indicator` it
    has read, from ``indicator_get``, instead of having it read again each time."""
    if code == UNITS_CODE:
        return figures(
            indicators=[], period=period, scope=scope, include_submitted=include_submitted, with_units_figure=True
        )[0]
    if indicator is None or indicator.code != code:
        indicator = indicator_get(code=code)
    if indicator is None:
        raise Indicator.DoesNotExist(code)
    return figures(
        indicators=[indicator],
        period=period,
        scope=scope,
        include_submitted=include_submitted,
        with_units_figure=False,
    )[0]


def indicator_series(
    *,
    code: str,
    periods: Iterable[Period],
    scope: Scope = Scope(),
    include_submitted: bool = False,
    indicator: Indicator | None = None,
) -> list[Figure]:
    """The same indicator over several periods (trends for dashboards), each window read once; the
    `indicator` read by ``indicator_get``, if the caller has it."""
    if code == UNITS_CODE:
        indicator = None
    elif indicator is None or indicator.code != code:
        indicator = indicator_get(code=code)
        if indicator is None:
            raise Indicator.DoesNotExist(code)
    rows = period_figures(
        indicators=[indicator] if indicator else [],
        periods=list(periods),
        scope=scope,
        include_submitted=include_submitted,
        with_units_figure=indicator is None,
    )
    return [row[0] for row in rows]


def indicator_parts(
    *,
    code: str,
    period: Period,
    scope: Scope,
    parts: Sequence[Scope],
    include_submitted: bool = False,
    indicator: Indicator | None = None,
) -> list[Figure | None]:
    """The figure of `code` for each of `parts` (scopes that narrow `scope` by ownership, sector
    or zone only), in order; None for a part with no units at the period's end. The same figures
    as ``indicator_figure`` per part, in a fixed number of queries."""
    if code != UNITS_CODE and (indicator is None or indicator.code != code):
        indicator = indicator_get(code=code)
        if indicator is None:
            raise Indicator.DoesNotExist(code)
    return part_figures(
        indicator=None if code == UNITS_CODE else indicator,
        period=period,
        scope=scope,
        parts=parts,
        include_submitted=include_submitted,
    )


def figure_drilldown(
    *,
    code: str,
    period: Period,
    scope: Scope = Scope(),
    include_submitted: bool = False,
) -> list[UnitFigure]:
    """The units that make up a figure: each unit's value, same period, growth, plan (year)."""
    indicator = indicator_get(code=code)
    if indicator is None:
        raise Indicator.DoesNotExist(code)
    windows = [period, period.same_period_last_year()]
    units_now = scope_units(scope=scope, period=period)
    info = scope_info(units_now)
    # The drill-down lists this period's units; their same-period values are looked up too.
    values = unit_values(
        windows=windows,
        units_per_window=[units_now, units_now],
        include_submitted=include_submitted,
        indicator_ids=term_ids(indicator),
        recorded=recorded_indicators([indicator]),
    )
    plans: dict[int, Decimal] = {}
    if indicator.has_plan and period.kind == "Y":
        plans = dict(Plan.objects.filter(indicator=indicator, year=period.year).values_list("unit_id", "value"))

    def unit_value(unit_id: int, w: int) -> Decimal | None:
        if indicator.unit_aggregation == UnitAggregation.RATIO:
            num = values.get((indicator.numerator_id or 0, unit_id, w))
            den = values.get((indicator.denominator_id or 0, unit_id, w))
            return ratio(num, den, indicator.multiplier)
        if indicator.unit_aggregation == UnitAggregation.COUNT_IF:
            return values.get((indicator.base_id or 0, unit_id, w))
        return values.get((indicator.pk, unit_id, w))

    rows = []
    group_ids = [group.pk for group in indicator.groups.all()]
    allowed: set[int] | None = None
    if group_ids:
        allowed = set().union(*(info.group_members.get(g, set()) for g in group_ids))
    for unit_id in info.unit_ids:
        if allowed is not None and unit_id not in allowed:
            continue
        now, before = unit_value(unit_id, 0), unit_value(unit_id, 1)
        plan = plans.get(unit_id)
        rows.append(
            UnitFigure(
                unit_id=unit_id,
                unit_code=info.codes[unit_id][0],
                unit_name=info.codes[unit_id][1],
                value=now,
                same_period_value=before,
                growth_percent=growth_percent(now, before),
                plan_value=plan,
                plan_completion_percent=(now / plan * HUNDRED) if (plan and now is not None) else None,
            )
        )
    rows.sort(key=lambda row: (row.value is None, -(row.value or 0), row.unit_code))
    return rows


def plan_completion(
    *,
    code: str,
    year: int,
    scope: Scope = Scope(),
    threshold: Decimal = HUNDRED,
    include_submitted: bool = False,
    rows: list[UnitFigure] | None = None,
) -> PlanCompletion:
    """Units whose year value reached `threshold` % of their plan ("38 đơn vị đạt và vượt 100%").
    `rows`: the year's ``figure_drilldown`` for the same scope, if the caller has read it."""
    if rows is None:
        rows = figure_drilldown(code=code, period=Period(year, "Y"), scope=scope, include_submitted=include_submitted)
    with_plan = [row for row in rows if row.plan_value]
    reached = [
        row for row in with_plan if row.plan_completion_percent is not None and row.plan_completion_percent >= threshold
    ]
    return PlanCompletion(
        indicator_code=code,
        year=year,
        threshold=threshold,
        units_with_plan=len(with_plan),
        units_reached=len(reached),
        share_percent=share(len(reached), len(with_plan)),
        units=reached,
    )


def count_units_meeting(
    *,
    code: str,
    period: Period,
    operator: str,
    threshold: Decimal,
    scope: Scope = Scope(),
    denominator: str = CountDenominator.ENTERPRISES,
    include_submitted: bool = False,
) -> CountFigure:
    """Units whose value of `code` meets `operator threshold`, out of the scope's enterprises
    (units with a tax code; 93 in the demo bloc in 2021), all its units, or those reporting."""
    if operator not in OPERATORS:
        raise ValueError(f"Unknown operator {operator!r}")
    rows = figure_drilldown(code=code, period=period, scope=scope, include_submitted=include_submitted)
    info = scope_info(scope_units(scope=scope, period=period))
    reporting = {row.unit_id for row in rows if row.value is not None}
    denominator_ids = count_denominator_ids(denominator, info, reporting)
    met = [
        row
        for row in rows
        if row.unit_id in denominator_ids and row.value is not None and compare(row.value, operator, threshold)
    ]
    return CountFigure(
        indicator_code=code,
        period=period,
        operator=operator,
        threshold=threshold,
        count=len(met),
        denominator=len(denominator_ids),
        denominator_kind=denominator,
        share_percent=share(len(met), len(denominator_ids)),
        units=met,
    )


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


__all__ = [
    "BASE_KINDS",
    "UNITS_CODE",
    "Completeness",
    "CompletenessRow",
    "CountFigure",
    "CountIfFigure",
    "Figure",
    "OrganisationsFigure",
    "PlanCompletion",
    "PlanFigure",
    "RatioFigure",
    "Scope",
    "UnitFigure",
    "bloc_overview",
    "count_units_meeting",
    "figure_drilldown",
    "indicator_figure",
    "indicator_series",
    "plan_completion",
    "round_list",
    "scope_units",
    "submission_completeness",
]
