"""The report's prose from data: the context a wording template is rendered with, the default
paragraphs, and the commendation sentence from the emulation records.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils import translation
from django.utils.translation import gettext as _

from khoi.core.formatting import format_number
from khoi.core.providers import provider
from khoi.reporting import selectors as reporting
from khoi.reporting.periods import Period
from khoi.units.models import Unit

from . import prose
from .models import (
    IndicatorStyle,
    ProseSection,
)
from .selectors import count_condition_list, indicator_style_list, prose_target_list, prose_template_for

# The half-year and year prose say "Đảng ủy Khối đã tặng Giấy khen cho 12 tập thể và 29 cá nhân".
COMMENDATION_KINDS = ("H1", "Y")


def _style_for(row: IndicatorStyle, figure: reporting.Figure) -> prose.Style:
    return prose.Style(
        unit_label=row.unit_label or figure.unit_label,
        decimals=row.decimals if row.decimals is not None else figure.decimals,
        growth_decimals=row.growth_decimals,
        phrase=row.phrase,
    )


def figure_or_none(
    code: str, period: Period, scope: reporting.Scope, include_submitted: bool
) -> reporting.Figure | None:
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
        figure = known.get(code) or figure_or_none(code, period, scope, include_submitted)
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
            if isinstance(figure, reporting.PlanFigure) and period.kind == "Y":
                # the overview already counted it (threshold 100%)
                plans[code] = prose.ProsePlan(reached=figure.units_reached, with_plan=figure.units_with_plan)
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
                if isinstance(f, reporting.CountIfFigure)
                and f.counts(
                    base_code=condition.indicator_code,
                    operator=condition.operator,
                    threshold=condition.threshold,
                    denominator_kind=condition.denominator,
                )
                and f.value is not None
            ),
            None,
        )
        if same is not None:  # a count indicator of the catalogue with this very condition
            count, total = same.count, same.denominator
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
