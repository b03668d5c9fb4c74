"""Reads of the reports app. Every figure comes from the reporting engine's selectors
(`khoi.reporting.selectors`): this module arranges, words and compares them, it never adds values up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from khoi.core.formatting import format_number, format_percent
from khoi.core.party_document import PartyDocumentHeader, SignatureBlock
from khoi.core.providers import provider
from khoi.reporting import selectors as reporting
from khoi.reporting.periods import Period
from khoi.units.models import Ownership, Sector, Unit, UnitGroup, Zone
from khoi.units.selectors import unit_get_bloc

from . import charts, documents, prose
from .checker import CheckResult, KnownCommendations, KnownCount, KnownFigure, check_text
from .documents import DocumentHead
from .models import (
    CountCondition,
    DocumentSettings,
    IndicatorStyle,
    ProseSection,
    ProseTarget,
    ProseTemplate,
    ReportJob,
)
from .report_data import BlocReport, KeyRow, Table

Scope = reporting.Scope
Progress = Callable[[int], None]

# Indicators shown per unit and per group in the report's tables, when the catalogue has them.
TABLE_CODES = ("revenue", "budget", "exports", "workers", "average_income")
# The half-year and year prose say "Đảng ủy Khối đã tặng Giấy khen cho 12 tập thể và 29 cá nhân".
COMMENDATION_KINDS = ("H1", "Y")


# ---- Input: period and scope -------------------------------------------------------------------


def period_from_code(code: str | None) -> Period:
    """A period code from a form or URL, or a Vietnamese message naming the field."""
    if not code or not str(code).strip():
        raise ValidationError({"period": _("Choose a period (for example 2021-H1 or 2021-Y).")})
    try:
        return Period.parse(str(code))
    except ValueError:
        raise ValidationError(
            {
                "period": _("“%(code)s” is not a period; write for example 2021-Q1, 2021-H1, 2021-9M or 2021-Y.")
                % {"code": code}
            }
        ) from None


def scope_from_params(params: Mapping[str, Any]) -> reporting.Scope:
    """Scope from request parameters (root, ownership, sector, zone, group); unknown values → 400."""

    def value(name: str) -> str:
        raw = params.get(name)
        return str(raw).strip() if raw not in (None, "") else ""

    root_id = zone_id = None
    if value("root"):
        if not value("root").isdigit() or not Unit.objects.filter(pk=int(value("root"))).exists():
            raise ValidationError({"root": _("There is no such unit.")})
        root_id = int(value("root"))
    if value("zone"):
        if not value("zone").isdigit() or not Zone.objects.filter(pk=int(value("zone"))).exists():
            raise ValidationError({"zone": _("There is no such industrial park or economic zone.")})
        zone_id = int(value("zone"))
    ownership = value("ownership") or None
    if ownership and ownership not in Ownership.values:
        raise ValidationError({"ownership": _("Unknown ownership.")})
    sector = value("sector") or None
    if sector and not Sector.objects.filter(code=sector).exists():
        raise ValidationError({"sector": _("Unknown sector.")})
    group = value("group") or None
    if group and not UnitGroup.objects.filter(code=group).exists():
        raise ValidationError({"group": _("There is no such unit group.")})
    return reporting.Scope(
        root_unit_id=root_id, ownership=ownership, sector_code=sector, zone_id=zone_id, group_code=group
    )


def scope_params(scope: reporting.Scope) -> dict[str, str]:
    params = {
        "root": scope.root_unit_id,
        "ownership": scope.ownership,
        "sector": scope.sector_code,
        "zone": scope.zone_id,
        "group": scope.group_code,
    }
    return {key: str(val) for key, val in params.items() if val not in (None, "")}


def scope_label(scope: reporting.Scope) -> str:
    parts = []
    if scope.root_unit_id is not None:
        unit = Unit.objects.filter(pk=scope.root_unit_id).first()
        parts.append(unit.name if unit else "?")
    if scope.group_code:
        group = UnitGroup.objects.filter(code=scope.group_code).first()
        parts.append(group.name if group else scope.group_code)
    if scope.ownership:
        parts.append(str(Ownership(scope.ownership).label))
    if scope.sector_code:
        sector = Sector.objects.filter(code=scope.sector_code).first()
        parts.append(str(sector) if sector else scope.sector_code)
    if scope.zone_id is not None:
        zone = Zone.objects.filter(pk=scope.zone_id).first()
        parts.append(zone.name if zone else "?")
    return " – ".join(parts) if parts else _("Whole bloc")


def drilldown_url(*, code: str, period: Period, scope: reporting.Scope) -> str:
    query = urlencode({"period": str(period), **scope_params(scope)})
    return reverse("reports:drilldown", kwargs={"code": code}) + "?" + query


# ---- Wording -----------------------------------------------------------------------------------


def indicator_style_list() -> QuerySet[IndicatorStyle]:
    return IndicatorStyle.objects.all()


def count_condition_list() -> QuerySet[CountCondition]:
    return CountCondition.objects.all()


def prose_template_list() -> QuerySet[ProseTemplate]:
    return ProseTemplate.objects.select_related("updated_by")


def prose_target_list() -> QuerySet[ProseTarget]:
    return ProseTarget.objects.all()


def prose_template_for(*, kind: str, section: str = ProseSection.KEY_FIGURES) -> ProseTemplate | None:
    return ProseTemplate.objects.filter(period_kind=kind, section=section, is_active=True).first()


def document_settings_for(*, bloc: Unit | None) -> DocumentSettings | None:
    return DocumentSettings.objects.filter(bloc=bloc).first() if bloc else None


def _style_for(row: IndicatorStyle, figure: reporting.Figure) -> prose.Style:
    return prose.Style(
        unit_label=row.unit_label or figure.unit_label,
        decimals=row.decimals if row.decimals is not None else figure.decimals,
        growth_decimals=row.growth_decimals,
        phrase=row.phrase,
    )


def _figure_or_none(code: str, period: Period, scope: reporting.Scope, include_submitted: bool) -> Any:
    if code != reporting.UNITS_CODE and reporting.indicator_get(code=code) is None:
        return None
    return reporting.indicator_figure(code=code, period=period, scope=scope, include_submitted=include_submitted)


def prose_context(
    *,
    period: Period,
    scope: reporting.Scope,
    text: str,
    include_submitted: bool = False,
    figures: Mapping[str, reporting.Figure] | None = None,
) -> prose.ProseContext:
    """What a template needs: the figures it names (from the reporting engine) and their wording."""
    known = dict(figures or {})
    names = prose.placeholders(text)
    styles: dict[str, prose.Style] = {}
    prose_figures: dict[str, prose.ProseFigure] = {}
    plans: dict[str, prose.ProsePlan] = {}
    counts: dict[str, prose.ProseCount] = {}
    targets = {
        target.code: prose.ProseGoal(
            indicator_code=target.indicator_code,
            min_growth_percent=target.min_growth_percent,
            phrase_met=target.phrase_met,
            phrase_missed=target.phrase_missed,
        )
        for target in prose_target_list()
        if f"target.{target.code}" in names
    }
    targeted = {goal.indicator_code for goal in targets.values()}
    for row in indicator_style_list():
        code = row.indicator_code
        if code not in targeted and not any(
            name == code or name.startswith(code + ".") or name == f"plan.{code}" for name in names
        ):
            continue
        figure = known.get(code) or _figure_or_none(code, period, scope, include_submitted)
        if figure is None:
            continue
        styles[code] = _style_for(row, figure)
        prose_figures[code] = prose.ProseFigure(
            name=figure.indicator_name,
            value=figure.value,
            same_period_value=figure.same_period_value,
            growth_percent=figure.growth_percent,
        )
        if f"plan.{code}" in names:
            known_plan = figure.extra.get("plan") if period.kind == "Y" else None
            if known_plan is not None:  # the overview already counted it (threshold 100%)
                plans[code] = prose.ProsePlan(
                    reached=int(known_plan["units_reached"]), with_plan=int(known_plan["units_with_plan"])
                )
            else:
                plan = reporting.plan_completion(
                    code=code, year=period.year, scope=scope, include_submitted=include_submitted
                )
                plans[code] = prose.ProsePlan(
                    reached=plan.units_reached, with_plan=plan.units_with_plan, threshold=plan.threshold
                )
    for condition in count_condition_list():
        if f"count.{condition.code}" not in names:
            continue
        same = next(
            (
                f
                for f in known.values()
                if f.extra.get("base_code") == condition.indicator_code
                and f.extra.get("operator") == condition.operator
                and f.extra.get("threshold") is not None
                and Decimal(f.extra["threshold"]) == condition.threshold
                and f.extra.get("denominator_kind") == condition.denominator
                and f.value is not None
            ),
            None,
        )
        if same is not None:  # a count indicator of the catalogue with this very condition
            count, total = int(same.value or 0), int(same.extra["denominator"])
        else:
            counted = reporting.count_units_meeting(
                code=condition.indicator_code,
                period=period,
                operator=condition.operator,
                threshold=condition.threshold,
                scope=scope,
                denominator=condition.denominator,
                include_submitted=include_submitted,
            )
            count, total = counted.count, counted.denominator
        counts[condition.code] = prose.ProseCount(
            count=count, total=total, threshold=condition.threshold, phrase=condition.phrase
        )
    return prose.ProseContext(
        year=period.year,
        period_label=period.label,
        figures=prose_figures,
        styles=styles,
        plans=plans,
        counts=counts,
        targets=targets,
    )


def default_prose_text(codes: list[str]) -> str:
    """Without a template for the kind of period: every worded key figure's phrase, in order."""
    phrases = [f"{{{code}.phrase}}" for code in codes]
    return ("; ".join(phrases) + ".") if phrases else ""


