"""Figures compared with the approved data a `FigureSource` gives (the reporting engine's, or an
in-memory one in tests): each figure's mark, with the right figure and its source when it differs."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from . import vocabulary as vocab
from .arithmetic import describe_change, fmt
from .i18n import gettext as _
from .numbers import TextFigure
from .results import CONFIRMED, NOT_CHECKABLE, WRONG, Mark
from .tolerance import matches_written, written_range


@dataclass(frozen=True)
class KnownFigure:
    """An approved figure for the period and scope, as the reporting engine computes it."""

    code: str
    name: str
    unit_label: str
    decimals: int
    value: Decimal | None
    same_period_value: Decimal | None = None
    growth_percent: Decimal | None = None
    source: str = ""  # "Tổng hợp 95/95 đơn vị, 6 tháng đầu năm 2021"
    link: str = ""  # drill-down to the units


@dataclass(frozen=True)
class KnownCount:
    """A count of units meeting a condition, of how many, and the share."""

    count: int
    total: int
    source: str = ""
    link: str = ""

    @property
    def percent(self) -> Decimal | None:
        return Decimal(self.count) * 100 / Decimal(self.total) if self.total else None


class FigureSource(Protocol):
    def figure(self, code: str) -> KnownFigure | None: ...

    def plan_count(self, code: str, threshold: Decimal) -> KnownCount | None: ...

    def count_if(self, code: str, operator: str, threshold: Decimal, unit: str) -> KnownCount | None: ...


@dataclass(frozen=True)
class KnownCommendations:
    """Awards recorded in the period (emulation records): collectives and individuals."""

    collectives: int
    individuals: int
    source: str = ""


class NoData:
    """A source that knows nothing: the text's own arithmetic is still checked."""

    def figure(self, code: str) -> KnownFigure | None:
        return None

    def plan_count(self, code: str, threshold: Decimal) -> KnownCount | None:
        return None

    def count_if(self, code: str, operator: str, threshold: Decimal, unit: str) -> KnownCount | None:
        return None

    def commendations(self) -> KnownCommendations | None:
        return None


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal | None:
    """A written amount in another unit of the same kind ("975,9 tỷ đồng" → triệu đồng), or None."""
    if from_unit == to_unit or not from_unit or not to_unit:
        return value
    source, target = vocab.MONEY_UNITS.get(from_unit), vocab.MONEY_UNITS.get(to_unit)
    if source and target:
        if source[0] != target[0]:
            return None
        return value * source[1] / target[1]
    income_from, income_to = from_unit.split("/")[0], to_unit.split("/")[0]
    if from_unit.endswith("/người/tháng") and to_unit.endswith("/người/tháng"):
        return convert(value, income_from, income_to)
    return value if vocab.unit_kind_of(from_unit) == vocab.unit_kind_of(to_unit) else None


def _unit_factor(from_unit: str, to_unit: str) -> Decimal:
    converted = convert(Decimal(1), from_unit, to_unit)
    return converted if converted is not None else Decimal(1)


def _written_matches(figure: TextFigure, actual: Decimal, actual_unit: str) -> bool:
    """Does the approved value (in its own unit) fall in the range the written figure allows?"""
    factor = _unit_factor(figure.unit, actual_unit) if figure.unit != "%" else Decimal(1)
    low, high = written_range(figure.value, figure.number.decimals, figure.qualifier)
    return low * factor <= actual <= high * factor


def _expected_text(value: Decimal, figure: TextFigure, known_unit: str, decimals: int) -> str:
    """The approved value written in the text's unit, with as many decimals as the text used."""
    unit = figure.unit or known_unit
    in_text_unit = value / _unit_factor(unit, known_unit) if unit != "%" else value
    shown = max(decimals, figure.number.decimals) if figure.number.decimals else 0
    if shown == 0 and abs(in_text_unit) < 10 and in_text_unit != in_text_unit.to_integral_value():
        shown = max(decimals, 1)
    number = fmt(in_text_unit, shown)
    return f"{number}%" if unit == "%" else f"{number} {unit}".strip()


def _not_checkable(figure: TextFigure, reason: str) -> Mark:
    return Mark(figure, NOT_CHECKABLE, reason)


def _check_value(figure: TextFigure, source: FigureSource) -> Mark:
    if figure.indicator is None:
        return _not_checkable(figure, _("No indicator could be tied to this figure from the words around it."))
    known = source.figure(figure.indicator)
    if known is None or (known.value if figure.role != "base" else known.same_period_value) is None:
        if figure.role == "base":
            return _not_checkable(figure, _("There is no approved figure for the same period last year."))
        return _not_checkable(figure, _("There is no approved figure for this indicator in this period and scope."))
    actual = known.value if figure.role != "base" else known.same_period_value
    assert actual is not None
    if convert(Decimal(1), figure.unit, known.unit_label) is None:
        return _not_checkable(
            figure,
            _("The unit written (%(written)s) cannot be compared with the indicator's unit (%(unit)s).")
            % {"written": figure.unit, "unit": known.unit_label},
        )
    if _written_matches(figure, actual, known.unit_label):
        return Mark(figure, CONFIRMED, known.name, source=known.source, link=known.link)
    return Mark(
        figure,
        WRONG,
        _("%(name)s: the approved figure is different.") % {"name": known.name},
        expected=_expected_text(actual, figure, known.unit_label, known.decimals),
        source=known.source,
        link=known.link,
    )


