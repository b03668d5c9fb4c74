"""The leadership dashboard and the drill-down behind a figure: figures arranged as chart blocks
(SVG from charts.py) with their data tables.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from khoi.core.data_stamp import Stamp, cached_by_stamp
from khoi.core.formatting import format_number, format_percent, round_half_up
from khoi.reporting import selectors as reporting
from khoi.reporting.periods import Period
from khoi.units.models import Ownership, Sector, Zone

from . import charts
from .inputs import drilldown_url, scope_label, scope_params
from .report_build import number_cell


@dataclass
class ChartBlock:
    """A chart with its data table beside it, and where it drills down to."""

    key: str
    title: str
    svg: SafeString
    headers: list[str]
    rows: list[list[Any]]  # cells; a (text, url) tuple is a link
    note: str = ""


def _short(unit_name: str) -> str:
    """A chart label: the enterprise's name without "Chi bộ"/"Đảng bộ" in front."""
    for prefix in ("Chi bộ ", "Đảng bộ "):
        if unit_name.startswith(prefix):
            return unit_name[len(prefix) :]
    return unit_name


@dataclass
class Kpi:
    """A key figure's card: the number large, its unit on a smaller line ("11,4" / "triệu
    đồng/người/tháng") so that a long unit wraps inside the card instead of overflowing it."""

    figure: reporting.Figure
    number: str
    unit: str

    @property
    def unit_parts(self) -> list[str]:
        """ "triệu đồng/người/tháng" in parts, so that the card may break the line after a "/"."""
        return self.unit.split("/")


def _kpi(figure: reporting.Figure) -> Kpi:
    assert figure.value is not None
    if figure.unit_label == "%":
        return Kpi(figure=figure, number=format_percent(figure.value, figure.decimals), unit="")
    return Kpi(figure=figure, number=format_number(figure.value, figure.decimals), unit=figure.unit_label)


@dataclass
class Dashboard:
    period: Period
    scope_label: str
    scope_query: str
    indicator: reporting.Figure
    key_figures: list[Kpi]
    blocks: list[ChartBlock]
    indicators: list[tuple[str, str]]


def _growth_cell(growth: Decimal | None) -> str:
    if growth is None:
        return "–"
    return ("+" if growth > 0 else "") + format_percent(growth, 1)


def change_cell(
    *, value: Decimal | None, same: Decimal | None, growth: Decimal | None, unit_label: str, decimals: int
) -> str:
    """A table's change column: "+28,7%", or for a ratio (an indicator in %) its change in
    percentage points ("−0,07 điểm %"), never a percentage of a percentage."""
    if unit_label != "%":
        return _growth_cell(growth)
    if value is None or same is None:
        return "–"
    points = round_half_up(value - same, decimals)
    sign = "+" if points > 0 else ("−" if points < 0 else "")
    return _("%(sign)s%(points)s pp") % {"sign": sign, "points": format_number(abs(points), decimals)}


def comparison_row(
    *,
    label: str,
    link: str,
    value: Decimal | None,
    same: Decimal | None,
    growth: Decimal | None,
    unit_label: str,
    decimals: int,
) -> list[Any]:
    """A table row that compares a figure with the same period: the linked label, the value, the
    same period's value and the change (one shape for the key figures, breakdowns and units)."""
    return [
        (label, link),
        number_cell(value, decimals),
        number_cell(same, decimals),
        change_cell(value=value, same=same, growth=growth, unit_label=unit_label, decimals=decimals),
    ]


def _breakdown_block(
    *,
    key: str,
    title: str,
    parts: list[tuple[str, reporting.Scope, reporting.Figure | None]],
    code: str,
    period: Period,
    figure: reporting.Figure,
) -> ChartBlock | None:
    bars, rows = [], []
    for label, part_scope, part in parts:
        if part is None or (part.value is None and part.same_period_value is None):
            continue
        link = drilldown_url(code=code, period=period, scope=part_scope)
        bars.append(charts.Bar(label, part.value, link, part.same_period_value))
        rows.append(
            comparison_row(
                label=label,
                link=link,
                value=part.value,
                same=part.same_period_value,
                growth=part.growth_percent,
                unit_label=figure.unit_label,
                decimals=figure.decimals,
            )
        )
    if not bars:
        return None
    order = sorted(range(len(bars)), key=lambda index: -(bars[index].value or 0))
    bars = [bars[index] for index in order]
    rows = [rows[index] for index in order]
    return ChartBlock(
        key=key,
        title=title,
        svg=charts.bar_chart(bars, title=title, unit=figure.unit_label, decimals=figure.decimals),
        headers=[_("Part"), period.label, _("Same period"), _("Change")],
        rows=rows,
        note=_("Grey: the same period last year."),
    )


