"""Check a text: read its figures, recompute its own arithmetic, compare the figures about the bloc
and the chosen period with the approved data, and give every figure one mark:

- confirmed: it matches the approved data, or its own arithmetic when it has no indicator;
- wrong: the approved data says otherwise (the right figure and its source are given);
- inconsistent: the text contradicts itself (the recomputation and the right figure are given);
- out of scope: about another organisation or period; only its arithmetic is checked;
- not checkable: no indicator, no data, or a threshold/target, not a result (and why).

A figure written the English way or malformed also carries its right form (a style warning).
"""

from __future__ import annotations

from khoi.core.formatting import format_number
from khoi.reporting.periods import Period

from .arithmetic import Verdict, check
from .claims import extract
from .data import FigureSource, NoData, data_mark
from .i18n import gettext as _
from .indicators import analyse
from .layout import Layout
from .numbers import TextFigure, clean_text, find_figures
from .results import CONFIRMED, INCONSISTENT, NOT_CHECKABLE, OUT_OF_SCOPE, CheckResult, Mark
from .scope import Scope, named_period

MAX_TEXT_LENGTH = 200_000  # characters; a longer paste is refused with a clear message


class CheckerInputError(ValueError):
    """The text cannot be checked (empty, too long, not text, no figures): a message for people."""


def too_long(length: int) -> str:
    """The message for a text of `length` characters (or bytes, when it is too big to read)."""
    return _("The text is too long (%(length)s characters); the checker reads at most %(limit)s.") % {
        "length": format_number(length),
        "limit": format_number(MAX_TEXT_LENGTH),
    }


def validate_text(text: str) -> None:
    if not text or not text.strip():
        raise CheckerInputError(_("Paste the text of the article to check."))
    if len(text) > MAX_TEXT_LENGTH:
        raise CheckerInputError(too_long(len(text)))

    unreadable = sum(1 for ch in text[:4000] if ch == "\x00" or ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r"))
    if unreadable > max(8, len(text[:4000]) // 20):
        raise CheckerInputError(_("This is not the text of an article (it looks like the content of a binary file)."))
    if not clean_text(text).strip():
        raise CheckerInputError(_("Paste the text of the article to check."))


def _problem(kind: str) -> str:
    messages = {
        "share": _("The share does not match the part and the whole written in the text."),
        "sum": _("The parts do not add up to this total."),
        "parts_exceed": _("The parts add up to more than this total."),
        "percent_sum": _("The shares of this breakdown do not add up to 100%."),
        "growth": _("The change does not match the two values written in the text."),
        "running_total": _("The new total does not match the previous total plus what was added."),
    }
    return messages[kind]


def _verdicts(text: str, figures: list[TextFigure], layout: Layout) -> dict[int, Verdict]:
    """The arithmetic's verdict on each figure (by id): a contradiction wins over an agreement."""
    found: dict[int, Verdict] = {}
    for claim in extract(text, figures, layout):
        verdict = check(claim)
        if verdict is None:
            continue
        key = id(verdict.figure)
        if key not in found or (found[key].consistent and not verdict.consistent):
            found[key] = verdict
    return found


def _style_form(figure: TextFigure) -> str:
    if not figure.style:
        return ""
    written = figure.text
    at = figure.number.start - figure.start
    return written[:at] + figure.style + written[at + len(figure.number.text) :]


def check_text(text: str, source: FigureSource | None = None, *, period: Period | None = None) -> CheckResult:
    """Check every figure of a text; `source` gives the approved figures of `period` (none: the
    text's own arithmetic only)."""
    validate_text(text)
    text = clean_text(text)
    source = source or NoData()
    figures = find_figures(text)
    if not figures:
        raise CheckerInputError(_("The text contains no figures to check."))
    layout = Layout.of(text)
    analyse(text, figures, layout.lowered)

    verdicts = _verdicts(text, figures, layout)
    scope = Scope.of(layout, period)
    result = CheckResult(text=text)
    for figure in figures:
        verdict = verdicts.get(id(figure))
        mark = _mark(figure, verdict, scope, source)
        mark.style = _style_form(figure)
        result.marks.append(mark)
    return result


def _mark(figure: TextFigure, verdict: Verdict | None, scope: Scope, source: FigureSource) -> Mark:
    if verdict is not None and not verdict.consistent:
        return Mark(
            figure, INCONSISTENT, _problem(verdict.kind), expected=verdict.expected, recomputation=verdict.recomputation
        )
    recomputation = verdict.recomputation if verdict is not None else ""
    outside = scope.out_of_scope(figure.number.start)
    if outside:
        if outside == "other":
            message = _("Outside the bloc's data (the text speaks of another organisation or area).")
        else:
            message = _("About %(period)s, not the period chosen.") % {"period": outside}
        if recomputation:
            message += " " + _("Consistent with the text.")
        return Mark(figure, OUT_OF_SCOPE, message, recomputation=recomputation)
    mark = data_mark(figure, source)
    if verdict is not None:
        mark.recomputation = recomputation
        if mark.status == NOT_CHECKABLE:
            return Mark(figure, CONFIRMED, _("Consistent with the text."), recomputation=recomputation)
    return mark


def text_period(text: str, year: int) -> Period | None:
    """The period a text names for its figures (the checker page's default), if it names one."""
    return named_period(clean_text(text), year)
