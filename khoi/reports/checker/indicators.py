"""Tie each figure of a text to an indicator of the catalogue and give it a role (a value, a change,
a threshold, a count of units meeting a condition…), from the words around it. No database."""

from __future__ import annotations

import bisect
import re

from . import vocabulary as vocab
from .numbers import TextFigure, clean_text, find_figures, parse_number, same_words

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


_PHRASES = {phrase: words.code for words in vocab.INDICATOR_WORDS for phrase in words.phrases}
_PHRASE = re.compile(r"(?<!\w)(?=(" + "|".join(re.escape(p) for p in sorted(_PHRASES, key=len, reverse=True)) + r"))")


def _keyword_hits(window: str) -> list[tuple[int, str]]:
    """(end position, indicator code) of every indicator phrase in a window, nearest last."""
    lowered = same_words(window)
    hits = []
    for match in _PHRASE.finditer(lowered):
        phrase = match.group(1)
        end = match.start() + len(phrase)
        if end < len(lowered) and lowered[end].isalnum():
            continue
        hits.append((end, _PHRASES[phrase]))
        # a shorter phrase ending elsewhere inside this one ("doanh thu" in "tổng doanh thu")
        for shorter, code in _PHRASES.items():
            if len(shorter) < len(phrase) and phrase.startswith(shorter) and not phrase[len(shorter)].isalnum():
                hits.append((match.start() + len(shorter), code))
    return sorted(hits)


def _nearest(window: str, unit_kind: str | None, *, from_end: bool = True) -> str | None:
    hits = _keyword_hits(window)
    compatible = [code for _, code in hits if unit_kind is None or vocab.BY_CODE[code].unit_kind == unit_kind]
    if not compatible:
        return None
    return compatible[-1] if from_end else compatible[0]


def _bounds(text: str, pattern: re.Pattern[str]) -> list[int]:
    return [0] + [match.end() for match in pattern.finditer(text)]


def _span_of(position: int, bounds: list[int], length: int) -> tuple[int, int]:
    at = bisect.bisect_right(bounds, position) - 1
    return bounds[at], bounds[at + 1] if at + 1 < len(bounds) else length


# The shorter phrases a phrase begins with ("doanh thu" in "doanh thu sản xuất kinh doanh").
_PREFIXES = {
    phrase: [
        (shorter, code)
        for shorter, code in _PHRASES.items()
        if len(shorter) < len(phrase) and phrase.startswith(shorter) and not phrase[len(shorter)].isalnum()
    ]
    for phrase in _PHRASES
}


class _Hits:
    """Every indicator phrase of a text, found once: (end, start, code) sorted by end."""

    def __init__(self, lowered: str) -> None:
        items = []
        for match in _PHRASE.finditer(lowered):
            phrase = match.group(1)
            end = match.start() + len(phrase)
            if end < len(lowered) and lowered[end].isalnum():
                continue
            items.append((end, match.start(), _PHRASES[phrase]))
            for shorter, code in _PREFIXES[phrase]:
                items.append((match.start() + len(shorter), match.start(), code))
        items.sort()
        self.items = items
        self.ends = [end for end, _, _ in items]

    def nearest(self, start: int, end: int, unit_kind: str | None, *, from_end: bool = True) -> str | None:
        """The indicator of the phrase nearest the end (or the start) of text[start:end]."""
        low, high = bisect.bisect_left(self.ends, start), bisect.bisect_right(self.ends, end)
        codes = [
            code
            for _, begin, code in self.items[low:high]
            if begin >= start and (unit_kind is None or vocab.BY_CODE[code].unit_kind == unit_kind)
        ]
        if not codes:
            return None
        return codes[-1] if from_end else codes[0]


def analyse(text: str, figures: list[TextFigure] | None = None, lowered: str = "") -> list[TextFigure]:
    """The figures of a text with their role and indicator (no data needed)."""
    text = clean_text(text)
    figures = find_figures(text) if figures is None else figures
    if len(lowered) != len(text):
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    hits = _Hits(lowered)
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
        clause = _span_of(figure.number.start, clauses, len(text))
        sentence = _span_of(figure.number.start, sentences, len(text))
        window_start = max(clause[0], previous_end)
        window = lowered[window_start : figure.start]
        next_start = figures[index + 1].start if index + 1 < len(figures) else len(text)
        after_end = min(clause[1], next_start)
        previous_end = figure.end
        lowered_before = lowered[max(0, figure.start - 12) : figure.start]
        lowered_after = same_words(lowered[figure.end : min(after_end, figure.end + 30)])

        if figure.role not in ("value", "growth"):
            continue
        if figure.unit.startswith("%/") or (
            lowered_before.rstrip().endswith("từ") and re.match(r"\s*(?:\S+\s+){0,2}trở (?:lên|xuống)", lowered_after)
        ):
            figure.role = "threshold"
            continue
        if figure.change == "tăng" and same_words(lowered[figure.start : figure.number.start]).startswith("tăng lên"):
            figure.role = "growth"
            figure.notes.append("ambiguous")
            continue
        if lowered_before.rstrip().endswith("chiếm") and figure.unit == "%":
            figure.role = "share"
            continue
        if figure.role == "value" and figure.change and figure.unit == "%":
            figure.role = "growth"
        if figure.role == "growth":
            keyword = hits.nearest(window_start, figure.start, None)
            anchor = last_value.get(clause) or last_value.get(sentence)
            figure.indicator = keyword if keyword else (anchor.indicator if anchor else None)
            continue

        kind = vocab.unit_kind_of(figure.unit)
        # Nearest words first: this part of the clause ("…, nhóm ngân hàng đạt tổng mức huy động
        # vốn 57.763"), then what follows ("đóng góp 4,7 tỷ đồng cho công tác an sinh xã hội"),
        # then the noun counted, then the whole stretch since the previous figure.
        indicator = None
        if kind:
            indicator = hits.nearest(window_start + window.rfind(",") + 1, figure.start, kind)
            indicator = indicator or hits.nearest(figure.end, after_end, kind, from_end=False)
        if indicator is None and figure.unit.lower() in vocab.NOUN_INDICATOR:
            indicator = vocab.NOUN_INDICATOR[figure.unit.lower()]
        if indicator is None and kind:
            indicator = hits.nearest(window_start, figure.start, kind)
        previous = figures[index - 1] if index else None
        if indicator is None and previous is not None and previous.role == "base" and previous.unit == figure.unit:
            indicator = previous.indicator  # "từ 11.008 tỷ đồng lên 14.167 tỷ đồng"
        figure.indicator = indicator
        anchor = last_value.get(clause)
        # A base of comparison: "so với cùng kỳ (11.008 tỷ đồng)", "từ 11.008 tỷ đồng lên 14.167 tỷ đồng".
        said_base = re.search(r"cùng kỳ|so với", window) is not None

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
