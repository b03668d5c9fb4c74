"""How the reporting engine computes a figure: one unit's value of each indicator for each window,
then over units (sum, ratio of sums, count-if). Read through the public selectors
(`khoi.reporting.selectors`), never directly by other apps.

How a unit's value for a window is found (time aggregation)
-----------------------------------------------------------
Values are stored with the period the form collected: a month, a quarter, 6 months (H1),
9 months or a year. For a window W:
- **flow**: the sum of the unit's values of *one* frequency that exactly tile W (a Y value; or
  4 quarters; or 12 months). When several frequencies tile W the coarsest wins (the unit's own
  half-year figure beats the sum of its months: it may carry corrections). A unit whose values
  tile W in no frequency (e.g. 5 of 6 months) contributes nothing and counts as not reporting —
  a total never silently mixes complete and partial units.
- **stock**: the value of a stored period that ends exactly on W's end (the June value, the Q2
  value or the H1 value for H1; coarsest first). Stocks are never added over time: deposits of
  mid-2021 and end-2021 stay separate.
The per-unit window values are computed by ``aggregation.window_values`` (pure) and kept in
``WindowValue`` by the services whenever what counts changes (submit, return, approve, unlock),
so a bloc total is one indexed query over units × indicators — live, no nightly rebuild.
Then over units: ``sum``; ``ratio`` = Σ numerator ÷ Σ denominator × multiplier (never an average
of unit ratios); ``count_if`` = units whose base value meets the condition (out of the scope's
enterprises, all its units, or those reporting — ``Indicator.count_denominator``).
Only values of approved submissions count unless ``include_submitted=True`` (then
``Figure.includes_unapproved`` is True and pages label the figure).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from khoi.core.formatting import (
    growth_percent,
)
from khoi.units.models import Unit, UnitKind
from khoi.units.selectors import unit_list_active_on

from .figure_types import (
    FOUR_PLACES,
    OPERATORS,
    UNITS_CODE,
    CountIfFigure,
    Figure,
    OrganisationsFigure,
    PlanFigure,
    RatioFigure,
    Scope,
)
from .models import (
    CountDenominator,
    Indicator,
    Plan,
    SubmissionStatus,
    TimeAggregation,
    UnitAggregation,
    WindowValue,
)
from .periods import Period
from .providers import record_providers

# ---- the units of a scope ------------------------------------------------------------------------


def scope_units(*, scope: Scope, period: Period) -> QuerySet[Unit]:
    """The base organisations of the bloc at the period's end, narrowed by the scope."""
    units = unit_list_active_on(on_date=period.end)
    if scope.root_unit_id is not None:
        root = Unit.objects.filter(pk=scope.root_unit_id).only("path").first()
        units = units.filter(path__startswith=root.path) if root else units.none()
    if scope.ownership:
        units = units.filter(ownership=scope.ownership)
    if scope.sector_code:
        code = scope.sector_code.strip()
        units = units.filter(Q(sector__code=code) | Q(sector__parent__code=code))
    if scope.zone_id is not None:
        units = units.filter(zone_id=scope.zone_id)
    if scope.group_code:
        units = units.filter(groups__code=scope.group_code)
    return units


# ---- the core query: one unit's value of each indicator for each window -------------------------


def _statuses(include_submitted: bool) -> list[str]:
    return [SubmissionStatus.APPROVED, SubmissionStatus.SUBMITTED] if include_submitted else [SubmissionStatus.APPROVED]


def _to_decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(FOUR_PLACES)


def _value_column(include_submitted: bool) -> str:
    return "submitted_value" if include_submitted else "approved_value"


def _window_rows(
    window: Period,
    units: QuerySet[Unit],
    include_submitted: bool,
    indicator_ids: list[int] | None = None,
    recorded: Mapping[int, str] | None = None,
) -> QuerySet[WindowValue]:
    """One window's values of the units of the bloc as it was then. One window per query lets
    PostgreSQL answer from the covering index alone (an OR of windows falls back to the heap)."""
    column = _value_column(include_submitted)
    rows = WindowValue.objects.filter(window_code=str(window), unit_id__in=units.values("id"))
    if recorded:
        rows = rows.exclude(indicator_id__in=list(recorded))
    if indicator_ids is not None:
        rows = rows.filter(indicator_id__in=indicator_ids)
    return rows.filter(**{f"{column}__isnull": False})


