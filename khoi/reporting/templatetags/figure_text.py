"""Template filters that write a figure in words (khoi.reporting.figure_text):
``{{ figure|figure_value }}``, ``{{ figure|figure_same_period }}``, ``{{ figure|figure_change }}``."""

from __future__ import annotations

from django import template

from khoi.reporting import figure_text
from khoi.reporting.figure_types import Figure

register = template.Library()


@register.filter
def figure_value(figure: Figure) -> str:
    return figure_text.value_text(figure)


@register.filter
def figure_same_period(figure: Figure) -> str:
    return figure_text.same_period_text(figure)


@register.filter
def figure_change(figure: Figure) -> str:
    return figure_text.change_text(figure)
