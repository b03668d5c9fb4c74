"""What the checker reads a text into: the claims a text makes about its own figures (typed), and
the reader the claim finders share (the figures with their sentence and paragraph)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .layout import Layout
from .numbers import TextFigure


@dataclass
class ShareClaim:
    stated: TextFigure
    part: TextFigure | None
    whole: TextFigure | None
    strong: bool
    fraction: tuple[str, str] | None = None  # "48", "615" when written as a fraction
    alternatives: list[TextFigure] = field(default_factory=list)  # other totals a reading may mean
    base_of: ShareClaim | None = None  # the earlier claim whose described base this one shares
    siblings: list[TextFigure] = field(default_factory=list)  # a sum of like figures may be the total


@dataclass
class SumClaim:
    total: TextFigure
    parts: list[TextFigure]
    exhaustive: bool  # must add up; otherwise must not exceed


@dataclass
class PercentSumClaim:
    shares: list[TextFigure]
    exhaustive: bool  # must add up to 100%; otherwise must not exceed it


@dataclass
class GrowthClaim:
    stated: TextFigure
    current: TextFigure
    base: TextFigure
    added: bool = False  # "kết nạp k …, nâng tổng số từ X lên Y": the stated k is Y − X


Claim = ShareClaim | SumClaim | PercentSumClaim | GrowthClaim


def head(noun: str) -> str:
    words = noun.split()
    return " ".join(words[:2]) if len(words) >= 2 else (words[0] if words else "")


def nouns_match(a: str, b: str) -> bool:
    if not a or not b:
        return False
    ha, hb = head(a), head(b)
    return a.startswith(hb) or b.startswith(ha)


def compatible(a: TextFigure, b: TextFigure) -> bool:
    if a.kind != b.kind:
        return False
    return a.kind != "count" or not (a.noun and b.noun) or _countable(a.noun) == _countable(b.noun)


def _countable(noun: str) -> bool:
    """People and things are counted apart: "người" never adds up with "doanh nghiệp"."""
    return noun.startswith(_PEOPLE)


_PEOPLE = (
    "người",
    "lao động",
    "đảng viên",
    "đoàn viên",
    "hội viên",
    "cán bộ",
    "công nhân",
    "đồng chí",
    "học viên",
    "lượt",
    "quần chúng",
    "công chức",
    "viên chức",
    "trường hợp",
)


def is_quantity(figure: TextFigure) -> bool:
    return figure.kind not in ("percent", "times", "points") and not figure.change and figure.high is None


@dataclass
class Reader:
    text: str
    figures: list[TextFigure]
    layout: Layout
    claims: list[Claim] = field(default_factory=list)
    sentence: list[int] = field(default_factory=list)
    paragraph: list[int] = field(default_factory=list)
    described: dict[str, ShareClaim] = field(default_factory=dict)
    used_as_share: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.sentence = [self.layout.sentence_of(f.number.start) for f in self.figures]
        self.paragraph = [self.layout.paragraph_of(f.number.start) for f in self.figures]

    def between(self, start: int, end: int) -> str:
        return self.layout.lowered[start:end]