def _window_totals(
    *,
    windows: Sequence[Period],
    units_per_window: Sequence[QuerySet[Unit]],
    include_submitted: bool,
    recorded: Mapping[int, str] | None = None,
) -> dict[tuple[int, int], tuple[Decimal, int]]:
    """{(indicator_id, w): (sum over units, units reporting)}: one query per window."""
    column = _value_column(include_submitted)
    result: dict[tuple[int, int], tuple[Decimal, int]] = {}
    for w, (window, units) in enumerate(zip(windows, units_per_window, strict=True)):
        rows = (
            _window_rows(window, units, include_submitted, recorded=recorded)
            .values("indicator_id")
            .annotate(total=Sum(column), units=Count("unit_id"))
            .order_by()
        )
        for row in rows:
            result[(row["indicator_id"], w)] = (_to_decimal(row["total"]) or Decimal(0), row["units"])
        for (indicator_id, _unit_id), value in _record_values(window, units, include_submitted, recorded).items():
            total, count = result.get((indicator_id, w), (Decimal(0), 0))
            result[(indicator_id, w)] = (total + value, count + 1)
    return result


def recorded_indicators(indicators: Iterable[Indicator]) -> dict[int, str]:
    """{indicator id: code} of those of `indicators` another app counts from its records (no query)."""
    providers = record_providers()
    return {indicator.pk: indicator.code for indicator in indicators if indicator.code in providers}


def _record_values(
    window: Period, units: QuerySet[Unit], include_submitted: bool, recorded: Mapping[int, str] | None
) -> dict[tuple[int, int], Decimal]:
    """{(indicator_id, unit_id): value} of the record-counted indicators for a window; they replace
    whatever was typed for them (khoi.reporting.providers). Like every figure, they count only for
    the units whose submission for the window counts (approved, or submitted when asked): a
    period's Party-building figures are published with the rest of its report, not before."""
    if not recorded:
        return {}
    providers = record_providers()
    unit_ids = list(
        _window_rows(window, units, include_submitted, recorded=recorded)
        .values_list("unit_id", flat=True)
        .order_by()
        .distinct()
    )
    if not unit_ids:
        return {}
    values: dict[tuple[int, int], Decimal] = {}
    for indicator_id, code in recorded.items():
        for unit_id, value in (
            providers[code].unit_values(code=code, start=window.start, end=window.end, unit_ids=unit_ids).items()
        ):
            values[(indicator_id, unit_id)] = _to_decimal(value) or Decimal(0)
    return values


def unit_values(
    *,
    windows: Sequence[Period],
    units_per_window: Sequence[QuerySet[Unit]],
    include_submitted: bool,
    indicator_ids: Iterable[int],
    recorded: Mapping[int, str] | None = None,
) -> dict[tuple[int, int, int], Decimal]:
    """{(indicator_id, unit_id, w): value} for a few indicators: one query per window."""
    column = _value_column(include_submitted)
    ids = list(indicator_ids)
    result: dict[tuple[int, int, int], Decimal] = {}
    for w, (window, units) in enumerate(zip(windows, units_per_window, strict=True)):
        for indicator_id, unit_id, value in _window_rows(window, units, include_submitted, ids, recorded).values_list(
            "indicator_id", "unit_id", column
        ):
            result[(indicator_id, unit_id, w)] = _to_decimal(value) or Decimal(0)
        wanted = {pk: code for pk, code in (recorded or {}).items() if pk in ids}
        for (indicator_id, unit_id), value in _record_values(window, units, include_submitted, wanted).items():
            result[(indicator_id, unit_id, w)] = value
    return result


@dataclass
class ScopeInfo:
    unit_ids: list[int]
    enterprise_ids: set[int]
    kinds: dict[int, str]
    codes: dict[int, tuple[str, str]]
    group_members: dict[int, set[int]]  # group id -> unit ids in scope


def scope_info(units_qs: QuerySet[Unit]) -> ScopeInfo:
    rows = list(units_qs.values_list("id", "tax_code", "kind", "code", "name"))
    ids = [row[0] for row in rows]
    members: dict[int, set[int]] = defaultdict(set)
    through = Unit.groups.through
    for group_id, unit_id in through.objects.filter(unit_id__in=units_qs.values("id")).values_list(
        "unitgroup_id", "unit_id"
    ):
        members[group_id].add(unit_id)
    return ScopeInfo(
        unit_ids=ids,
        enterprise_ids={row[0] for row in rows if row[1]},
        kinds={row[0]: row[2] for row in rows},
        codes={row[0]: (row[3], row[4]) for row in rows},
        group_members=members,
    )


def _expected(indicator: Indicator, info: ScopeInfo) -> int:
    group_ids = [group.pk for group in indicator.groups.all()]
    if not group_ids:
        return len(info.unit_ids)
    units: set[int] = set()
    for group_id in group_ids:
        units |= info.group_members.get(group_id, set())
    return len(units)


