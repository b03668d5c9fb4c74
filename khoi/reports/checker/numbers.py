"""Numbers as Vietnamese writes them: pure functions, no database.

"14.167 tỷ đồng", "28,7%", "9,9 triệu đồng/người/tháng", "gần 27.000 lao động", "hơn 10,2 tỷ
USD", "01 tỷ", "2,5 triệu người", "7,5 – 8%", "12/150 doanh nghiệp". Dots group thousands, a comma
starts the decimals. Dates ("16/7", "20/7/2021"), years ("năm 2021", "2020 – 2025"), document
numbers ("09-NQ/ĐU", "1234/QĐ-UBND"), batches ("đợt 1-2021"), ordinals ("lần thứ 2", "quý 3") and
durations ("6 tháng đầu năm") are not quantities and are skipped.

A number written the English way or malformed ("1.25%", "3.131.93 tỷ đồng", "1,234.5 tỷ đồng") is
read as its writer meant it and carries the right form (`TextFigure.style`) for a style warning.
Only numbers followed by a unit are read that way, so "công nghiệp 4.0" or "mục 2.3" stay quiet.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from .tolerance import QUALIFIERS
from .vocabulary import COUNT_NOUNS, MEASURE_UNITS, MONEY_UNITS, SCALE_WORDS

_TOKEN = re.compile(r"(?<![\w.,/-])\d+(?:[.,]\d+)*(?![\w/]|-\w)")
_PLAIN = re.compile(r"\d+(?:,\d+)?")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_ORDINAL_BEFORE = re.compile(
    r"(?<!\w)(?:lần thứ|thứ|(?<!tổng )(?<!trong )(?<!trên )số|khóa|khoá|quý|tháng|ngày|đợt|điều|khoản|mục|"
    r"phụ lục|bước|top|giai đoạn|đại hội|lần)\s+$"
)
_DURATION_AFTER = re.compile(r"\s+(?:tháng|năm|quý|ngày|tuần|giờ|phút|giây)(?!\w)")
_SPACES = re.compile(r"\s+")
_WRAPPED = re.compile(r"(?<=[^\s.!?:;…])\n(?=(\w))")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff\ufffd]")
_DASH_GAP = re.compile(r"\s*(?:[–—-]|đến|tới)\s*$")
_NOUN = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+){0,3}")

# Written units, longest first so "triệu đồng/người/tháng" wins over "triệu đồng".
_UNIT_WORDS = sorted(
    [
        "triệu đồng/người/tháng",
        "nghìn đồng/người/tháng",
        "đồng/người/tháng",
        "triệu đồng/tháng",
        "%/năm",
        "%",
        "điểm phần trăm",
        "lần",
        *MONEY_UNITS.keys(),
        *SCALE_WORDS.keys(),
        *COUNT_NOUNS.keys(),
        *MEASURE_UNITS,
    ],
    key=len,
    reverse=True,
)
_LONGEST_UNIT = max(len(word) for word in _UNIT_WORDS)
_UNITS_BY_FIRST: dict[str, list[str]] = {}
for _word in _UNIT_WORDS:
    _UNITS_BY_FIRST.setdefault(_word[0].lower(), []).append(_word.lower())
_COUNTED = tuple(noun for noun in COUNT_NOUNS if noun not in ("đồng",))
_CHANGE_WORDS = tuple(
    sorted(
        ["tăng", "giảm", "tăng lên", "giảm xuống", "tăng thêm", "gấp", "tăng gấp", "giảm còn"], key=len, reverse=True
    )
)
_QUALIFIER_WORDS = tuple(sorted(QUALIFIERS, key=len, reverse=True))


def normalise(text: str) -> str:
    """NFC (pasted text mixes composed and decomposed diacritics)."""
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> str:
    """Text from outside as the checker reads it: NFC, one kind of line ending, no control chars,
    and a line broken inside a sentence (a paste from a PDF) joined again."""
    text = normalise(text).replace("\r\n", "\n").replace("\r", "\n")
    return _WRAPPED.sub(lambda m: " " if m.group(1).islower() else "\n", _CONTROL.sub(" ", text))


def same_words(text: str) -> str:
    """Lower-case, single spaces, NFC: the form keyword matching reads."""
    return _SPACES.sub(" ", normalise(text).lower())


@dataclass
class WrittenNumber:
    value: Decimal
    decimals: int  # digits written after the comma
    start: int
    end: int
    text: str
    style: str = ""  # the right Vietnamese form when the written one is not ("1.25" → "1,25")


@dataclass
class TextFigure:
    """One figure as written: the number, its unit, its qualifier and its place in the text."""

    number: WrittenNumber
    unit: str = ""  # "tỷ đồng", "%", "triệu đồng/người/tháng", "lao động", ""
    qualifier: str = ""  # "gần", "hơn", …
    change: str = ""  # "tăng" / "giảm" / "gấp" when the figure is a change against a base
    start: int = 0  # the whole figure: qualifier/change word + number + unit
    end: int = 0
    text: str = ""
    role: str = "value"  # value | growth | share | threshold | plan_count | count_if | part | total | base
    indicator: str | None = None
    notes: list[str] = field(default_factory=list)
    high: WrittenNumber | None = None  # the upper end of a range ("7,5 – 8%")
    scale: Decimal = Decimal(1)  # written value × scale = amount in the kind's base unit
    kind: str = "count"  # percent | VND | USD | income | times | points | count | measure:<unit>
    noun: str = ""  # the words right after the number and unit, lower-case ("tổ chức cơ sở đảng")

    @property
    def value(self) -> Decimal:
        return self.number.value

    @property
    def signed_value(self) -> Decimal:
        """A change with its sign: "giảm 3,2%" → -3,2."""
        return -self.number.value if self.change == "giảm" else self.number.value

    @property
    def style(self) -> str:
        return self.number.style


def parse_number(text: str) -> tuple[Decimal, int]:
    """ "14.167" → (14167, 0); "975,9" → (975.9, 1); "01" → (1, 0)."""
    whole, _, fraction = text.partition(",")
    digits = whole.replace(".", "")
    value = Decimal(f"{digits}.{fraction}") if fraction else Decimal(digits)
    return value, len(fraction)


def right_form(raw: str) -> str | None:
    """The Vietnamese form of a number written otherwise, or None when it cannot be told.

    "1.25" → "1,25"; "3.131.93" → "3.131,93"; "1,234.5" → "1.234,5"; "1,234,567" → "1.234.567".
    """
    if "," in raw and "." in raw and raw.rfind(",") < raw.rfind("."):  # English: 1,234.5
        whole, _, fraction = raw.rpartition(".")
        groups = whole.split(",")
        if all(len(group) == 3 for group in groups[1:]):
            return ".".join(groups) + "," + fraction
        return None
    if raw.count(",") > 1 and "." not in raw:
        groups = raw.split(",")
        if all(len(group) == 3 for group in groups[1:]) and len(groups[0]) <= 3:
            return ".".join(groups)
        return None
    if "," not in raw and "." in raw:
        whole, _, fraction = raw.rpartition(".")
        if len(fraction) == 3 and "." not in whole:
            return None  # "1.250" is a grouped number already
        groups = whole.split(".")
        if len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:]) and len(fraction) != 3:
            return whole + "," + fraction
    return None


def _skipped(lowered: str, start: int, end: int) -> bool:
    """Is the number at text[start:end] an ordinal ("lần thứ 2", "số 45") or a duration ("6 tháng")?
    (Dates, document numbers and batches never get here: a number touching "/" or "-" is none.)"""
    return bool(_ORDINAL_BEFORE.search(lowered, max(0, start - 24), start) or _DURATION_AFTER.match(lowered, end))


def _is_year(raw: str, text: str, end: int) -> bool:
    if not (len(raw) == 4 and raw.isdigit() and 1900 <= int(raw) <= 2100):
        return False
    unit, _ = _unit_after(text, end)
    return unit == "" or unit.lower() in ("năm", "tháng")


def find_numbers(text: str) -> list[WrittenNumber]:
    """Every written number that may be a figure (dates, years, document numbers left out)."""
    lowered = text.lower() if len(text.lower()) == len(text) else text
    numbers = []
    for match in _TOKEN.finditer(text):
        if _skipped(lowered, match.start(), match.end()):
            continue

        raw = match.group(0)
        style = ""
        if not (_PLAIN.fullmatch(raw) or _GROUPED.fullmatch(raw)):
            fixed = right_form(raw)
            if fixed is None or _unit_after(text, match.end())[0] == "":
                continue
            style, reading = fixed, fixed
        else:
            reading = raw
        if _is_year(raw, text, match.end()):
            continue
        value, decimals = parse_number(reading)
        numbers.append(WrittenNumber(value, decimals, match.start(), match.end(), raw, style))
    return numbers


def _unit_after(text: str, position: int) -> tuple[str, int]:
    """The unit written right after a number, and where it ends ("" when none)."""
    offset = position
    while offset < len(text) and text[offset] in " \u00a0":
        offset += 1
    if offset - position > 2 or offset >= len(text):
        return "", position
    head = text[offset : offset + _LONGEST_UNIT + 1].lower()
    for word in _UNITS_BY_FIRST.get(head[0], ()):
        if head.startswith(word):
            after = head[len(word) : len(word) + 1]
            if after and (after.isalnum() or after == "/") and word[-1].isalpha():
                continue  # "tỷ đồng/người" is not "tỷ đồng"; "người" is not "người lao động"
            return text[offset : offset + len(word)], offset + len(word)
    return "", position


def _word_before(text: str, position: int, words: tuple[str, ...]) -> tuple[str, int]:
    """A word from `words` (longest first) written right before `position`, and where it starts."""
    window = text[max(0, position - 24) : position]
    before = window.rstrip(" \u00a0")
    if not before or not before[-1].isalpha():
        return "", position
    lowered = before.lower()
    for word in words:
        if lowered.endswith(word) and (len(lowered) == len(word) or not lowered[-len(word) - 1].isalnum()):
            return word, position - (len(window) - len(before)) - len(word)
    return "", position


@functools.lru_cache(maxsize=256)
def _kind_and_scale(unit: str, counted: bool) -> tuple[str, Decimal, str]:
    """(kind, scale to the base unit, the unit data comparisons read) of a written unit;
    `counted`: a counted noun follows ("2,5 triệu người")."""
    lowered = unit.lower()
    if lowered.startswith("%") and lowered != "%/năm":
        return "percent", Decimal(1), "%"
    if lowered == "%/năm":
        return "percent", Decimal(1), unit
    if lowered == "điểm phần trăm":
        return "points", Decimal(1), unit
    if lowered == "lần":
        return "times", Decimal(1), unit
    if "/người/tháng" in lowered or lowered.endswith("/tháng"):
        money = lowered.split("/")[0]
        return "income", Decimal(MONEY_UNITS.get(money, ("VND", 1))[1]), unit
    for word, (currency, money_factor) in MONEY_UNITS.items():
        if lowered == word.lower():
            return currency, Decimal(money_factor), word
    if lowered in SCALE_WORDS:
        scale = Decimal(SCALE_WORDS[lowered])
        if counted:
            return "count", scale, ""  # "2,5 triệu người"
        return "VND", scale, {"tỷ": "tỷ đồng", "triệu": "triệu đồng", "nghìn": "nghìn đồng"}.get(lowered, unit)
    if lowered in MEASURE_UNITS:
        return "measure:" + lowered, Decimal(1), unit
    return "count", Decimal(1), unit


def find_figures(text: str) -> list[TextFigure]:
    """Every figure in the text with its unit, qualifier, change word and noun, in reading order."""
    figures: list[TextFigure] = []
    for number in find_numbers(text):
        unit, unit_end = _unit_after(text, number.end)
        start = number.start
        qualifier, qualifier_start = _word_before(text, start, _QUALIFIER_WORDS)
        if qualifier:
            start = qualifier_start
        change, change_start = _word_before(text, start, _CHANGE_WORDS)
        if change:
            start = change_start
            change = "giảm" if change.startswith("giảm") else ("gấp" if "gấp" in change else "tăng")
        noun_match = _NOUN.match(text, unit_end + 1) if text[unit_end : unit_end + 1] == " " else None
        noun = (unit + " " if unit and unit.lower() in COUNT_NOUNS else "") + (
            noun_match.group(0) if noun_match else ""
        )
        counted = noun_match is not None and noun_match.group(0).lower().startswith(_COUNTED)
        kind, scale, data_unit = _kind_and_scale(unit, counted)
        figure = TextFigure(
            number=number,
            unit=data_unit,
            qualifier=qualifier,
            change=change,
            start=start,
            end=unit_end if unit else number.end,
            scale=scale,
            kind=kind,
            noun=noun.lower().strip(),
        )
        if change and kind == "percent":
            figure.role = "growth"
        previous = figures[-1] if figures else None
        if (
            previous is not None
            and not previous.unit
            and not previous.change
            and kind in ("percent", "VND", "USD", "income", "count")
            and _DASH_GAP.search(text[previous.number.end : number.start])
            and previous.value < number.value
        ):
            previous.high, previous.unit, previous.kind, previous.scale = number, figure.unit, kind, scale
            previous.end = figure.end
            previous.noun = figure.noun
            previous.text = text[previous.start : previous.end]
            continue
        figure.text = text[figure.start : figure.end]
        figures.append(figure)
    return figures


_FRACTION = re.compile(r"(?<![\w/.,])(\d{1,3}(?:\.\d{3})+|\d+)\s*/\s*(\d{1,3}(?:\.\d{3})+|\d+)(?![\w/]|[.,]\d)")


def find_fractions(text: str) -> list[tuple[int, int, Decimal, Decimal]]:
    """ "12/150 doanh nghiệp": (start, end, part, whole) where a counted noun or a word follows."""
    found = []
    for match in _FRACTION.finditer(text):
        after = text[match.end() : match.end() + 2]
        if not after.startswith(" ") or not after[1:].isalpha():
            continue
        part, _ = parse_number(match.group(1))
        whole, _ = parse_number(match.group(2))
        if whole == 0 or part > whole:
            continue
        if whole <= 12 and part <= 31 and _unit_after(text, match.end())[0].lower() not in COUNT_NOUNS:
            continue  # "ngày 5/8 các doanh nghiệp" is a date
        found.append((match.start(), match.end(), part, whole))
    return found