def _check_growth(figure: TextFigure, source: FigureSource) -> Mark:
    if "ambiguous" in figure.notes:
        return _not_checkable(
            figure, _("“tăng lên … %” does not say whether it is a change or a level; it cannot be checked.")
        )
    if figure.indicator is None:
        return _not_checkable(figure, _("No indicator could be tied to this change from the words around it."))
    known = source.figure(figure.indicator)
    if known is None or known.value is None:
        return _not_checkable(figure, _("There is no approved figure for this indicator in this period and scope."))
    if known.growth_percent is None:
        return _not_checkable(figure, _("No figure for the same period last year: the change cannot be checked."))
    if matches_written(known.growth_percent, figure.signed_value, figure.number.decimals, figure.qualifier):
        return Mark(
            figure,
            CONFIRMED,
            _("Change of %(name)s against the same period.") % {"name": known.name},
            source=known.source,
            link=known.link,
        )
    return Mark(
        figure,
        WRONG,
        _("%(name)s: the change against the same period is different.") % {"name": known.name},
        expected=describe_change(known.growth_percent, max(figure.number.decimals, 1)),
        source=known.source,
        link=known.link,
    )


def _check_count(figure: TextFigure, known: KnownCount | None, what: str) -> Mark:
    if known is None:
        return _not_checkable(figure, _("There is no approved data to count the units from."))
    if matches_written(Decimal(known.count), figure.value, figure.number.decimals, figure.qualifier):
        return Mark(figure, CONFIRMED, what, source=known.source, link=known.link)
    return Mark(
        figure,
        WRONG,
        _("%(what)s: the approved data gives a different count.") % {"what": what},
        expected=fmt(Decimal(known.count), 0),
        source=known.source,
        link=known.link,
    )


def _check_share(figure: TextFigure, known: KnownCount | None, what: str) -> Mark:
    if known is None or known.percent is None:
        return _not_checkable(figure, _("There is no approved data to count the units from."))
    recomputation = f"{known.count}/{known.total}"
    if matches_written(known.percent, figure.value, figure.number.decimals, figure.qualifier):
        return Mark(figure, CONFIRMED, what, source=known.source, link=known.link, recomputation=recomputation)
    return Mark(
        figure,
        WRONG,
        _("%(what)s: the approved data gives a different share.") % {"what": what},
        expected=fmt(known.percent, max(figure.number.decimals, 1)) + "%",
        source=known.source,
        link=known.link,
        recomputation=recomputation,
    )


def data_mark(figure: TextFigure, source: FigureSource) -> Mark:
    """The mark a figure gets from the approved data alone."""
    role = figure.role
    if role == "threshold":
        return _not_checkable(figure, _("A threshold or target in the text, not a result."))
    if role in ("value", "base", "total"):
        return _check_value(figure, source)
    if role == "part":
        if figure.indicator:
            return _check_value(figure, source)
        return _not_checkable(figure, _("A part of a total; the total is checked."))
    if role == "growth":
        return _check_growth(figure, source)
    if role == "plan_count":
        code = figure.indicator or vocab.DEFAULT_PLAN_INDICATOR
        threshold = Decimal(figure.notes[0]) if figure.notes else Decimal(100)
        what = _("Units reaching or exceeding %(threshold)s%% of plan") % {"threshold": fmt(threshold, 0)}
        return _check_count(figure, source.plan_count(code, threshold), what)
    if role in ("count_if", "count_share"):
        operator, threshold, unit = figure.notes[0], Decimal(figure.notes[1]), figure.notes[2]
        known = source.count_if(figure.indicator or "", operator, threshold, unit)
        what = _("Units meeting the condition")
        return _check_count(figure, known, what) if role == "count_if" else _check_share(figure, known, what)
    if role in ("commended_collectives", "commended_individuals"):
        counts = getattr(source, "commendations", lambda: None)()
        if counts is None:
            return _not_checkable(figure, _("There are no commendation records for this period."))
        count = counts.collectives if role == "commended_collectives" else counts.individuals
        return _check_count(figure, KnownCount(count=count, total=0, source=counts.source), _("Commendations"))
    if role == "share":
        return _not_checkable(figure, _("A share whose part and whole are not given; it cannot be checked."))
    return _not_checkable(figure, _("This figure cannot be checked."))