def ratio(numerator: Decimal | None, denominator: Decimal | None, multiplier: Decimal) -> Decimal | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator * multiplier


def compare(value: Decimal, operator: str, threshold: Decimal) -> bool:
    return OPERATORS[operator](value, threshold)


def count_denominator_ids(kind: str, info: ScopeInfo, reporting: set[int]) -> set[int]:
    if kind == CountDenominator.ENTERPRISES:
        return set(info.enterprise_ids)
    if kind == CountDenominator.UNITS:
        return set(info.unit_ids)
    return reporting


def figures(
    *,
    indicators: list[Indicator],
    period: Period,
    scope: Scope,
    include_submitted: bool,
    with_units_figure: bool,
) -> list[Figure]:
    """The figures of `indicators` (after the count of base organisations, if asked) for a period."""
    return period_figures(
        indicators=indicators,
        periods=[period],
        scope=scope,
        include_submitted=include_submitted,
        with_units_figure=with_units_figure,
    )[0]


def period_figures(
    *,
    indicators: list[Indicator],
    periods: Sequence[Period],
    scope: Scope,
    include_submitted: bool,
    with_units_figure: bool,
) -> list[list[Figure]]:
    """The figures of `indicators` for each of `periods` (a trend), each with its same period a
    year earlier: every window is read once, however many periods share it (four years of a trend
    are five windows, not eight)."""
    windows: list[Period] = []
    for period in periods:
        for window in (period, period.same_period_last_year()):
            if window not in windows:
                windows.append(window)
    # Each window counts the units of the bloc as it was then (a unit that left counts for its year).
    units_per_window = [scope_units(scope=scope, period=window) for window in windows]
    infos = [scope_info(units) for units in units_per_window]
    recorded = recorded_indicators(indicators)
    totals = _window_totals(
        windows=windows, units_per_window=units_per_window, include_submitted=include_submitted, recorded=recorded
    )

    per_unit_ids = {ind.base_id for ind in indicators if ind.unit_aggregation == UnitAggregation.COUNT_IF}
    years = {period.year for period in periods if period.kind == "Y"}
    plan_ids = {ind.pk for ind in indicators if ind.has_plan} if years else set()
    per_unit_ids |= plan_ids
    per_unit: dict[tuple[int, int, int], Decimal] = {}
    if per_unit_ids:
        per_unit = unit_values(
            windows=windows,
            units_per_window=units_per_window,
            include_submitted=include_submitted,
            indicator_ids=[i for i in per_unit_ids if i is not None],
            recorded=recorded,
        )
    plans: dict[tuple[int, int, int], Decimal] = {}  # (year, indicator, unit)
    if plan_ids:
        # Every unit's plan of those years (one a unit at most): cheaper than a list of ids in SQL.
        for year, unit_id, indicator_id, value in Plan.objects.filter(
            indicator_id__in=plan_ids, year__in=years
        ).values_list("year", "unit_id", "indicator_id", "value"):
            plans[(year, indicator_id, unit_id)] = value

    result: list[list[Figure]] = []
    for period in periods:
        now, before = windows.index(period), windows.index(period.same_period_last_year())
        info, info_before = infos[now], infos[before]
        # figure_for reads window 0 as the period and window 1 as the same period a year earlier.
        renumber = {now: 0, before: 1}
        period_totals = {(i, renumber[w]): total for (i, w), total in totals.items() if w in renumber}
        period_values = {(i, u, renumber[w]): value for (i, u, w), value in per_unit.items() if w in renumber}
        period_plans = {(i, u): value for (year, i, u), value in plans.items() if year == period.year}
        if period.kind != "Y":
            period_plans = {}
        figures: list[Figure] = []
        if with_units_figure:
            figures.append(organisations_figure(period=period, info=info, info_before=info_before))
        for indicator in indicators:
            figures.append(
                figure_for(
                    indicator=indicator,
                    period=period,
                    info=info,
                    info_before=info_before,
                    totals=period_totals,
                    per_unit=period_values,
                    plans=period_plans,
                    include_submitted=include_submitted,
                )
            )
        result.append(figures)
    return result