def dashboard(*, period: Period, scope: reporting.Scope, indicator_code: str = "revenue") -> Dashboard:
    """The leadership dashboard: key figures, trend, breakdowns, plan completion, completeness.
    The figures are kept in the cache until what they count changes (khoi.core.data_stamp); the
    forms' completeness changes with every submit and is read each time."""
    board = cached_by_stamp(
        stamp=Stamp.APPROVED,
        key=("dashboard", str(period), scope, indicator_code),
        compute=lambda: dashboard_figures(period=period, scope=scope, indicator_code=indicator_code),
    )
    board.blocks.extend(_completeness_blocks(period=period))
    return board


def dashboard_figures(*, period: Period, scope: reporting.Scope, indicator_code: str) -> Dashboard:
    """The dashboard without the forms' completeness, computed (not from the cache)."""
    overview = reporting.bloc_overview(period=period, scope=scope)
    # Read once: every breakdown part below is a figure of the same indicator.
    indicator = reporting.indicator_get(code=indicator_code) if indicator_code != reporting.UNITS_CODE else None
    years = [period.year - offset for offset in (3, 2, 1, 0)]
    series_periods = [dataclasses.replace(period, year=year) for year in years]
    series = reporting.indicator_series(code=indicator_code, periods=series_periods, scope=scope, indicator=indicator)
    figure = series[-1]  # the period itself
    name = figure.indicator_name
    blocks: list[ChartBlock] = []

    changes = [f for f in overview if f.indicator_code != reporting.UNITS_CODE and f.value is not None]
    title = _("Key indicators: change against the same period, in per cent")
    blocks.append(
        ChartBlock(
            key="key",
            title=title,
            svg=charts.change_chart(
                [  # ratios change in percentage points: they are in the table, not among per cents
                    charts.Bar(
                        f.indicator_name,
                        f.growth_percent,
                        drilldown_url(code=f.indicator_code, period=period, scope=scope),
                        tone=f.change_tone,
                    )
                    for f in changes
                    if f.unit_label != "%" and f.growth_percent is not None
                ],
                title=title,
                empty=_("No figures yet for the same period last year: nothing to compare %(period)s with.")
                % {"period": period.label},
            ),
            headers=[_("Indicator"), period.label, _("Same period"), _("Change")],
            note=(
                _("Ratios, in per cent, change in percentage points (pp): see the table.")
                if any(f.unit_label == "%" and f.same_period_value is not None for f in changes)
                else ""
            ),
            rows=[
                comparison_row(
                    label=f"{f.indicator_name} ({f.unit_label})",
                    link=drilldown_url(code=f.indicator_code, period=period, scope=scope),
                    value=f.value,
                    same=f.same_period_value,
                    growth=f.growth_percent,
                    unit_label=f.unit_label,
                    decimals=f.decimals,
                )
                for f in changes
            ],
        )
    )

    if period.kind == "Y":
        title = _("%(name)s over the years") % {"name": name}
    else:
        title = _("%(name)s over the years (%(kind)s)") % {
            "name": name,
            "kind": period.label.replace(str(period.year), "").strip(),
        }
    blocks.append(
        ChartBlock(
            key="trend",
            title=title,
            svg=charts.column_chart(
                [
                    charts.Bar(
                        str(item.period.year),
                        item.value,
                        drilldown_url(code=indicator_code, period=item.period, scope=scope),
                    )
                    for item in series
                ],
                title=title,
                unit=figure.unit_label,
                decimals=figure.decimals,
                empty=_("No figures yet for %(name)s in these years.") % {"name": name},
            ),
            headers=[_("Period"), name, _("Change")],
            rows=[
                [
                    (item.period.label, drilldown_url(code=indicator_code, period=item.period, scope=scope)),
                    number_cell(item.value, figure.decimals),
                    change_cell(
                        value=item.value,
                        same=item.same_period_value,
                        growth=item.growth_percent,
                        unit_label=figure.unit_label,
                        decimals=figure.decimals,
                    ),
                ]
                for item in series
            ],
        )
    )

    sections = Sector.objects.filter(level=1).order_by("code")
    breakdowns: list[tuple[str, str, list[tuple[str, reporting.Scope]]]] = []
    if not scope.sector_code:
        breakdowns.append(
            (
                "sector",
                _("%(name)s by sector") % {"name": name},
                [(f"{s.code} – {s.name}", dataclasses.replace(scope, sector_code=s.code)) for s in sections],
            )
        )
    if not scope.ownership:
        breakdowns.append(
            (
                "ownership",
                _("%(name)s by ownership") % {"name": name},
                [(str(label), dataclasses.replace(scope, ownership=value)) for value, label in Ownership.choices],
            )
        )
    if scope.zone_id is None:
        breakdowns.append(
            (
                "zone",
                _("%(name)s by industrial park and economic zone") % {"name": name},
                [(z.name, dataclasses.replace(scope, zone_id=z.pk)) for z in Zone.objects.all()],
            )
        )
    # Every part of every breakdown from one pass over the scope's units.
    part_figures = iter(
        reporting.indicator_parts(
            code=indicator_code,
            period=period,
            scope=scope,
            parts=[part for _key, _title, parts in breakdowns for _label, part in parts],
            indicator=indicator,
        )
    )
    for key, title, parts in breakdowns:
        block = _breakdown_block(
            key=key,
            title=title,
            parts=[(label, part, next(part_figures)) for label, part in parts],
            code=indicator_code,
            period=period,
            figure=figure,
        )
        if block:
            blocks.append(block)

    drilldown_rows = reporting.figure_drilldown(code=indicator_code, period=period, scope=scope)
    units = [row for row in drilldown_rows if row.value is not None]
    top = units[:10]
    if top:
        title = _("%(name)s: the ten largest units") % {"name": name}
        full = drilldown_url(code=indicator_code, period=period, scope=scope)
        blocks.append(
            ChartBlock(
                key="units",
                title=title,
                svg=charts.bar_chart(
                    [charts.Bar(_short(row.unit_name), row.value, full, row.same_period_value) for row in top],
                    title=title,
                    unit=figure.unit_label,
                    decimals=figure.decimals,
                ),
                headers=[_("Unit"), period.label, _("Same period"), _("Change")],
                rows=[
                    comparison_row(
                        label=row.unit_name,
                        link=full,
                        value=row.value,
                        same=row.same_period_value,
                        growth=row.growth_percent,
                        unit_label=figure.unit_label,
                        decimals=figure.decimals,
                    )
                    for row in top
                ],
                note=_("%(count)s units reported; all of them in the drill-down.") % {"count": len(units)},
            )
        )

    if indicator is not None and indicator.has_plan:
        plan = reporting.plan_completion(
            code=indicator_code,
            year=period.year,
            scope=scope,
            rows=drilldown_rows if period.kind == "Y" else None,  # the year's rows: read above
        )
        if plan.units_with_plan:
            title = _("Plan completion %(year)s: %(name)s") % {"year": period.year, "name": name}
            reached, rest = plan.units_reached, plan.units_with_plan - plan.units_reached
            year_link = drilldown_url(code=indicator_code, period=Period(period.year, "Y"), scope=scope)
            blocks.append(
                ChartBlock(
                    key="plan",
                    title=title,
                    svg=charts.stacked_bar(
                        [(_("Reached the full plan"), reached, charts.GOOD), (_("Below plan"), rest, charts.WARN)],
                        title=title,
                    ),
                    headers=[_("Units with a plan"), _("Reached the full plan"), _("Share")],
                    rows=[
                        [
                            (format_number(plan.units_with_plan), year_link),
                            format_number(reached),
                            format_percent(plan.share_percent) if plan.share_percent is not None else "–",
                        ]
                    ],
                )
            )

    return Dashboard(
        period=period,
        scope_label=scope_label(scope),
        scope_query=urlencode(scope_params(scope)),
        indicator=figure,
        key_figures=[_kpi(f) for f in overview if f.value is not None],
        blocks=blocks,
        indicators=[(f.indicator_code, f.indicator_name) for f in overview if f.indicator_code != reporting.UNITS_CODE],
    )


