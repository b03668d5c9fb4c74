"""The figure reads: the catalogue, a period's figures, trends, breakdowns, drill-downs, plan
completion and counts (see the package's docstring)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db.models import QuerySet

from khoi.core.data_stamp import Stamp, cached_by_stamp
from khoi.core.formatting import growth_percent

from ..figure_engine import (
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
from ..figure_parts import part_figures, term_ids
from ..figure_types import (
    HUNDRED,
    OPERATORS,
    UNITS_CODE,
    CountFigure,
    Figure,
    PlanCompletion,
    Scope,
    UnitFigure,
    share,
)
from ..models import (
    CountDenominator,
    Indicator,
    Plan,
    UnitAggregation,
)
from ..periods import Period

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
    """Every key figure for the period, with the same period a year earlier and growth. Kept in
    the cache until what it counts changes (khoi.core.data_stamp): the leaders reload it all day."""

    def compute() -> list[Figure]:
        indicators = list(indicator_list(key_only=True))
        return figures(
            indicators=indicators,
            period=period,
            scope=scope,
            include_submitted=include_submitted,
            with_units_figure=True,
        )

    stamp = Stamp.SUBMITTED if include_submitted else Stamp.APPROVED
    return cached_by_stamp(stamp=stamp, key=("bloc_overview", str(period), scope), compute=compute)


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
