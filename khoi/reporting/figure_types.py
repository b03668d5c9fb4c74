"""The figures the reporting engine answers with, and the scope it answers for: data only, numbers
and codes. Words and number formats ("14.167 tỷ đồng", "tăng 28,7%") are made where a figure is
shown: `figure_text` (and its template filters), the pages and khoi.reports.

A figure is one of a small family of frozen dataclasses, told apart by its class in Python
(``isinstance``) and by ``kind`` in templates:
- `Figure` (``"value"``): a value over units (a sum, a stock), with the same period and growth;
- `PlanFigure` (``"plan"``): a sum with yearly plans, in a year window: the units that reached
  their plan, out of those with one;
- `RatioFigure` (``"ratio"``): a ratio of sums, with the sums it divides;
- `CountIfFigure` (``"count_if"``): the units whose value meets a condition, out of a denominator;
- `OrganisationsFigure` (``"organisations"``): the base organisations of the register.
"""

from __future__ import annotations

import operator as op
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from .models import (
    TimeAggregation,
    UnitAggregation,
)
from .periods import Period

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


def share(part: int, whole: int) -> Decimal | None:
    """`part` as a percentage of `whole`; None when there is no whole."""
    return Decimal(part) / Decimal(whole) * HUNDRED if whole else None


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


@dataclass(frozen=True, kw_only=True)
class Figure:
    """A value over units, with the same period a year earlier and the growth against it."""

    kind: ClassVar[str] = "value"

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

    def details(self) -> dict[str, Any]:
        """What this kind of figure carries besides the common fields, in the shape the API and
        ``bloc_figures --json`` print under "extra" (a stable output format, not for reading)."""
        return {}


@dataclass(frozen=True, kw_only=True)
class PlanFigure(Figure):
    """A sum in a year window of an indicator with yearly plans: the units whose value reached
    their full plan ("38 đơn vị đạt và vượt kế hoạch"), out of the units with a plan."""

    kind: ClassVar[str] = "plan"

    units_with_plan: int
    units_reached: int

    @property
    def plan_share_percent(self) -> Decimal | None:
        return share(self.units_reached, self.units_with_plan)

    def details(self) -> dict[str, Any]:
        return {
            "plan": {
                "units_with_plan": self.units_with_plan,
                "units_reached": self.units_reached,
                "share_percent": self.plan_share_percent,
            }
        }


@dataclass(frozen=True, kw_only=True)
class RatioFigure(Figure):
    """Σ numerator ÷ Σ denominator × multiplier (never an average of the units' ratios)."""

    kind: ClassVar[str] = "ratio"

    numerator: Decimal | None
    denominator: Decimal | None
    numerator_code: str
    denominator_code: str

    def details(self) -> dict[str, Any]:
        return {
            "numerator": self.numerator,
            "denominator": self.denominator,
            "numerator_code": self.numerator_code,
            "denominator_code": self.denominator_code,
        }


@dataclass(frozen=True, kw_only=True)
class CountIfFigure(Figure):
    """The units whose value of `base_code` meets `operator threshold` (the figure's value),
    out of `denominator` units of the kind `denominator_kind` (CountDenominator)."""

    kind: ClassVar[str] = "count_if"

    denominator: int
    same_period_denominator: int
    denominator_kind: str
    base_code: str
    operator: str
    threshold: Decimal

    @property
    def count(self) -> int:
        """The units meeting the condition (0 when none reported: the value is then None)."""
        return int(self.value) if self.value is not None else 0

    @property
    def share_percent(self) -> Decimal | None:
        return share(self.count, self.denominator)

    @property
    def same_period_share_percent(self) -> Decimal | None:
        before = int(self.same_period_value) if self.same_period_value is not None else 0
        return share(before, self.same_period_denominator)

    def counts(self, *, base_code: str, operator: str, threshold: Decimal, denominator_kind: str | None = None) -> bool:
        """Whether this figure counts that very condition (then nothing needs counting again);
        `denominator_kind` None: out of whatever units it counts."""
        if denominator_kind is not None and denominator_kind != self.denominator_kind:
            return False
        return (self.base_code, self.operator, self.threshold) == (base_code, operator, threshold)

    def details(self) -> dict[str, Any]:
        return {
            "denominator": self.denominator,
            "denominator_kind": self.denominator_kind,
            "share_percent": self.share_percent,
            "same_period_share_percent": self.same_period_share_percent,
            "base_code": self.base_code,
            "operator": self.operator,
            "threshold": self.threshold,
        }


@dataclass(frozen=True, kw_only=True)
class OrganisationsFigure(Figure):
    """The base organisations of the scope from the register (`UNITS_CODE`)."""

    kind: ClassVar[str] = "organisations"

    base_committees: int
    base_cells: int
    enterprises: int

    def details(self) -> dict[str, Any]:
        return {"base_committees": self.base_committees, "base_cells": self.base_cells, "enterprises": self.enterprises}


@dataclass(frozen=True)
class UnitFigure:
    unit_id: int
    unit_code: str
    unit_name: str
    value: Decimal | None
    same_period_value: Decimal | None
    growth_percent: Decimal | None
    plan_value: Decimal | None = None
    plan_completion_percent: Decimal | None = None


@dataclass(frozen=True)
class PlanCompletion:
    indicator_code: str
    year: int
    threshold: Decimal
    units_with_plan: int
    units_reached: int
    share_percent: Decimal | None
    units: list[UnitFigure]


@dataclass(frozen=True)
class CountFigure:
    """The answer of `count_units_meeting` for any condition (not a catalogue figure)."""

    indicator_code: str
    period: Period
    operator: str
    threshold: Decimal
    count: int
    denominator: int
    denominator_kind: str
    share_percent: Decimal | None
    units: list[UnitFigure]