def _completeness_blocks(*, period: Period) -> list[ChartBlock]:
    """How the period's forms stand: on time, late, not submitted, approved."""
    blocks: list[ChartBlock] = []
    rounds = [r for r in reporting.round_list() if r.period_code == str(period)]
    for reporting_round in rounds:
        completeness = reporting.submission_completeness(reporting_round=reporting_round)
        if not completeness.total:
            continue
        title = _("Submissions: %(round)s") % {"round": str(reporting_round)}
        blocks.append(
            ChartBlock(
                key=f"round-{reporting_round.pk}",
                title=title,
                svg=charts.stacked_bar(
                    [
                        (_("On time"), completeness.on_time, charts.GOOD),
                        (_("Late"), completeness.late, charts.WARN),
                        (_("Not submitted"), completeness.not_submitted, charts.PRIMARY),
                    ],
                    title=title,
                ),
                headers=[_("On time"), _("Late"), _("Not submitted"), _("Approved")],
                rows=[
                    [
                        (format_number(completeness.on_time), ""),
                        format_number(completeness.late),
                        format_number(completeness.not_submitted),
                        format_number(completeness.approved),
                    ]
                ],
            )
        )
    return blocks


@dataclass
class Drilldown:
    figure: reporting.Figure
    period: Period
    scope_label: str
    rows: list[reporting.UnitFigure]
    show_plan: bool


def drilldown(*, code: str, period: Period, scope: reporting.Scope) -> Drilldown:
    """The units behind a figure (what every chart and checker mark links to)."""
    figure = reporting.indicator_figure(code=code, period=period, scope=scope)
    rows = reporting.figure_drilldown(code=code, period=period, scope=scope)
    return Drilldown(
        figure=figure,
        period=period,
        scope_label=scope_label(scope),
        rows=rows,
        show_plan=any(row.plan_value is not None for row in rows),
    )
