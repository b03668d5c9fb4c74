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
``submission_completeness(*, reporting_round) -> Completeness``; ``round_list(*, status=None)``.
Also: ``UNITS_CODE`` ("base_organisations": the count of base organisations from the register,
accepted by ``indicator_figure``), ``indicator_list(*, key_only=False)``, ``indicator_get(*, code)``,
``reporting_years()``, ``submission_todo_list(*, units)``, ``value_audit_list(...)``.

``Figure.extra`` carries what a figure needs besides its value: for a ratio ``numerator`` and
``denominator``; for a count ``denominator``, ``denominator_kind``, ``share_percent`` (and
``same_period_share_percent``); for an indicator with plans in a year window ``plan`` =
{units_with_plan, units_reached, share_percent}; for ``base_organisations`` ``base_committees``,
``base_cells``, ``enterprises``. ``Figure.value_text`` / ``change_text`` format the seed way
("14.167 tỷ đồng", "tăng 28,7%").

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

import datetime as dt
import operator as op
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.core.formatting import (
    format_change,
    format_number,
    format_percent,
    format_quantity,
    growth_percent,
    round_half_up,
)
from khoi.units.models import BASE_KINDS, Unit, UnitKind
from khoi.units.selectors import unit_list_active_on

from .models import (
    CountDenominator,
    Indicator,
    IndicatorValue,
    Notice,
    Plan,
    ReportingRound,
    Submission,
    SubmissionStatus,
    TimeAggregation,
    UnitAggregation,
    ValidationRule,
    ValueAudit,
    WindowValue,
)
from .periods import Period
from .providers import record_providers

FOUR_PLACES = Decimal("0.0001")
HUNDRED = Decimal(100)
UNITS_CODE = "base_organisations"
OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": op.ge,
    ">": op.gt,
    "<=": op.le,
    "<": op.lt,
    "==": op.eq,
}


@dataclass(frozen=True)
class Scope:
    root_unit_id: int | None = None
    ownership: str | None = None
    sector_code: str | None = None
    zone_id: int | None = None
    group_code: str | None = None

    @property
    def is_whole_bloc(self) -> bool:
        return self == Scope()


def _quantity(value: Decimal, unit_label: str, decimals: int) -> str:
    """ "14.167 tỷ đồng"; percentages without a space ("0,78%"), as the seeds write them."""
    if unit_label == "%":
        return format_percent(value, decimals)
    return format_quantity(value, unit_label, decimals)


@dataclass
class Figure:
    indicator_code: str
    indicator_name: str
    unit_label: str
    decimals: int
    period: Period
    value: Decimal | None
    same_period_value: Decimal | None
    growth_percent: Decimal | None
    units_reporting: int
    units_expected: int
    extra: dict[str, Any] = field(default_factory=dict)
    includes_unapproved: bool = False
    time_aggregation: str = TimeAggregation.FLOW
    unit_aggregation: str = UnitAggregation.SUM
    definition: str = ""
    lower_is_better: bool = False

    @property
    def change_tone(self) -> str:
        """ "good", "bad" or "neutral": the colour of the change, by the indicator's direction (a
        falling bad-debt ratio is good news); no comparison is neutral."""
        if self.growth_percent is None or self.value is None or self.same_period_value is None:
            return "neutral"
        if self.value == self.same_period_value:
            return "neutral"
        rising = self.value > self.same_period_value
        return "good" if rising != self.lower_is_better else "bad"

    @property
    def value_text(self) -> str:
        """ "14.167 tỷ đồng" ("" when there is no value)."""
        return "" if self.value is None else _quantity(self.value, self.unit_label, self.decimals)

    @property
    def same_period_text(self) -> str:
        return (
            "" if self.same_period_value is None else _quantity(self.same_period_value, self.unit_label, self.decimals)
        )

    @property
    def change_text(self) -> str:
        """ "tăng 28,7%" / "giảm 3,2%" against the same period; a percentage (a ratio such as the
        bad-debt ratio) changes in percentage points: "giảm 0,07 điểm phần trăm"."""
        if self.unit_label == "%" and self.value is not None and self.same_period_value is not None:
            points = round_half_up(self.value - self.same_period_value, self.decimals)
            if points > 0:
                return _("up %(points)s percentage points") % {"points": format_number(points, self.decimals)}
            if points < 0:
                return _("down %(points)s percentage points") % {"points": format_number(-points, self.decimals)}
            return _("level with the same period")
        return format_change(self.value, self.same_period_value)

    @property
    def same_period_ratio_text(self) -> str:
        """ "bằng 98,1% cùng kỳ" (the value as a share of the same period's), or ""."""
        if self.value is None or not self.same_period_value:
            return ""
        return _("%(percent)s of the same period") % {
            "percent": format_percent(self.value / self.same_period_value * HUNDRED)
        }


