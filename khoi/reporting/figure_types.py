"""The figures the reporting engine answers with, and the scope it answers for (data only).

`Figure.value_text` / `change_text` format the seed way ("14.167 tỷ đồng", "tăng 28,7%").
"""

from __future__ import annotations

import operator as op
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from khoi.core.formatting import (
    format_change,
    format_number,
    format_percent,
    format_quantity,
    round_half_up,
)

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


def share_text(share: Decimal | None) -> str:
    return "" if share is None else format_percent(share)
