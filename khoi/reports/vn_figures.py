"""Find the figures in Vietnamese article text: pure functions, no database.

"14.167 tỷ đồng", "28,7%", "9,9 triệu đồng/người/tháng", "gần 27.000 lao động", "hơn 25.000",
"01 tỷ", "tăng 129%", "12/150 doanh nghiệp". Dots group thousands, a comma starts the decimals.
Dates ("16/7", "20/7/2021"), years ("năm 2021", "2020 – 2025"), document numbers ("05-CT/TW"),
batches ("đợt 1-2021") and ordinals ("lần thứ 2") are not figures and are skipped.

A written figure stands for a range of true values: the rounding of the digits written
("28,7" → [28,65; 28,75)) widened by its qualifier ("gần 27.000" → a little under 27.000).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from .vocabulary import COUNT_NOUNS, MONEY_UNITS

# Relative room a qualifier leaves: "gần 27.000" is within 5% under 27.000.
QUALIFIER_MARGIN = Decimal("0.05")
QUALIFIERS = {
    "gần": "below",
    "chưa tới": "below",
    "chưa đến": "below",
    "dưới": "below",
    "hơn": "above",
    "trên": "above",
    "ngoài": "above",
    "xấp xỉ": "about",
    "khoảng": "about",
    "ước": "about",
    "ước đạt": "about",
    "chừng": "about",
    "gần như": "about",
}

_NUMBER = re.compile(r"(?<![\w.,/-])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\w/]|[.,]\d|-\w)")
_DATE = re.compile(r"(?<![\w/])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\w/])")
_DOC_NUMBER = re.compile(r"(?<![\w/])\d+-[A-ZĐ][A-ZĐa-z]*(?:/[A-ZĐ][A-ZĐa-z]*)*")
_BATCH = re.compile(r"(?<![\w/])\d{1,2}-\d{4}\b")
_YEAR_RANGE = re.compile(r"\b(19|20)\d{2}\s*[–—-]\s*(19|20)\d{2}\b")
_ORDINAL = re.compile(r"\b(?:lần thứ|thứ|số|khóa|khoá|quý|tháng|ngày|đợt|điều|khoản|mục)\s+\d+\b", re.IGNORECASE)
# Spans of time ("6 tháng đầu năm", "5 năm thực hiện"): durations, not figures.
_DURATION = re.compile(r"\b\d+\s+(?:tháng|năm|quý|ngày|tuần|giờ|phút)(?!\w)", re.IGNORECASE)
_FRACTION = re.compile(r"(?<![\w/.,])(\d{1,3}(?:\.\d{3})+|\d+)\s*/\s*(\d{1,3}(?:\.\d{3})+|\d+)(?![\w/]|[.,]\d)")
_SPACES = re.compile(r"\s+")

# Written units, longest first so "triệu đồng/người/tháng" wins over "triệu đồng".
_UNIT_WORDS = sorted(
    [
        "triệu đồng/người/tháng",
        "nghìn đồng/người/tháng",
        "đồng/người/tháng",
        "%/năm",
        "%",
        *MONEY_UNITS.keys(),
        "tỷ",
        "triệu",
        "nghìn",
        *COUNT_NOUNS.keys(),
    ],
    key=len,
    reverse=True,
)


def normalise(text: str) -> str:
    """NFC (pasted text mixes composed and decomposed diacritics)."""
    return unicodedata.normalize("NFC", text)


@dataclass
class WrittenNumber:
    value: Decimal
    decimals: int  # digits written after the comma
    start: int
    end: int
    text: str


@dataclass
class TextFigure:
    """One figure as written: the number, its unit, its qualifier and its place in the text."""

    number: WrittenNumber
    unit: str = ""  # "tỷ đồng", "%", "triệu đồng/người/tháng", "lao động", ""
    qualifier: str = ""  # "gần", "hơn", …
    change: str = ""  # "tăng" / "giảm" when the figure is a change against a base
    start: int = 0  # the whole figure: qualifier/change word + number + unit
    end: int = 0
    text: str = ""
    role: str = "value"  # value | growth | share | threshold | plan_count | count_if | part | total
    indicator: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def value(self) -> Decimal:
        return self.number.value

    @property
    def signed_value(self) -> Decimal:
        """A change with its sign: "giảm 3,2%" → -3,2."""
        return -self.number.value if self.change == "giảm" else self.number.value


def parse_number(text: str) -> tuple[Decimal, int]:
    """ "14.167" → (14167, 0); "975,9" → (975.9, 1); "01" → (1, 0)."""
    whole, _, fraction = text.partition(",")
    digits = whole.replace(".", "")
    value = Decimal(f"{digits}.{fraction}") if fraction else Decimal(digits)
    return value, len(fraction)


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in (_DATE, _DOC_NUMBER, _BATCH, _YEAR_RANGE, _ORDINAL, _DURATION):
        spans.extend(match.span() for match in pattern.finditer(text))
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def find_numbers(text: str) -> list[WrittenNumber]:
    """Every written number that may be a figure (dates, years, document numbers left out)."""
    skipped = _skipped_spans(text)
    numbers = []
    for match in _NUMBER.finditer(text):
        if _inside(match.start(), skipped):
            continue
        raw = match.group(0)
        value, decimals = parse_number(raw)
        is_year = "." not in raw and "," not in raw and len(raw) == 4 and 1900 <= int(raw) <= 2100
        if is_year:
            continue
        numbers.append(WrittenNumber(value=value, decimals=decimals, start=match.start(), end=match.end(), text=raw))
    return numbers


def _unit_after(text: str, position: int) -> tuple[str, int]:
    """The unit written right after a number, and where it ends ("" when none)."""
    rest = text[position : position + 40]
    stripped = rest.lstrip(" \u00a0")
    offset = position + len(rest) - len(stripped)
    lowered = stripped.lower()
    for word in _UNIT_WORDS:
        if lowered.startswith(word.lower()):
            after = lowered[len(word) : len(word) + 1]
            if after and (after.isalnum() or after == "/") and word[-1].isalpha() and word != "%":
                continue
            return stripped[: len(word)], offset + len(word)
    return "", position


def _word_before(text: str, position: int, words: list[str]) -> tuple[str, int]:
    """A word from `words` written right before `position` (longest first), and where it starts."""
    before = text[max(0, position - 20) : position].rstrip(" \u00a0")
    lowered = before.lower()
    for word in sorted(words, key=len, reverse=True):
        if lowered.endswith(word) and (len(lowered) == len(word) or not lowered[-len(word) - 1].isalnum()):
            return word, position - (len(text[max(0, position - 20) : position]) - len(before)) - len(word)
    return "", position


def scale_unit(unit: str) -> str:
    """ "tỷ" alone is money in the seeds ("từ 01 tỷ đồng", "01 tỷ"): read it as "tỷ đồng"."""
    return {"tỷ": "tỷ đồng", "triệu": "triệu đồng", "nghìn": "nghìn đồng"}.get(unit, unit)


def find_figures(text: str) -> list[TextFigure]:
    """Every figure in the text with its unit, qualifier and change word, in reading order."""
    text = normalise(text)
    figures = []
    for number in find_numbers(text):
        unit, unit_end = _unit_after(text, number.end)
        start = number.start
        change, change_start = _word_before(text, start, ["tăng", "giảm", "tăng lên", "giảm xuống", "tăng thêm"])
        qualifier = ""
        if change:
            start = change_start
            change = change.split()[0]
        else:
            qualifier, qualifier_start = _word_before(text, start, list(QUALIFIERS))
            if qualifier:
                start = qualifier_start
        figure = TextFigure(
            number=number,
            unit=scale_unit(unit),
            qualifier=qualifier,
            change=change,
            start=start,
            end=unit_end if unit else number.end,
            text="",
        )
        figure.text = text[figure.start : figure.end]
        if change and unit.startswith("%"):
            figure.role = "growth"
        figures.append(figure)
    return figures


def find_fractions(text: str) -> list[tuple[int, int, Decimal, Decimal]]:
    """ "12/150 doanh nghiệp": (start, end, part, whole) where a counted noun follows."""
    text = normalise(text)
    found = []
    for match in _FRACTION.finditer(text):
        unit, _ = _unit_after(text, match.end())
        if unit.lower() not in COUNT_NOUNS:
            continue
        part, _ = parse_number(match.group(1))
        whole, _ = parse_number(match.group(2))
        found.append((match.start(), match.end(), part, whole))
    return found


# ---- What a written figure allows --------------------------------------------------------------


def rounding_half_width(decimals: int) -> Decimal:
    """Half of the last digit written: "28,7" → 0,05; "14.167" → 0,5."""
    return Decimal(5).scaleb(-decimals - 1)


def written_range(value: Decimal, decimals: int, qualifier: str = "") -> tuple[Decimal, Decimal]:
    """The true values a written figure allows (inclusive bounds)."""
    half = rounding_half_width(decimals)
    low, high = value - half, value + half
    direction = QUALIFIERS.get(qualifier)
    margin = abs(value) * QUALIFIER_MARGIN
    if direction == "below":
        low, high = value - margin, value + half
    elif direction == "above":
        low, high = value - half, value + margin
    elif direction == "about":
        low, high = value - max(margin, half), value + max(margin, half)
    return low, high


def matches_written(actual: Decimal, value: Decimal, decimals: int, qualifier: str = "") -> bool:
    low, high = written_range(value, decimals, qualifier)
    return low <= actual <= high


def same_words(text: str) -> str:
    """Lower-case, single spaces, NFC: the form keyword matching reads."""
    return _SPACES.sub(" ", normalise(text).lower())