@dataclass
class UnitFigure:
    unit_id: int
    unit_code: str
    unit_name: str
    value: Decimal | None
    same_period_value: Decimal | None
    growth_percent: Decimal | None
    plan_value: Decimal | None = None
    plan_completion_percent: Decimal | None = None


@dataclass
class PlanCompletion:
    indicator_code: str
    year: int
    threshold: Decimal
    units_with_plan: int
    units_reached: int
    share_percent: Decimal | None
    units: list[UnitFigure]


@dataclass
class CountFigure:
    indicator_code: str
    period: Period
    operator: str
    threshold: Decimal
    count: int
    denominator: int
    denominator_kind: str
    share_percent: Decimal | None
    units: list[UnitFigure]


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


def _recorded(indicators: Iterable[Indicator]) -> dict[int, str]:
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


def _unit_values(
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


# ---- catalogue ---------------------------------------------------------------------------------


def indicator_list(*, key_only: bool = False) -> QuerySet[Indicator]:
    indicators = Indicator.objects.select_related("numerator", "denominator", "base", "part_of").prefetch_related(
        "groups"
    )
    return indicators.filter(is_key=True) if key_only else indicators


def indicator_get(*, code: str) -> Indicator | None:
    return indicator_list().filter(code=code).first()


@dataclass
class _ScopeInfo:
    unit_ids: list[int]
    enterprise_ids: set[int]
    kinds: dict[int, str]
    codes: dict[int, tuple[str, str]]
    group_members: dict[int, set[int]]  # group id -> unit ids in scope


def _scope_info(units_qs: QuerySet[Unit]) -> _ScopeInfo:
    rows = list(units_qs.values_list("id", "tax_code", "kind", "code", "name"))
    ids = [row[0] for row in rows]
    members: dict[int, set[int]] = defaultdict(set)
    through = Unit.groups.through
    for group_id, unit_id in through.objects.filter(unit_id__in=units_qs.values("id")).values_list(
        "unitgroup_id", "unit_id"
    ):
        members[group_id].add(unit_id)
    return _ScopeInfo(
        unit_ids=ids,
        enterprise_ids={row[0] for row in rows if row[1]},
        kinds={row[0]: row[2] for row in rows},
        codes={row[0]: (row[3], row[4]) for row in rows},
        group_members=members,
    )


def _expected(indicator: Indicator, info: _ScopeInfo) -> int:
    group_ids = [group.pk for group in indicator.groups.all()]
    if not group_ids:
        return len(info.unit_ids)
    units: set[int] = set()
    for group_id in group_ids:
        units |= info.group_members.get(group_id, set())
    return len(units)


def _ratio(numerator: Decimal | None, denominator: Decimal | None, multiplier: Decimal) -> Decimal | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator * multiplier


def _compare(value: Decimal, operator: str, threshold: Decimal) -> bool:
    return OPERATORS[operator](value, threshold)


def _count_denominator_ids(kind: str, info: _ScopeInfo, reporting: set[int]) -> set[int]:
    if kind == CountDenominator.ENTERPRISES:
        return set(info.enterprise_ids)
    if kind == CountDenominator.UNITS:
        return set(info.unit_ids)
    return reporting


def _share(part: int, whole: int) -> Decimal | None:
    return Decimal(part) / Decimal(whole) * HUNDRED if whole else None


def _figures(
    *,
    indicators: list[Indicator],
    period: Period,
    scope: Scope,
    include_submitted: bool,
    with_units_figure: bool,
) -> list[Figure]:
    windows = [period, period.same_period_last_year()]
    units_now = scope_units(scope=scope, period=period)
    units_before = scope_units(scope=scope, period=windows[1])
    # Each window counts the units of the bloc as it was then (a unit that left counts for its year).
    units_per_window = [units_now, units_before]
    info = _scope_info(units_now)
    info_before = _scope_info(units_before)
    recorded = _recorded(indicators)
    totals = _window_totals(
        windows=windows, units_per_window=units_per_window, include_submitted=include_submitted, recorded=recorded
    )

    per_unit_ids = {ind.base_id for ind in indicators if ind.unit_aggregation == UnitAggregation.COUNT_IF}
    plan_ids = {ind.pk for ind in indicators if ind.has_plan} if period.kind == "Y" else set()
    per_unit_ids |= plan_ids
    per_unit: dict[tuple[int, int, int], Decimal] = {}
    if per_unit_ids:
        per_unit = _unit_values(
            windows=windows,
            units_per_window=units_per_window,
            include_submitted=include_submitted,
            indicator_ids=[i for i in per_unit_ids if i is not None],
            recorded=recorded,
        )
    plans: dict[tuple[int, int], Decimal] = {}
    if plan_ids:
        for unit_id, indicator_id, value in Plan.objects.filter(
            indicator_id__in=plan_ids, year=period.year, unit_id__in=info.unit_ids
        ).values_list("unit_id", "indicator_id", "value"):
            plans[(indicator_id, unit_id)] = value

    figures: list[Figure] = []
    if with_units_figure:
        before_count = len(info_before.unit_ids)
        committees = sum(1 for kind in info.kinds.values() if kind == UnitKind.BASE_COMMITTEE)
        figures.append(
            Figure(
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
                extra={
                    "base_committees": committees,
                    "base_cells": len(info.unit_ids) - committees,
                    "enterprises": len(info.enterprise_ids),
                },
                includes_unapproved=False,
                time_aggregation=TimeAggregation.STOCK,
                definition=_("Base Party organisations of the scope at the end of the period (from the register)."),
            )
        )
    for indicator in indicators:
        figures.append(
            _figure_for(
                indicator=indicator,
                period=period,
                info=info,
                info_before=info_before,
                totals=totals,
                per_unit=per_unit,
                plans=plans,
                include_submitted=include_submitted,
            )
        )
    return figures


def _figure_for(
    *,
    indicator: Indicator,
    period: Period,
    info: _ScopeInfo,
    info_before: _ScopeInfo,
    totals: dict[tuple[int, int], tuple[Decimal, int]],
    per_unit: dict[tuple[int, int, int], Decimal],
    plans: dict[tuple[int, int], Decimal],
    include_submitted: bool,
) -> Figure:
    extra: dict[str, Any] = {}
    expected = _expected(indicator, info)
    value: Decimal | None
    before: Decimal | None
    if indicator.unit_aggregation == UnitAggregation.RATIO:
        assert indicator.numerator_id is not None and indicator.denominator_id is not None
        num_now = totals.get((indicator.numerator_id, 0))
        den_now = totals.get((indicator.denominator_id, 0))
        num_before = totals.get((indicator.numerator_id, 1))
        den_before = totals.get((indicator.denominator_id, 1))
        value = _ratio(num_now[0] if num_now else None, den_now[0] if den_now else None, indicator.multiplier)
        before = _ratio(
            num_before[0] if num_before else None, den_before[0] if den_before else None, indicator.multiplier
        )
        reporting = den_now[1] if den_now else 0
        extra = {
            "numerator": num_now[0] if num_now else None,
            "denominator": den_now[0] if den_now else None,
            "numerator_code": indicator.numerator.code if indicator.numerator else "",
            "denominator_code": indicator.denominator.code if indicator.denominator else "",
        }
    elif indicator.unit_aggregation == UnitAggregation.COUNT_IF:
        assert indicator.base_id is not None and indicator.count_threshold is not None
        counts = []
        for w, window_info in ((0, info), (1, info_before)):
            reporting_ids = {u for u in window_info.unit_ids if (indicator.base_id, u, w) in per_unit}
            denominator_ids = _count_denominator_ids(indicator.count_denominator, window_info, reporting_ids)
            met = {
                u
                for u in denominator_ids
                if (indicator.base_id, u, w) in per_unit
                and _compare(per_unit[(indicator.base_id, u, w)], indicator.count_operator, indicator.count_threshold)
            }
            counts.append((len(met), len(denominator_ids), len(reporting_ids)))
        value = Decimal(counts[0][0]) if counts[0][2] else None
        before = Decimal(counts[1][0]) if counts[1][2] else None
        reporting = counts[0][2]
        extra = {
            "denominator": counts[0][1],
            "denominator_kind": indicator.count_denominator,
            "share_percent": _share(counts[0][0], counts[0][1]),
            "same_period_share_percent": _share(counts[1][0], counts[1][1]),
            "base_code": indicator.base.code if indicator.base else "",
            "operator": indicator.count_operator,
            "threshold": indicator.count_threshold,
        }
    else:
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
            extra["plan"] = {
                "units_with_plan": len(with_plan),
                "units_reached": len(reached),
                "share_percent": _share(len(reached), len(with_plan)),
            }
    return Figure(
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
        extra=extra,
        includes_unapproved=include_submitted,
        time_aggregation=indicator.time_aggregation,
        unit_aggregation=indicator.unit_aggregation,
        definition=indicator.definition,
        lower_is_better=indicator.lower_is_better,
    )


# ---- public figures ----------------------------------------------------------------------------


def bloc_overview(*, period: Period, scope: Scope = Scope(), include_submitted: bool = False) -> list[Figure]:
    """Every key figure for the period, with the same period a year earlier and growth."""
    indicators = list(indicator_list(key_only=True))
    return _figures(
        indicators=indicators, period=period, scope=scope, include_submitted=include_submitted, with_units_figure=True
    )


def indicator_figure(
    *,
    code: str,
    period: Period,
    scope: Scope = Scope(),
    include_submitted: bool = False,
) -> Figure:
    """One indicator's figure (any indicator, key or not; or ``base_organisations``)."""
    if code == UNITS_CODE:
        return _figures(
            indicators=[], period=period, scope=scope, include_submitted=include_submitted, with_units_figure=True
        )[0]
    indicator = indicator_get(code=code)
    if indicator is None:
        raise Indicator.DoesNotExist(code)
    return _figures(
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
) -> list[Figure]:
    """The same indicator over several periods (trends for dashboards)."""
    return [
        indicator_figure(code=code, period=period, scope=scope, include_submitted=include_submitted)
        for period in periods
    ]


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
    info = _scope_info(units_now)
    if indicator.unit_aggregation == UnitAggregation.RATIO:
        term_ids = [indicator.numerator_id, indicator.denominator_id]
    elif indicator.unit_aggregation == UnitAggregation.COUNT_IF:
        term_ids = [indicator.base_id]
    else:
        term_ids = [indicator.pk]
    # The drill-down lists this period's units; their same-period values are looked up too.
    values = _unit_values(
        windows=windows,
        units_per_window=[units_now, units_now],
        include_submitted=include_submitted,
        indicator_ids=[i for i in term_ids if i is not None],
        recorded=_recorded([indicator]),
    )
    plans: dict[int, Decimal] = {}
    if indicator.has_plan and period.kind == "Y":
        plans = dict(
            Plan.objects.filter(indicator=indicator, year=period.year, unit_id__in=info.unit_ids).values_list(
                "unit_id", "value"
            )
        )

    def unit_value(unit_id: int, w: int) -> Decimal | None:
        if indicator.unit_aggregation == UnitAggregation.RATIO:
            num = values.get((indicator.numerator_id or 0, unit_id, w))
            den = values.get((indicator.denominator_id or 0, unit_id, w))
            return _ratio(num, den, indicator.multiplier)
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
) -> PlanCompletion:
    """Units whose year value reached `threshold` % of their plan ("38 đơn vị đạt và vượt 100%")."""
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
        share_percent=_share(len(reached), len(with_plan)),
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
    info = _scope_info(scope_units(scope=scope, period=period))
    reporting = {row.unit_id for row in rows if row.value is not None}
    denominator_ids = _count_denominator_ids(denominator, info, reporting)
    met = [
        row
        for row in rows
        if row.unit_id in denominator_ids and row.value is not None and _compare(row.value, operator, threshold)
    ]
    return CountFigure(
        indicator_code=code,
        period=period,
        operator=operator,
        threshold=threshold,
        count=len(met),
        denominator=len(denominator_ids),
        denominator_kind=denominator,
        share_percent=_share(len(met), len(denominator_ids)),
        units=met,
    )


def share_text(share: Decimal | None) -> str:
    return "" if share is None else format_percent(share)


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
        return _share(self.on_time + self.late, self.total)


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
    """Years with stored values (for period pickers), newest first."""
    dates = IndicatorValue.objects.dates("period_start", "year", order="DESC")
    return [d.year for d in dates]


def plan_list(*, year: int | None = None) -> QuerySet[Plan]:
    plans = Plan.objects.select_related("unit", "indicator")
    return plans.filter(year=year) if year else plans


__all__ = [
    "BASE_KINDS",
    "Completeness",
    "CompletenessRow",
    "CountFigure",
    "Figure",
    "PlanCompletion",
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
