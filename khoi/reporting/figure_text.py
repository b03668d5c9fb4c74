"""A figure in words, the way the seed articles write it ("14.167 tỷ đồng", "tăng 28,7%"): made
where figures are shown (pages, the API, commands, khoi.reports), never stored in the figures.
The same functions are template filters (`{% load figure_text %}`: ``figure_value``,
``figure_same_period``, ``figure_change``).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from khoi.core.formatting import (
    format_change,
    format_number,
    format_percent,
    format_quantity,
    round_half_up,
)

from .figure_types import HUNDRED, Figure


def quantity_text(value: Decimal, unit_label: str, decimals: int) -> str:
    """ "14.167 tỷ đồng"; percentages without a space ("0,78%"), as the seeds write them."""
    if unit_label == "%":
        return format_percent(value, decimals)
    return format_quantity(value, unit_label, decimals)


def value_text(figure: Figure) -> str:
    """ "14.167 tỷ đồng" ("" when there is no value)."""
    return "" if figure.value is None else quantity_text(figure.value, figure.unit_label, figure.decimals)


def same_period_text(figure: Figure) -> str:
    """The same period's value, written like `value_text` ("" when there is none)."""
    if figure.same_period_value is None:
        return ""
    return quantity_text(figure.same_period_value, figure.unit_label, figure.decimals)


def change_text(figure: Figure) -> str:
    """ "tăng 28,7%" / "giảm 3,2%" against the same period; a percentage (a ratio such as the
    bad-debt ratio) changes in percentage points: "giảm 0,07 điểm phần trăm"."""
    if figure.unit_label == "%" and figure.value is not None and figure.same_period_value is not None:
        points = round_half_up(figure.value - figure.same_period_value, figure.decimals)
        if points > 0:
            return _("up %(points)s percentage points") % {"points": format_number(points, figure.decimals)}
        if points < 0:
            return _("down %(points)s percentage points") % {"points": format_number(-points, figure.decimals)}
        return _("level with the same period")
    return format_change(figure.value, figure.same_period_value)


def same_period_ratio_text(figure: Figure) -> str:
    """ "bằng 98,1% cùng kỳ" (the value as a share of the same period's), or ""."""
    if figure.value is None or not figure.same_period_value:
        return ""
    return _("%(percent)s of the same period") % {
        "percent": format_percent(figure.value / figure.same_period_value * HUNDRED)
    }
