"""The article checker's core: read the figures of a text, tie them to indicators, recompute the
text's own arithmetic, and compare with the approved figures a `FigureSource` gives. No database.

Each figure gets one mark:
- confirmed: it matches the approved data (or its own arithmetic, when it has no indicator);
- wrong: the approved data says otherwise (the right figure and its source are given);
- inconsistent: the text contradicts itself (the recomputation is given);
- not checkable: no indicator, no data, or it is a threshold/target, not a result (and why).

The database side (`selectors.article_check`) implements `FigureSource` over the reporting
engine's selectors; tests use an in-memory one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext as _

from khoi.core.formatting import format_number, round_half_up

from . import vocabulary as vocab
from .vn_figures import (
    TextFigure,
    find_figures,
    find_fractions,
    matches_written,
    normalise,
    parse_number,
    rounding_half_width,
    same_words,
    written_range,
)

MAX_TEXT_LENGTH = 200_000  # characters; a 1 MB paste is refused with a clear message

CONFIRMED = "confirmed"
WRONG = "wrong"
INCONSISTENT = "inconsistent"
NOT_CHECKABLE = "not_checkable"
STATUSES = (CONFIRMED, WRONG, INCONSISTENT, NOT_CHECKABLE)


# ---- What the data side provides ---------------------------------------------------------------


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


# ---- Results -----------------------------------------------------------------------------------


@dataclass
class Mark:
    figure: TextFigure
    status: str
    message: str
    expected: str = ""  # the right figure, formatted as an article writes it
    source: str = ""
    link: str = ""
    recomputation: str = ""

    @property
    def start(self) -> int:
        return self.figure.start

    @property
    def end(self) -> int:
        return self.figure.end

    def as_dict(self) -> dict[str, object]:
        return {
            "text": self.figure.text,
            "start": self.figure.start,
            "end": self.figure.end,
            "status": self.status,
            "indicator": self.figure.indicator or "",
            "role": self.figure.role,
            "message": self.message,
            "expected": self.expected,
            "data_source": self.source,
            "link": self.link,
            "recomputation": self.recomputation,
        }


@dataclass
class CheckResult:
    text: str
    marks: list[Mark] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for mark in self.marks if mark.status == status)

    @property
    def has_problems(self) -> bool:
        return any(mark.status in (WRONG, INCONSISTENT) for mark in self.marks)

    def segments(self) -> list[tuple[str, Mark | None]]:
        """The text cut into plain pieces and marked figures, for display."""
        pieces: list[tuple[str, Mark | None]] = []
        position = 0
        for mark in sorted(self.marks, key=lambda m: m.start):
            if mark.start < position:
                continue
            pieces.append((self.text[position : mark.start], None))
            pieces.append((self.text[mark.start : mark.end], mark))
            position = mark.end
        pieces.append((self.text[position:], None))
        return [(text, mark) for text, mark in pieces if text]


class CheckerInputError(ValueError):
    """The text cannot be checked (empty, too long, no figures): a message for people."""


# ---- Reading the text --------------------------------------------------------------------------

_CLAUSE_END = re.compile(r";|(?<!\d)[.!?](?=\s|$)|\n|…(?=\s*[A-ZĐ])")
_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?=\s|$)|\n")
_PLAN = re.compile(
    r"(\d+)\s+(?:đơn vị|doanh nghiệp)\s+(?:đã\s+)?(?:đạt và vượt|hoàn thành và vượt|hoàn thành|vượt|đạt)\s+"
    r"(?:mức\s+)?(\d+)\s*%\s+kế hoạch(?:\s+(doanh thu|lợi nhuận|nộp ngân sách))?",
    re.IGNORECASE,
)
_COUNT_IF = re.compile(
    r"(\d+)\s+(?:doanh nghiệp|đơn vị)\s+((?:[^\W\d]+\s+){1,6}?)(từ|trên|dưới)\s+([\d.,]+)\s+"
    r"(tỷ đồng|tỷ|triệu đồng|triệu USD)(?:\s+trở lên)?(?:\s*\(\s*chiếm\s+([\d.,]+)\s*%\s*\))?",
    re.IGNORECASE,
)
_OPERATORS = {"từ": ">=", "trên": ">", "dưới": "<"}
_COMMENDATION = re.compile(r"(\d+)\s+tập thể\s+và\s+(\d+)\s+cá nhân", re.IGNORECASE)


def _keyword_hits(window: str) -> list[tuple[int, str]]:
    """(end position, indicator code) of every indicator phrase in a window, nearest last."""
    lowered = same_words(window)
    hits = []
    for words in vocab.INDICATOR_WORDS:
        for phrase in words.phrases:
            for match in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", lowered):
                hits.append((match.end(), words.code))
    return sorted(hits)


def _nearest(window: str, unit_kind: str | None, *, from_end: bool = True) -> str | None:
    hits = _keyword_hits(window)
    compatible = [code for _, code in hits if unit_kind is None or vocab.BY_CODE[code].unit_kind == unit_kind]
    if not compatible:
        return None
    return compatible[-1] if from_end else compatible[0]


def _bounds(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in pattern.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _span_of(position: int, bounds: list[tuple[int, int]]) -> tuple[int, int]:
    for start, end in bounds:
        if start <= position < end:
            return start, end
    return bounds[-1]


def analyse(text: str) -> list[TextFigure]:
    """The figures of a text with their role and indicator (no data needed)."""
    text = normalise(text)
    figures = find_figures(text)
    by_start = {figure.number.start: figure for figure in figures}
    clauses = _bounds(text, _CLAUSE_END)
    sentences = _bounds(text, _SENTENCE_END)

    # Patterns first: plan completion counts and counts of units meeting a condition.
    for match in _PLAN.finditer(text):
        count, threshold = by_start.get(match.start(1)), by_start.get(match.start(2))
        if count is None or threshold is None:
            continue
        count.role, count.indicator = (
            "plan_count",
            vocab.PLAN_SUBJECTS.get((match.group(3) or "").lower(), vocab.DEFAULT_PLAN_INDICATOR),
        )
        count.notes.append(str(parse_number(match.group(2))[0]))
        threshold.role = "threshold"
    for match in _COUNT_IF.finditer(text):
        count, threshold = by_start.get(match.start(1)), by_start.get(match.start(4))
        subject = _nearest(match.group(2), None)
        if count is None or threshold is None or subject is None:
            continue
        count.role, count.indicator = "count_if", subject
        count.notes.extend([_OPERATORS[match.group(3).lower()], str(threshold.value), threshold.unit])
        threshold.role = "threshold"
        if match.group(6):
            share = by_start.get(match.start(6))
            if share is not None:
                share.role, share.indicator = "count_share", subject
                share.notes.extend(count.notes)

    for match in _COMMENDATION.finditer(text):
        for group, role in ((1, "commended_collectives"), (2, "commended_individuals")):
            figure = by_start.get(match.start(group))
            if figure is not None:
                figure.role, figure.indicator = role, "commendations"

    previous_end = 0
    last_value: dict[tuple[int, int], TextFigure] = {}
    for index, figure in enumerate(figures):
        clause = _span_of(figure.number.start, clauses)
        sentence = _span_of(figure.number.start, sentences)
        window_start = max(clause[0], previous_end)
        window = text[window_start : figure.start]
        next_start = figures[index + 1].start if index + 1 < len(figures) else len(text)
        after = text[figure.end : min(clause[1], next_start)]
        previous_end = figure.end
        lowered_before = same_words(text[max(0, figure.start - 12) : figure.start])
        lowered_after = same_words(after[:30])

        if figure.role not in ("value", "growth"):
            continue
        if figure.unit.startswith("%/") or (
            lowered_before.rstrip().endswith("từ") and re.match(r"\s*(?:\S+\s+){0,2}trở (?:lên|xuống)", lowered_after)
        ):
            figure.role = "threshold"
            continue
        if figure.change == "tăng" and same_words(text[figure.start : figure.number.start]).startswith("tăng lên"):
            figure.role = "growth"
            figure.notes.append("ambiguous")
            continue
        if lowered_before.rstrip().endswith("chiếm") and figure.unit == "%":
            figure.role = "share"
            continue
        if figure.role == "value" and figure.change and figure.unit == "%":
            figure.role = "growth"
        if figure.role == "growth":
            keyword = _nearest(window, None)
            anchor = last_value.get(clause) or last_value.get(sentence)
            figure.indicator = keyword if keyword else (anchor.indicator if anchor else None)
            continue

        kind = vocab.unit_kind_of(figure.unit)
        # Nearest words first: this part of the clause ("…, nhóm ngân hàng đạt tổng mức huy động
        # vốn 57.763"), then what follows ("đóng góp 4,7 tỷ đồng cho công tác an sinh xã hội"),
        # then the noun counted, then the whole stretch since the previous figure.
        indicator = None
        if kind:
            indicator = _nearest(window[window.rfind(",") + 1 :], kind)
            indicator = indicator or _nearest(after, kind, from_end=False)
        if indicator is None and figure.unit.lower() in vocab.NOUN_INDICATOR:
            indicator = vocab.NOUN_INDICATOR[figure.unit.lower()]
        if indicator is None and kind:
            indicator = _nearest(window, kind)
        previous = figures[index - 1] if index else None
        if indicator is None and previous is not None and previous.role == "base" and previous.unit == figure.unit:
            indicator = previous.indicator  # "từ 11.008 tỷ đồng lên 14.167 tỷ đồng"
        figure.indicator = indicator
        anchor = last_value.get(clause)
        # A base of comparison: "so với cùng kỳ (11.008 tỷ đồng)", "từ 11.008 tỷ đồng lên 14.167 tỷ đồng".
        said_base = re.search(r"cùng kỳ|so với", same_words(window)) is not None
        said_from = lowered_before.rstrip().endswith("từ") and lowered_after.lstrip().startswith("lên")
        if said_from and indicator:
            figure.role = "base"
        elif said_base and anchor is not None and anchor.unit == figure.unit:
            figure.role = "base"
            figure.indicator = anchor.indicator
            continue
        if figure.role == "value":
            last_value[clause] = figure
            last_value[sentence] = figure
        elif figure.role == "base":
            continue
    return figures


# ---- The text's own arithmetic -----------------------------------------------------------------


def _fmt(value: Decimal, decimals: int) -> str:
    return format_number(value, decimals, keep_zeros=decimals > 0)


def _percent_matches(actual: Decimal, written: TextFigure) -> bool:
    return matches_written(actual, written.value, written.number.decimals, written.qualifier)


def internal_checks(text: str, figures: list[TextFigure]) -> dict[int, Mark]:
    """Recompute what the text says about itself; marks by figure start."""
    text = normalise(text)
    marks: dict[int, Mark] = {}
    by_number = {figure.number.start: figure for figure in figures}

    # A part over a whole given as a percentage: "12/150 doanh nghiệp (chiếm 9,0%)".
    for _start, end, part, whole in find_fractions(text):
        share = next(
            (f for f in figures if f.unit == "%" and end <= f.number.start <= end + 40 and f.role == "share"), None
        )
        if share is None or whole == 0:
            continue
        share.role = "share"
        actual = part * 100 / whole
        decimals = share.number.decimals
        recomputation = _("%(part)s/%(whole)s = %(percent)s%%") % {
            "part": _fmt(part, 0),
            "whole": _fmt(whole, 0),
            "percent": _fmt(actual, max(decimals, 1)),
        }
        if _percent_matches(actual, share):
            marks[share.start] = Mark(share, CONFIRMED, _("Consistent with the text."), recomputation=recomputation)
        else:
            marks[share.start] = Mark(
                share,
                INCONSISTENT,
                _("The share does not match the part and the whole written in the text."),
                expected=_fmt(actual, max(decimals, 1)) + "%",
                recomputation=recomputation,
            )

    # Parts that must add up to a total: "93 tổ chức cơ sở Đảng (36 đảng bộ và 57 chi bộ)".
    for total in figures:
        after = text[total.end : total.end + 3]
        if not after.lstrip().startswith("(") or total.unit == "%" or total.change:
            continue
        open_at = text.index("(", total.end)
        close_at = text.find(")", open_at)
        if close_at < 0:
            continue
        parts = [f for f in figures if open_at < f.number.start < close_at]
        inner = same_words(text[open_at + 1 : close_at])
        if len(parts) < 2 or "%" in inner or any(p.change for p in parts) or not re.search(r"\bvà\b|,", inner):
            continue
        added = sum((p.value for p in parts), Decimal(0))
        for item in parts:
            item.role = "part"
        decimals = max(p.number.decimals for p in parts)
        recomputation = " + ".join(_fmt(p.value, p.number.decimals) for p in parts) + " = " + _fmt(added, decimals)
        if matches_written(added, total.value, total.number.decimals, total.qualifier) or (
            total.qualifier and written_range(total.value, total.number.decimals, total.qualifier)[0] <= added
        ):
            total.notes.append("parts_ok")
            continue
        total.role = "total"
        marks[total.start] = Mark(
            total,
            INCONSISTENT,
            _("The parts in brackets do not add up to this total."),
            expected=_fmt(added, decimals),
            recomputation=recomputation,
        )

    # A growth rate given with both values.
    for growth in figures:
        if growth.role != "growth" or "ambiguous" in growth.notes:
            continue
        same = [f for f in figures if f.indicator == growth.indicator and f.indicator]
        current = next(
            (f for f in reversed(same) if f.role == "value" and f.number.start < growth.number.start), None
        ) or next((f for f in same if f.role == "value"), None)
        base = next((f for f in same if f.role == "base"), None)
        if current is None or base is None or base.value == 0 or base.unit != current.unit:
            continue
        actual = (current.value - base.value) * 100 / abs(base.value)
        recomputation = _("(%(current)s − %(base)s) / %(base)s = %(percent)s%%") % {
            "current": _fmt(current.value, current.number.decimals),
            "base": _fmt(base.value, base.number.decimals),
            "percent": _fmt(actual, max(growth.number.decimals, 1)),
        }
        if matches_written(actual, growth.signed_value, growth.number.decimals, growth.qualifier):
            growth.notes.append("internally_ok:" + recomputation)
            continue
        if by_number.get(growth.number.start) is not None:
            marks[growth.start] = Mark(
                growth,
                INCONSISTENT,
                _("The change does not match the two values written in the text."),
                expected=_describe_change(actual, growth.number.decimals),
                recomputation=recomputation,
            )
    return marks


def _describe_change(percent: Decimal, decimals: int) -> str:
    rounded = round_half_up(percent, decimals)
    if rounded < 0:
        return _("down %(percent)s") % {"percent": format_number(-rounded, decimals) + "%"}
    return _("up %(percent)s") % {"percent": format_number(rounded, decimals) + "%"}


# ---- Against the approved data -----------------------------------------------------------------


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
    number = _fmt(in_text_unit, shown)
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
        expected=_describe_change(known.growth_percent, max(figure.number.decimals, 1)),
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
        expected=_fmt(Decimal(known.count), 0),
        source=known.source,
        link=known.link,
    )


def _check_share(figure: TextFigure, known: KnownCount | None, what: str) -> Mark:
    if known is None or known.percent is None:
        return _not_checkable(figure, _("There is no approved data to count the units from."))
    recomputation = f"{known.count}/{known.total}"
    if _percent_matches(known.percent, figure):
        return Mark(figure, CONFIRMED, what, source=known.source, link=known.link, recomputation=recomputation)
    return Mark(
        figure,
        WRONG,
        _("%(what)s: the approved data gives a different share.") % {"what": what},
        expected=_fmt(known.percent, max(figure.number.decimals, 1)) + "%",
        source=known.source,
        link=known.link,
        recomputation=recomputation,
    )


def check_text(text: str, source: FigureSource | None = None) -> CheckResult:
    """Check every figure of a text; `source` gives the approved figures (none: arithmetic only)."""
    validate_text(text)
    text = normalise(text)
    source = source or NoData()
    figures = analyse(text)
    if not figures:
        raise CheckerInputError(_("The text contains no figures to check."))
    internal = internal_checks(text, figures)
    result = CheckResult(text=text)
    for figure in figures:
        if figure.start in internal and internal[figure.start].status == INCONSISTENT:
            result.marks.append(internal[figure.start])
            continue
        mark = _mark_for(figure, source, internal.get(figure.start))
        result.marks.append(mark)
    return result


def _mark_for(figure: TextFigure, source: FigureSource, internal: Mark | None) -> Mark:
    role = figure.role
    if role == "threshold":
        return _not_checkable(figure, _("A threshold or target in the text, not a result."))
    if role in ("value", "base", "total"):
        mark = _check_value(figure, source)
        if mark.status == NOT_CHECKABLE and "parts_ok" in figure.notes:
            return Mark(figure, CONFIRMED, _("The parts in brackets add up to this total."))
        return mark
    if role == "part":
        if figure.indicator:
            return _check_value(figure, source)
        return _not_checkable(figure, _("A part of a total; the total is checked."))
    if role == "growth":
        mark = _check_growth(figure, source)
        internally = next((note for note in figure.notes if note.startswith("internally_ok:")), "")
        if internally:
            mark.recomputation = internally.split(":", 1)[1]
            if mark.status == NOT_CHECKABLE:
                return Mark(
                    figure,
                    CONFIRMED,
                    _("Consistent with the two values in the text."),
                    recomputation=mark.recomputation,
                )
        return mark
    if role == "plan_count":
        code = figure.indicator or vocab.DEFAULT_PLAN_INDICATOR
        threshold = Decimal(figure.notes[0]) if figure.notes else Decimal(100)
        what = _("Units reaching or exceeding %(threshold)s%% of plan") % {"threshold": _fmt(threshold, 0)}
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
        if internal is not None:
            return internal
        return _not_checkable(figure, _("A share whose part and whole are not given; it cannot be checked."))
    return _not_checkable(figure, _("This figure cannot be checked."))


def validate_text(text: str) -> None:
    if not text or not text.strip():
        raise CheckerInputError(_("Paste the text of the article to check."))
    if len(text) > MAX_TEXT_LENGTH:
        raise CheckerInputError(
            _("The text is too long (%(length)s characters); the checker reads at most %(limit)s.")
            % {"length": format_number(len(text)), "limit": format_number(MAX_TEXT_LENGTH)}
        )


def summary(result: CheckResult) -> dict[str, int]:
    return {status: result.count(status) for status in STATUSES}


def figures_of(marks: Sequence[Mark], status: str) -> list[str]:
    """The written figures with a given mark, in reading order (tests and the command use it)."""
    return [mark.figure.text for mark in sorted(marks, key=lambda m: m.start) if mark.status == status]


__all__ = [
    "CONFIRMED",
    "INCONSISTENT",
    "NOT_CHECKABLE",
    "WRONG",
    "CheckResult",
    "CheckerInputError",
    "FigureSource",
    "KnownCount",
    "KnownFigure",
    "Mark",
    "analyse",
    "check_text",
    "rounding_half_width",
]