# The indicators of the Party-building paragraph, in the order it names them.
PARTY_CODES = ("party_admissions", "party_conversions", "party_quality_assessed")


def default_party_text(codes: list[str]) -> str:
    """Without a Party-building template: the phrases of its worded indicators, in order."""
    if not codes:
        return ""
    return _("Party building: %(phrases)s.") % {"phrases": "; ".join(f"{{{code}.phrase}}" for code in codes)}


def prose_paragraph(
    *,
    period: Period,
    scope: reporting.Scope,
    include_submitted: bool = False,
    figures: Mapping[str, reporting.Figure] | None = None,
    section: str = ProseSection.KEY_FIGURES,
) -> str:
    """One paragraph of the report from the data, always in Vietnamese (official output)."""
    with translation.override("vi"):
        return _prose_paragraph(
            period=period, scope=scope, include_submitted=include_submitted, figures=figures, section=section
        )


def _prose_paragraph(
    *,
    period: Period,
    scope: reporting.Scope,
    include_submitted: bool,
    figures: Mapping[str, reporting.Figure] | None,
    section: str,
) -> str:
    template = prose_template_for(kind=period.kind, section=section)
    styled = set(indicator_style_list().values_list("indicator_code", flat=True))
    if template is not None:
        text = template.text
    elif section == ProseSection.PARTY:
        given = [
            c
            for c in PARTY_CODES
            if c in styled and (figures is None or (c in figures and figures[c].value is not None))
        ]
        text = default_party_text(given)
    else:
        text = default_prose_text([code for code in (figures or {}) if code in styled and code not in PARTY_CODES])
    if not text:
        return ""
    context = prose_context(period=period, scope=scope, text=text, include_submitted=include_submitted, figures=figures)
    rendered = prose.render(text, context)
    return rendered[:1].upper() + rendered[1:]


