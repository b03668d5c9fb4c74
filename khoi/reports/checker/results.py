"""What the checker says about each figure: a mark with its status, and the result of a text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .numbers import TextFigure

CONFIRMED = "confirmed"
WRONG = "wrong"
INCONSISTENT = "inconsistent"
NOT_CHECKABLE = "not_checkable"
OUT_OF_SCOPE = "out_of_scope"
STATUSES = (CONFIRMED, WRONG, INCONSISTENT, NOT_CHECKABLE, OUT_OF_SCOPE)


@dataclass
class Mark:
    figure: TextFigure
    status: str
    message: str
    expected: str = ""  # the right figure, formatted as an article writes it
    source: str = ""
    link: str = ""
    recomputation: str = ""
    style: str = ""  # the figure as Vietnamese writes it, when it is written otherwise ("1,25%")

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
            "style": self.style,
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


def summary(result: CheckResult) -> dict[str, int]:
    counts = {status: result.count(status) for status in STATUSES}
    counts["style"] = sum(1 for mark in result.marks if mark.style)
    return counts


def figures_of(marks: Sequence[Mark], status: str) -> list[str]:
    """The written figures with a given mark, in reading order (tests and the command use it)."""
    return [mark.figure.text for mark in sorted(marks, key=lambda m: m.start) if mark.status == status]