def organisations_figure(*, period: Period, info: ScopeInfo, info_before: ScopeInfo) -> OrganisationsFigure:
    """The count of base organisations of a scope, from the register (no values)."""
    before_count = len(info_before.unit_ids)
    committees = sum(1 for kind in info.kinds.values() if kind == UnitKind.BASE_COMMITTEE)
    return OrganisationsFigure(
        indicator_code=UNITS_CODE,
        indicator_name=_("Base Party organisations"),
        unit_label=_("organisations"),
        decimals=0,
        period=period,
        value=Decimal(len(info.unit_ids)),
        same_period_value=Decimal(before_count),
        growth_percent=growth_percent(len(info.unit_ids), before_count),
        units_reporting=len(info.unit_ids),
        units_expected=len(info.unit_ids),
        base_committees=committees,
        base_cells=len(info.unit_ids) - committees,
        enterprises=len(info.enterprise_ids),
        includes_unapproved=False,
        time_aggregation=TimeAggregation.STOCK,
        definition=_("Base Party organisations of the scope at the end of the period (from the register)."),
    )


def figure_for(
    *,
    indicator: Indicator,
    period: Period,
    info: ScopeInfo,
    info_before: ScopeInfo,
    totals: dict[tuple[int, int], tuple[Decimal, int]],
    per_unit: dict[tuple[int, int, int], Decimal],
    plans: dict[tuple[int, int], Decimal],
    include_submitted: bool,
) -> Figure:
    expected = _expected(indicator, info)

    def made(
        kind: type[Figure], value: Decimal | None, before: Decimal | None, reporting: int, **fields: Any
    ) -> Figure:
        return kind(
            indicator_code=indicator.code,
            indicator_name=indicator.name,
            unit_label=indicator.unit_label,
            decimals=indicator.decimals,
            period=period,
            value=value,
            same_period_value=before,
            growth_percent=growth_percent(value, before),
            units_reporting=reporting,
            units_expected=expected,
            includes_unapproved=include_submitted,
            time_aggregation=indicator.time_aggregation,
            unit_aggregation=indicator.unit_aggregation,
            definition=indicator.definition,
            lower_is_better=indicator.lower_is_better,
            **fields,
        )

    if indicator.unit_aggregation == UnitAggregation.RATIO:
        assert indicator.numerator_id is not None and indicator.denominator_id is not None
        num_now = totals.get((indicator.numerator_id, 0))
        den_now = totals.get((indicator.denominator_id, 0))
        num_before = totals.get((indicator.numerator_id, 1))
        den_before = totals.get((indicator.denominator_id, 1))
        value = ratio(num_now[0] if num_now else None, den_now[0] if den_now else None, indicator.multiplier)
        before = ratio(
            num_before[0] if num_before else None, den_before[0] if den_before else None, indicator.multiplier
        )
        reporting = den_now[1] if den_now else 0
        return made(
            RatioFigure,
            value,
            before,
            reporting,
            numerator=num_now[0] if num_now else None,
            denominator=den_now[0] if den_now else None,
            numerator_code=indicator.numerator.code if indicator.numerator else "",
            denominator_code=indicator.denominator.code if indicator.denominator else "",
        )
    if indicator.unit_aggregation == UnitAggregation.COUNT_IF:
        assert indicator.base_id is not None and indicator.count_threshold is not None
        counts = []
        for w, window_info in ((0, info), (1, info_before)):
            reporting_ids = {u for u in window_info.unit_ids if (indicator.base_id, u, w) in per_unit}
            denominator_ids = count_denominator_ids(indicator.count_denominator, window_info, reporting_ids)
            met = {
                u
                for u in denominator_ids
                if (indicator.base_id, u, w) in per_unit
                and compare(per_unit[(indicator.base_id, u, w)], indicator.count_operator, indicator.count_threshold)
            }
            counts.append((len(met), len(denominator_ids), len(reporting_ids)))
        # Units meet the condition only among those reporting: none reporting, no value (and 0 met).
        value = Decimal(counts[0][0]) if counts[0][2] else None
        before = Decimal(counts[1][0]) if counts[1][2] else None
        reporting = counts[0][2]
        return made(
            CountIfFigure,
            value,
            before,
            reporting,
            denominator=counts[0][1],
            same_period_denominator=counts[1][1],
            denominator_kind=indicator.count_denominator,
            base_code=indicator.base.code if indicator.base else "",
            operator=indicator.count_operator,
            threshold=indicator.count_threshold,
        )
    now = totals.get((indicator.pk, 0))
    earlier = totals.get((indicator.pk, 1))
    value = now[0] if now else None
    before = earlier[0] if earlier else None
    reporting = now[1] if now else 0
    if indicator.has_plan and period.kind == "Y":
        with_plan = [u for u in info.unit_ids if (indicator.pk, u) in plans]
        reached = [
            u
            for u in with_plan
            if (indicator.pk, u, 0) in per_unit and per_unit[(indicator.pk, u, 0)] >= plans[(indicator.pk, u)]
        ]
        return made(PlanFigure, value, before, reporting, units_with_plan=len(with_plan), units_reached=len(reached))
    return made(Figure, value, before, reporting)