def commendation_sentence(*, period: Period, bloc: Unit | None) -> str:
    """ "Đảng ủy Khối đã tặng Giấy khen cho 12 tập thể và 29 cá nhân." from the emulation records."""
    if period.kind not in COMMENDATION_KINDS or bloc is None:
        return ""
    commendation_counts = provider("emulation.commendation_counts")
    if commendation_counts is None:  # the emulation app is not installed
        return ""
    counts = commendation_counts(date_from=period.start, date_to=period.end, issuer=bloc.code)
    if counts.total == 0:
        return ""
    return _(
        "In %(period)s the bloc's Party committee awarded certificates of merit to %(collectives)s collectives "
        "and %(individuals)s individuals."
    ) % {
        "period": period.label,
        "collectives": format_number(counts.collectives),
        "individuals": format_number(counts.individuals),
    }


# ---- The bloc report ---------------------------------------------------------------------------


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


def _cell(value: Decimal | None, decimals: int) -> str:
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
        rows.append([label, str(count)] + [_cell(n, f.decimals) for n, f in zip(numbers, columns, strict=True)])
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
        rows.append([code, name] + [_cell(n, f.decimals) for n, f in zip(numbers, columns, strict=True)])
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
        plan = figure.extra.get("plan")
        if not plan:
            continue
        share = plan.get("share_percent")
        rows.append(
            [
                figure.indicator_name,
                format_number(plan["units_with_plan"]),
                format_number(plan["units_reached"]),
                format_percent(share) if share is not None else "–",
            ]
        )
        values.append(
            [
                figure.indicator_name,
                plan["units_with_plan"],
                plan["units_reached"],
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


# ---- The checker's data side -------------------------------------------------------------------


@dataclass
class ReportingFigureSource:
    """The checker's `FigureSource` over the reporting engine, for one period and scope.

    One `bloc_overview` call gives every key figure, the plan completion of the year and the
    counts of units meeting a condition; other indicators are asked for one by one. Answers are
    kept, so an article that repeats a figure costs nothing more.
    """

    period: Period
    scope: reporting.Scope
    include_submitted: bool = False
    _figures: dict[str, KnownFigure | None] = field(default_factory=dict)
    _overview: dict[str, reporting.Figure] | None = None
    _counts: dict[tuple[Any, ...], KnownCount | None] = field(default_factory=dict)

    def _source(self, figure: reporting.Figure) -> str:
        return _("%(period)s, %(scope)s: approved figures of %(reporting)s/%(expected)s units") % {
            "period": self.period.label,
            "scope": scope_label(self.scope),
            "reporting": figure.units_reporting,
            "expected": figure.units_expected,
        }

    def overview(self) -> dict[str, reporting.Figure]:
        if self._overview is None:
            self._overview = {
                figure.indicator_code: figure
                for figure in reporting.bloc_overview(
                    period=self.period, scope=self.scope, include_submitted=self.include_submitted
                )
            }
        return self._overview

    def figure(self, code: str) -> KnownFigure | None:
        if code not in self._figures:
            found = self.overview().get(code) or _figure_or_none(code, self.period, self.scope, self.include_submitted)
            self._figures[code] = (
                None
                if found is None
                else KnownFigure(
                    code=code,
                    name=found.indicator_name,
                    unit_label=found.unit_label,
                    decimals=found.decimals,
                    value=found.value,
                    same_period_value=found.same_period_value,
                    growth_percent=found.growth_percent,
                    source=self._source(found),
                    link=drilldown_url(code=code, period=self.period, scope=self.scope)
                    if code != reporting.UNITS_CODE
                    else "",
                )
            )
        return self._figures[code]

    def plan_count(self, code: str, threshold: Decimal) -> KnownCount | None:
        key = ("plan", code, threshold)
        if key not in self._counts:
            self._counts[key] = self._plan_count(code, threshold)
        return self._counts[key]

    def _plan_count(self, code: str, threshold: Decimal) -> KnownCount | None:
        known = self.overview().get(code)
        plan = (known.extra.get("plan") if known is not None else None) if threshold == 100 else None
        if plan is not None and self.period.kind == "Y":
            reached, total = int(plan["units_reached"]), int(plan["units_with_plan"])
        else:
            if reporting.indicator_get(code=code) is None:
                return None
            completion = reporting.plan_completion(
                code=code,
                year=self.period.year,
                scope=self.scope,
                threshold=threshold,
                include_submitted=self.include_submitted,
            )
            reached, total = completion.units_reached, completion.units_with_plan
        if total == 0:
            return None
        return KnownCount(
            count=reached,
            total=total,
            source=_("Plans of %(year)s: %(reached)s of %(total)s units with a plan reached %(threshold)s%%")
            % {"year": self.period.year, "reached": reached, "total": total, "threshold": format_number(threshold)},
            link=drilldown_url(code=code, period=Period(self.period.year, "Y"), scope=self.scope),
        )

    def count_if(self, code: str, operator: str, threshold: Decimal, unit: str) -> KnownCount | None:
        key = ("count", code, operator, threshold, unit)
        if key not in self._counts:
            self._counts[key] = self._count_if(code, operator, threshold, unit)
        return self._counts[key]

    def _count_if(self, code: str, operator: str, threshold: Decimal, unit: str) -> KnownCount | None:
        indicator = reporting.indicator_get(code=code)
        if indicator is None:
            return None
        from .checker import convert

        in_indicator_unit = convert(threshold, unit, indicator.unit_label) if unit else threshold
        if in_indicator_unit is None:
            return None
        # A count indicator of the catalogue with this very condition is already in the overview.
        for figure in self.overview().values():
            extra = figure.extra
            if (
                extra.get("base_code") == code
                and extra.get("operator") == operator
                and extra.get("threshold") is not None
                and Decimal(extra["threshold"]) == in_indicator_unit
                and figure.value is not None
            ):
                count, total = int(figure.value), int(extra["denominator"])
                break
        else:
            counted = reporting.count_units_meeting(
                code=code,
                period=self.period,
                operator=operator,
                threshold=in_indicator_unit,
                scope=self.scope,
                include_submitted=self.include_submitted,
            )
            count, total = counted.count, counted.denominator
        return KnownCount(
            count=count,
            total=total,
            source=_("%(count)s of %(total)s enterprises, %(period)s")
            % {"count": count, "total": total, "period": self.period.label},
            link=drilldown_url(code=code, period=self.period, scope=self.scope),
        )

    def commendations(self) -> KnownCommendations | None:
        if not self.scope.is_whole_bloc:
            return None
        bloc = unit_get_bloc()
        commendation_counts = provider("emulation.commendation_counts")
        if commendation_counts is None or bloc is None:  # the emulation app is not installed
            return None
        counts = commendation_counts(date_from=self.period.start, date_to=self.period.end, issuer=bloc.code)
        if counts.total == 0:
            return None
        return KnownCommendations(
            collectives=counts.collectives,
            individuals=counts.individuals,
            source=_("Commendation decisions signed in %(period)s: %(decisions)s")
            % {"period": self.period.label, "decisions": ", ".join(counts.decisions)},
        )


def article_check(
    *, text: str, period: Period, scope: reporting.Scope | None = None, include_submitted: bool = False
) -> CheckResult:
    """Check every figure of a draft against the approved data (and its own arithmetic)."""
    source = ReportingFigureSource(period=period, scope=scope or reporting.Scope(), include_submitted=include_submitted)
    return check_text(text, source, period=period)


# ---- Jobs --------------------------------------------------------------------------------------


def report_job_get(*, job_id: Any, user: Any) -> ReportJob | None:
    """A job of the user's own (staff see every job)."""
    jobs = ReportJob.objects.all()
    if not getattr(user, "is_committee_staff", False):
        jobs = jobs.filter(requested_by=user)
    return jobs.filter(pk=job_id).first()


# ---- Documents ---------------------------------------------------------------------------------

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
}
# Above this many units a document is generated in the background.
IMMEDIATE_UNIT_LIMIT = 150


def document_head(*, number: str = "", on: dt.date | None = None, signer_name: str = "") -> DocumentHead:
    """The Party document header and signature of the bloc (editable per bloc by staff); the
    number, the date and the signer's name of one document may be given."""
    bloc = unit_get_bloc()
    row = document_settings_for(bloc=bloc)
    today = on or timezone.localdate()
    if row is None:
        name = bloc.name if bloc else ""
        header = PartyDocumentHeader(
            parent_body="", issuing_body=name, number_symbol=f"Số {number or '    '}-BC", place="", date=today
        )
        return DocumentHead(header=header, signature=SignatureBlock("T/M BAN THƯỜNG VỤ", "BÍ THƯ", signer_name))
    header = PartyDocumentHeader(
        parent_body=row.parent_body,
        issuing_body=row.issuing_body,
        number_symbol=f"Số {number or '    '}-{row.symbol}",
        place=row.place,
        date=today,
    )
    signature = SignatureBlock(row.signing_authority, row.signer_title, signer_name or row.signer_name)
    return DocumentHead(header=header, signature=signature, recipients=tuple(row.recipient_list))


def report_filename(*, period: Period, format: str) -> str:
    return f"bao-cao-{period}.{format}"


def report_document(
    *,
    period: Period,
    scope: reporting.Scope | None = None,
    format: str,
    number: str = "",
    on: dt.date | None = None,
    signer_name: str = "",
    include_submitted: bool = False,
    progress: Progress | None = None,
) -> tuple[str, bytes]:
    """(filename, bytes) of the report in a format, in Vietnamese whatever the interface's
    language (an official document); raises ValidationError when there is no data."""
    with translation.override("vi"):
        return _report_document(
            period=period,
            scope=scope,
            format=format,
            head=document_head(number=number, on=on, signer_name=signer_name),
            include_submitted=include_submitted,
            progress=progress,
        )


def _report_document(
    *,
    period: Period,
    scope: reporting.Scope | None,
    format: str,
    head: DocumentHead,
    include_submitted: bool,
    progress: Progress | None,
) -> tuple[str, bytes]:
    step = progress or (lambda _percent: None)
    report = bloc_report(
        period=period,
        scope=scope,
        include_submitted=include_submitted,
        progress=lambda percent: step(percent // 2),
    )
    if not any(row.value is not None for row in report.key_rows if row.code != reporting.UNITS_CODE):
        raise ValidationError(
            {"period": _("There are no approved figures for %(period)s in this scope.") % {"period": period.label}}
        )
    later: Progress = lambda percent: step(50 + percent // 2)  # noqa: E731
    if format == "txt":
        content = documents.report_text(report).encode("utf-8")
    elif format == "docx":
        content = documents.report_docx(report, head, later)
    elif format == "xlsx":
        content = documents.report_xlsx(report, later)
    elif format == "pdf":
        content = documents.report_pdf(report, head, later)
    else:
        raise ValidationError({"format": _("Unknown format.")})
    return report_filename(period=period, format=format), content


def needs_background(*, period: Period, scope: reporting.Scope) -> bool:
    return reporting.scope_units(scope=scope, period=period).count() > IMMEDIATE_UNIT_LIMIT


# ---- Dashboard ---------------------------------------------------------------------------------


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
class Dashboard:
    period: Period
    scope_label: str
    scope_query: str
    indicator: reporting.Figure
    key_figures: list[reporting.Figure]
    blocks: list[ChartBlock]
    indicators: list[tuple[str, str]]


def _growth_cell(growth: Decimal | None) -> str:
    if growth is None:
        return "–"
    return ("+" if growth > 0 else "") + format_percent(growth, 1)


def _breakdown_block(
    *,
    key: str,
    title: str,
    parts: list[tuple[str, reporting.Scope]],
    code: str,
    period: Period,
    figure: reporting.Figure,
) -> ChartBlock | None:
    bars, rows = [], []
    for label, part_scope in parts:
        if not reporting.scope_units(scope=part_scope, period=period).exists():
            continue
        part = reporting.indicator_figure(code=code, period=period, scope=part_scope)
        if part.value is None and part.same_period_value is None:
            continue
        link = drilldown_url(code=code, period=period, scope=part_scope)
        bars.append(charts.Bar(label, part.value, link, part.same_period_value))
        rows.append(
            [
                (label, link),
                _cell(part.value, figure.decimals),
                _cell(part.same_period_value, figure.decimals),
                _growth_cell(part.growth_percent),
            ]
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
    """The leadership dashboard: key figures, trend, breakdowns, plan completion, completeness."""
    overview = reporting.bloc_overview(period=period, scope=scope)
    figure = reporting.indicator_figure(code=indicator_code, period=period, scope=scope)
    name = figure.indicator_name
    blocks: list[ChartBlock] = []

    changes = [f for f in overview if f.indicator_code != reporting.UNITS_CODE and f.value is not None]
    title = _("Key indicators: change against the same period, in per cent")
    blocks.append(
        ChartBlock(
            key="key",
            title=title,
            svg=charts.change_chart(
                [
                    charts.Bar(
                        f.indicator_name,
                        f.growth_percent,
                        drilldown_url(code=f.indicator_code, period=period, scope=scope),
                    )
                    for f in changes
                ],
                title=title,
            ),
            headers=[_("Indicator"), period.label, _("Same period"), _("Change")],
            rows=[
                [
                    (
                        f"{f.indicator_name} ({f.unit_label})",
                        drilldown_url(code=f.indicator_code, period=period, scope=scope),
                    ),
                    _cell(f.value, f.decimals),
                    _cell(f.same_period_value, f.decimals),
                    _growth_cell(f.growth_percent),
                ]
                for f in changes
            ],
        )
    )

    years = [period.year - offset for offset in (3, 2, 1, 0)]
    series_periods = [dataclasses.replace(period, year=year) for year in years]
    series = reporting.indicator_series(code=indicator_code, periods=series_periods, scope=scope)
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
            ),
            headers=[_("Period"), name, _("Change")],
            rows=[
                [
                    (item.period.label, drilldown_url(code=indicator_code, period=item.period, scope=scope)),
                    _cell(item.value, figure.decimals),
                    _growth_cell(item.growth_percent),
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
    for key, title, parts in breakdowns:
        block = _breakdown_block(key=key, title=title, parts=parts, code=indicator_code, period=period, figure=figure)
        if block:
            blocks.append(block)

    units = [
        row
        for row in reporting.figure_drilldown(code=indicator_code, period=period, scope=scope)
        if row.value is not None
    ]
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
                    [
                        (row.unit_name, full),
                        _cell(row.value, figure.decimals),
                        _cell(row.same_period_value, figure.decimals),
                        _growth_cell(row.growth_percent),
                    ]
                    for row in top
                ],
                note=_("%(count)s units reported; all of them in the drill-down.") % {"count": len(units)},
            )
        )

    indicator = reporting.indicator_get(code=indicator_code)
    if indicator is not None and indicator.has_plan:
        plan = reporting.plan_completion(code=indicator_code, year=period.year, scope=scope)
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

    return Dashboard(
        period=period,
        scope_label=scope_label(scope),
        scope_query=urlencode(scope_params(scope)),
        indicator=figure,
        key_figures=[f for f in overview if f.value is not None],
        blocks=blocks,
        indicators=[(f.indicator_code, f.indicator_name) for f in overview if f.indicator_code != reporting.UNITS_CODE],
    )


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
