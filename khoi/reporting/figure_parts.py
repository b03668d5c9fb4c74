"""One indicator's figure for each part of a scope (a breakdown: by sector, by ownership, by
industrial park), computed from one pass over the scope's units instead of one figure query per
part. Each part's figure is exactly the figure `figure_engine.figures` gives for that part's
scope: the same per-unit values, summed and counted over the part's units, then the same
`figure_for` (sum, ratio of sums, count-if, plan). Read through
`khoi.reporting.selectors.indicator_parts`.

A part narrows the scope by the register fields a breakdown splits on (ownership, sector, zone)
and nothing else, so a unit's membership is decided in memory from those fields (`_PartIndex`).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db.models import QuerySet

from khoi.units.models import Unit

from .figure_engine import (
    ScopeInfo,
    figure_for,
    organisations_figure,
    recorded_indicators,
    scope_info,
    scope_units,
    unit_values,
)
from .figure_types import Figure, Scope
from .models import Indicator, Plan, UnitAggregation
from .periods import Period

# The fields a part may narrow; every other field of a part's scope is the whole scope's.
PART_FIELDS = ("ownership", "sector_code", "zone_id")


class _PartIndex:
    """The units of the whole scope by ownership, zone and sector, so that a part's units are an
    intersection of sets: the in-memory twin of the ownership, sector and zone filters of
    `scope_units` (a sector part holds the units whose sector is that code or lies directly under
    it). A test holds the two equal on the demo bloc."""

    def __init__(self, rows: Iterable[tuple[int, str, int | None, str | None, str | None]]) -> None:
        self.all: set[int] = set()
        self.by_ownership: dict[str, set[int]] = defaultdict(set)
        self.by_zone: dict[int | None, set[int]] = defaultdict(set)
        self.by_sector: dict[str, set[int]] = defaultdict(set)
        for unit_id, ownership, zone_id, sector_code, parent_code in rows:
            self.all.add(unit_id)
            self.by_ownership[ownership].add(unit_id)
            self.by_zone[zone_id].add(unit_id)
            for code in (sector_code, parent_code):
                if code:
                    self.by_sector[code].add(unit_id)

    def members(self, part: Scope) -> set[int]:
        found = self.all
        if part.ownership:
            found = found & self.by_ownership.get(part.ownership, set())
        if part.sector_code:
            found = found & self.by_sector.get(part.sector_code.strip(), set())
        if part.zone_id is not None:
            found = found & self.by_zone.get(part.zone_id, set())
        return found


def _check_parts(scope: Scope, parts: Sequence[Scope]) -> None:
    blank = dict.fromkeys(PART_FIELDS)
    for part in parts:
        if dataclasses.replace(part, **blank) != dataclasses.replace(scope, **blank):
            raise ValueError(f"A part narrows more than {', '.join(PART_FIELDS)}: {part!r} of {scope!r}")


def _index(units: Sequence[QuerySet[Unit]]) -> _PartIndex:
    ids = units[0].values("id").union(*(qs.values("id") for qs in units[1:]))
    return _PartIndex(
        Unit.objects.filter(id__in=ids).values_list(
            "id", "ownership", "zone_id", "sector__code", "sector__parent__code"
        )
    )


def _narrowed(info: ScopeInfo, members: set[int]) -> ScopeInfo:
    return ScopeInfo(
        unit_ids=[unit_id for unit_id in info.unit_ids if unit_id in members],
        enterprise_ids=info.enterprise_ids & members,
        kinds={unit_id: kind for unit_id, kind in info.kinds.items() if unit_id in members},
        codes={unit_id: code for unit_id, code in info.codes.items() if unit_id in members},
        group_members={group_id: ids & members for group_id, ids in info.group_members.items()},
    )


def term_ids(indicator: Indicator) -> list[int]:
    """The indicators whose per-unit values make `indicator`'s figure."""
    if indicator.unit_aggregation == UnitAggregation.RATIO:
        ids = [indicator.numerator_id, indicator.denominator_id]
    elif indicator.unit_aggregation == UnitAggregation.COUNT_IF:
        ids = [indicator.base_id]
    else:
        ids = [indicator.pk]
    return [pk for pk in ids if pk is not None]


def part_figures(
    *,
    indicator: Indicator | None,
    period: Period,
    scope: Scope,
    parts: Sequence[Scope],
    include_submitted: bool,
) -> list[Figure | None]:
    """The figure of `indicator` (None: the count of base organisations) for each of `parts`, in
    order; None for a part with no unit of the scope at the period's end. Queries: a fixed number,
    whatever the number of parts."""
    _check_parts(scope, parts)
    windows = [period, period.same_period_last_year()]
    units_per_window = [scope_units(scope=scope, period=window) for window in windows]
    infos = [scope_info(units) for units in units_per_window]
    index = _index(units_per_window)
    per_unit: dict[tuple[int, int, int], Decimal] = {}
    plans: dict[tuple[int, int], Decimal] = {}
    ids: list[int] = []
    if indicator is not None:
        ids = term_ids(indicator)
        per_unit = unit_values(
            windows=windows,
            units_per_window=units_per_window,
            include_submitted=include_submitted,
            indicator_ids=ids,
            recorded=recorded_indicators([indicator]),
        )
        if indicator.has_plan and period.kind == "Y":
            plans = {
                (indicator.pk, unit_id): value
                for unit_id, value in Plan.objects.filter(indicator=indicator, year=period.year).values_list(
                    "unit_id", "value"
                )
            }

    result: list[Figure | None] = []
    for part in parts:
        members = index.members(part)
        now, before = (_narrowed(info, members) for info in infos)
        if not now.unit_ids:
            result.append(None)
            continue
        if indicator is None:
            result.append(organisations_figure(period=period, info=now, info_before=before))
            continue
        totals: dict[tuple[int, int], tuple[Decimal, int]] = {}
        for w, window_info in enumerate((now, before)):
            for indicator_id in ids:
                found = [
                    per_unit[(indicator_id, unit_id, w)]
                    for unit_id in window_info.unit_ids
                    if (indicator_id, unit_id, w) in per_unit
                ]
                if found:
                    totals[(indicator_id, w)] = (sum(found, Decimal(0)), len(found))
        result.append(
            figure_for(
                indicator=indicator,
                period=period,
                info=now,
                info_before=before,
                totals=totals,
                per_unit=per_unit,
                plans=plans,
                include_submitted=include_submitted,
            )
        )
    return result
