"""The checker's data side: a `FigureSource` over the reporting engine, and `article_check`."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from khoi.core.formatting import format_number
from khoi.core.providers import provider
from khoi.reporting import selectors as reporting
from khoi.reporting.periods import Period
from khoi.units.selectors import unit_get_bloc

from .checker import CheckResult, KnownCommendations, KnownCount, KnownFigure, check_text
from .inputs import drilldown_url, scope_label
from .wording import figure_or_none


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
            found = self.overview().get(code) or figure_or_none(code, self.period, self.scope, self.include_submitted)
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
        if isinstance(known, reporting.PlanFigure) and threshold == 100 and self.period.kind == "Y":
            reached, total = known.units_reached, known.units_with_plan
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
            if (
                isinstance(figure, reporting.CountIfFigure)
                and figure.counts(base_code=code, operator=operator, threshold=in_indicator_unit)
                and figure.value is not None
            ):
                count, total = figure.count, figure.denominator
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
