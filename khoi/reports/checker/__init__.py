"""The article checker: reads the figures of a Vietnamese text, recomputes its own arithmetic and
compares the figures about the bloc with the approved data. No database here: the data side
(`khoi.reports.figure_source.article_check`) gives a `FigureSource` over the reporting engine.

Modules: `numbers` (numbers as Vietnamese writes them), `tolerance` (what a written figure
allows), `layout` (sentences, paragraphs), `reader` (the typed claims), `claims` (shares, totals
and parts), `changes` (growth with both values), `arithmetic` (checking the claims), `indicators`
(tying figures to the catalogue), `scope` (whose figure, which period), `data` (comparison with
approved figures), `core` (a text's marks). The corpus it is measured on is in
khoi/reports/tests/corpus/ (`bench/checker_corpus.py`).
"""

from .core import MAX_TEXT_LENGTH, CheckerInputError, check_text, text_period, too_long, validate_text
from .data import FigureSource, KnownCommendations, KnownCount, KnownFigure, NoData, convert
from .indicators import analyse
from .results import (
    CONFIRMED,
    INCONSISTENT,
    NOT_CHECKABLE,
    OUT_OF_SCOPE,
    STATUSES,
    WRONG,
    CheckResult,
    Mark,
    figures_of,
    summary,
)
from .tolerance import rounding_half_width

__all__ = [
    "CONFIRMED",
    "INCONSISTENT",
    "MAX_TEXT_LENGTH",
    "NOT_CHECKABLE",
    "OUT_OF_SCOPE",
    "STATUSES",
    "WRONG",
    "CheckResult",
    "CheckerInputError",
    "FigureSource",
    "KnownCommendations",
    "KnownCount",
    "KnownFigure",
    "Mark",
    "NoData",
    "analyse",
    "check_text",
    "convert",
    "figures_of",
    "rounding_half_width",
    "summary",
    "text_period",
    "too_long",
    "validate_text",
]
