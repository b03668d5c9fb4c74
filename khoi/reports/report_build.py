"""The bloc report as data (`BlocReport`): key figures, prose paragraphs and tables, built from the
reporting engine's selectors; the document formats render it (documents.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from khoi.core.formatting import format_number, format_percent
from khoi.reporting import selectors as reporting
from khoi.reporting.periods import Period
from khoi.units.models import Ownership, UnitGroup
from khoi.units.selectors import unit_get_bloc

from .inputs import scope_label
from .models import (
    ProseSection,
)
from .report_data import BlocReport, KeyRow, Table
from .wording import commendation_sentence, prose_paragraph

Progress = Callable[[int], None]

# Indicators shown per unit and per group in the report's tables, when the catalogue has them.
TABLE_CODES = ("revenue", "budget", "exports", "workers", "average_income")


def _key_row(figure: reporting.Figure) -> KeyRow:
    return KeyRow(
        code=figure.indicator_code,
        name=figure.indicator_name,
        unit=figure.unit_label,
        decimals=figure.decimals,
        value=figure.value,
        same_period_value=figure.same_period_value,
        growth_percent=figure.growth_percent,
        units_reporting=figure.units_reporting,
        units_expected=figure.units_expected,
        includes_unapproved=figure.includes_unapproved,
    )


def _table_codes(overview: list[reporting.Figure]) -> list[reporting.Figure]:
    by_code = {figure.indicator_code: figure for figure in overview}
    chosen = [by_code[code] for code in TABLE_CODES if code in by_code]
    if not chosen:
        chosen = [f for f in overview if f.indicator_code != reporting.UNITS_CODE][:4]
    return chosen


def number_cell(value: Decimal | None, decimals: int) -> str:
    return format_number(value, decimals) if value is not None else "–"


def _breakdown_table(
    *,
    title: str,
    first_header: str,
    parts: list[tuple[str, reporting.Scope]],
    period: Period,
    columns: list[reporting.Figure],
    include_submitted: bool,
) -> Table | None:
    headers = [first_header, _("Units")] + [f"{f.indicator_name} ({f.unit_label})" for f in columns]
    rows, values = [], []
    for label, part_scope in parts:
        overview = {
            f.indicator_code: f
            for f in reporting.bloc_overview(period=period, scope=part_scope, include_submitted=include_submitted)
        }
        units = overview.get(reporting.UNITS_CODE)
        count = int(units.value) if units and units.value is not None else 0
        if count == 0:
            continue
        numbers = [overview[f.indicator_code].value if f.indicator_code in overview else None for f in columns]
        rows.append([label, str(count)] + [number_cell(n, f.decimals) for n, f in zip(numbers, columns, strict=True)])
        values.append([label, count, *numbers])
    if not rows:
        return None
    return Table(
        title=title,
        headers=headers,
        rows=rows,
        numeric_columns=tuple(range(1, len(headers))),
        values=values,
        number_formats=("@", "0", *("#,##0.##" for _ in columns)),
    )


def _unit_table(
    *, period: Period, scope: reporting.Scope, columns: list[reporting.Figure], include_submitted: bool
) -> Table | None:
    per_code = {
        f.indicator_code: {
            row.unit_id: row
            for row in reporting.figure_drilldown(
                code=f.indicator_code, period=period, scope=scope, include_submitted=include_submitted
            )
        }
        for f in columns
    }
    units = list(reporting.scope_units(scope=scope, period=period).order_by("code").values_list("id", "code", "name"))
    if not units:
        return None
    headers = [_("Code"), _("Unit")] + [f"{f.indicator_name} ({f.unit_label})" for f in columns]
    rows, values = [], []
    for unit_id, code, name in units:
        numbers = [
            per_code[f.indicator_code][unit_id].value if unit_id in per_code[f.indicator_code] else None
            for f in columns
        ]
        rows.append([code, name] + [number_cell(n, f.decimals) for n, f in zip(numbers, columns, strict=True)])
        values.append([code, name, *numbers])
    return Table(
        title=_("By unit"),
        headers=headers,
        rows=rows,
        numeric_columns=tuple(range(2, len(headers))),
        values=values,
        number_formats=("@", "@", *("#,##0.##" for _ in columns)),
    )


def _plan_table(overview: list[reporting.Figure]) -> Table | None:
    rows, values = [], []
    for figure in overview:
        if not isinstance(figure, reporting.PlanFigure):
            continue
        share = figure.plan_share_percent
        rows.append(
            [
                figure.indicator_name,
                format_number(figure.units_with_plan),
                format_number(figure.units_reached),
                format_percent(share) if share is not None else "–",
            ]
        )
        values.append(
            [
                figure.indicator_name,
                figure.units_with_plan,
                figure.units_reached,
                (share / 100) if share is not None else None,
            ]
        )
    if not rows:
        return None
    return Table(
        title=_("Plan completion"),
        headers=[_("Indicator"), _("Units with a plan"), _("Units reaching their full plan"), _("Share")],
        rows=rows,
        numeric_columns=(1, 2, 3),
        values=values,
        number_formats=("@", "0", "0", "0.0%"),
    )


def bloc_report(
    *,
    period: Period,
    scope: reporting.Scope | None = None,
    include_submitted: bool = False,
    with_unit_table: bool = True,
    progress: Progress | None = None,
) -> BlocReport:
    """The bloc's report for a period and scope: key figures, prose, tables by group and by unit."""
    scope = scope or reporting.Scope()
    step = progress or (lambda _percent: None)
    bloc = unit_get_bloc()
    overview = reporting.bloc_overview(period=period, scope=scope, include_submitted=include_submitted)
    step(10)
    by_code = {figure.indicator_code: figure for figure in overview}
    units = by_code.get(reporting.UNITS_CODE)
    report = BlocReport(
        title=_("Report on the results of %(period)s") % {"period": period.label},
        subject=_("Results of %(period)s") % {"period": period.label},
        period_code=str(period),
        period_label=period.label,
        scope_label=scope_label(scope),
        bloc_name=bloc.name if bloc else "",
        units_expected=int(units.value) if units and units.value is not None else 0,
        units_reporting=max(
            (f.units_reporting for f in overview if f.indicator_code != reporting.UNITS_CODE), default=0
        ),
        key_rows=[_key_row(f) for f in overview],
    )
    if not report.has_data or not any(
        f.value is not None for f in overview if f.indicator_code != reporting.UNITS_CODE
    ):
        report.notes.append(_("There are no approved figures for this period and scope."))
        return report
    for section in (ProseSection.KEY_FIGURES, ProseSection.PARTY):
        paragraph = prose_paragraph(
            period=period, scope=scope, include_submitted=include_submitted, figures=by_code, section=section
        )
        if paragraph:
            report.prose.append(paragraph)
    if scope.is_whole_bloc:
        with translation.override("vi"):
            sentence = commendation_sentence(period=period, bloc=bloc)
        if sentence:
            report.prose.append(sentence)
    step(30)
    columns = _table_codes(overview)
    plan = _plan_table(overview)
    if plan:
        report.tables.append(plan)
    groups = [(group.name, dataclasses.replace(scope, group_code=group.code)) for group in UnitGroup.objects.all()]
    if not scope.group_code:
        table = _breakdown_table(
            title=_("By unit group"),
            first_header=_("Group"),
            parts=groups,
            period=period,
            columns=columns,
            include_submitted=include_submitted,
        )
        if table:
            report.tables.append(table)
    step(50)
    if not scope.ownership:
        ownerships = [(str(label), dataclasses.replace(scope, ownership=value)) for value, label in Ownership.choices]
        table = _breakdown_table(
            title=_("By ownership"),
            first_header=_("Ownership"),
            parts=ownerships,
            period=period,
            columns=columns,
            include_submitted=include_submitted,
        )
        if table:
            report.tables.append(table)
    step(70)
    if with_unit_table:
        table = _unit_table(period=period, scope=scope, columns=columns, include_submitted=include_submitted)
        if table:
            report.tables.append(table)
    if include_submitted:
        report.notes.append(_("Includes figures submitted but not yet approved."))
    step(90)
    return report
