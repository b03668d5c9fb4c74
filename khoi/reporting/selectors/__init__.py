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
types are in `figure_types`. The reads themselves: `figures` (figures, trends, breakdowns,
drill-downs) and `submissions` (rounds, forms, values, audits, notices, plans).
"""

from __future__ import annotations

from khoi.units.models import BASE_KINDS

from ..figure_engine import scope_units
from ..figure_types import (
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
)
from .figures import (
    bloc_overview,
    count_units_meeting,
    figure_drilldown,
    indicator_figure,
    indicator_get,
    indicator_list,
    indicator_parts,
    indicator_series,
    plan_completion,
)
from .submissions import (
    Completeness,
    CompletenessRow,
    explanation_list,
    form_items,
    latest_approved_period,
    notice_list,
    plan_list,
    reporting_years,
    round_list,
    submission_completeness,
    submission_list_visible,
    submission_todo_list,
    submission_value_map,
    unit_previous_values,
    validation_rule_list,
    value_audit_list,
)

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
    "explanation_list",
    "figure_drilldown",
    "form_items",
    "indicator_figure",
    "indicator_get",
    "indicator_list",
    "indicator_parts",
    "indicator_series",
    "latest_approved_period",
    "notice_list",
    "plan_completion",
    "plan_list",
    "reporting_years",
    "round_list",
    "scope_units",
    "submission_completeness",
    "submission_list_visible",
    "submission_todo_list",
    "submission_value_map",
    "unit_previous_values",
    "validation_rule_list",
    "value_audit_list",
]
