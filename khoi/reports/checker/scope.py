"""What a figure is about: whose figure (the bloc, or another province, zone, union, the country)
and which period ("6 tháng đầu năm 2021", "năm 2023", "quý III/2022", "giai đoạn 2021 – 2023").

Only figures about the bloc and the chosen period are compared with the approved data; the others
get their internal arithmetic only. A figure takes the subject and period named last before it in
its sentence, else in its paragraph, else the text's own: the bloc when the text names it or names
no one else, another organisation when the text only names others.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from khoi.reporting.periods import Period

from .layout import Layout

BLOC = "bloc"
OTHER = "other"

_BLOC = re.compile(
    r"(?:(?:Đảng bộ|Đảng ủy|Đảng uỷ|đảng bộ|đảng ủy|đảng uỷ)\s+)?Khối\b(?!\s+lượng)"
    r"(?:\s+(?:Doanh nghiệp|doanh nghiệp|Cơ quan|cơ quan)(?:\s+(?:thành phố|Thành phố|tỉnh|Tỉnh))?)?"
)
_UNION_BEFORE = re.compile(r"(?:công đoàn|đoàn thanh niên|hội cựu chiến binh|hội phụ nữ)\s*$")
_OTHER = re.compile(
    r"\b(?:toàn tỉnh|cả tỉnh|trên địa bàn|toàn thành phố|cả nước|toàn quốc|toàn khu|khu công nghiệp|kcn|"
    r"khu kinh tế|khu chế xuất|cụm công nghiệp|liên đoàn lao động|công đoàn|đoàn thanh niên|tỉnh ủy|tỉnh uỷ|"
    r"thành ủy|thành uỷ|huyện ủy|huyện uỷ|quận ủy|quận uỷ|thị ủy|thị uỷ|ủy ban nhân dân|ubnd)\b"
)
# An organisation named in someone's title or as the one who directs is not whose figures these are.
_TITLE_BEFORE = re.compile(
    r"(?:bí thư|ủy viên|uỷ viên|chủ tịch|trưởng|phó|ban thường vụ|văn phòng|lãnh đạo|đại diện|chỉ đạo của|"
    r"đồng chí|theo|của)\s*(?:ban\s+\w+\s+)?$"
)
# "tỉnh Bắc Ninh", "thành phố Đà Nẵng": a place named (a bare "của tỉnh" names no one).
_PLACE = re.compile(r"\b(?:[Tt]ỉnh|[Tt]hành phố|[Hh]uyện|[Qq]uận|[Tt]hị xã)\s+(\w)")
_PERIOD = re.compile(
    r"(?P<n>3|6|9|ba|sáu|chín)\s+tháng\s+(?P<which>đầu\s+|cuối\s+)?năm(?:\s+(?P<y1>(?:19|20)\d{2}))?"
    r"|quý\s+(?P<q>IV|III|II|I|[1-4])(?:\s*(?:/|năm)\s*(?P<y2>(?:19|20)\d{2}))?"
    r"|tháng\s+(?P<m>1[0-2]|0?[1-9])\s*(?:/|năm)\s*(?P<y3>(?:19|20)\d{2})"
    r"|(?:giai đoạn|nhiệm kỳ|từ năm)\s+(?P<r1>(?:19|20)\d{2})\s*(?:[–—-]|đến)\s*(?:năm\s+)?(?P<r2>(?:19|20)\d{2})"
    r"|(?:cả\s+)?năm\s+(?P<y4>(?:19|20)\d{2})",
    re.IGNORECASE,
)
# A period named after these words is not the figure's own ("so với cùng kỳ năm 2020").
_NOT_OWN = re.compile(
    r"(?:so với|so|cùng kỳ|kế hoạch|chỉ tiêu|nhiệm vụ|trọng tâm|giải pháp|đến|tới|tầm nhìn|từ|trước|sau|kể từ|"
    r"của|hết|đầu|cuối|vào)\s*(?:\(|cả\s+)?$"
)
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTHS = {"3": 3, "ba": 3, "6": 6, "sáu": 6, "9": 9, "chín": 9}


_YEAR_NAMED = re.compile(r"(cùng kỳ\s+)?\bnăm\s+((?:19|20)\d{2})\b")


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    text: str
    period: Period | None  # None: a span the reporting periods do not have ("giai đoạn 2021 – 2023")
    explicit_year: bool


def _period(match: re.Match[str], year: int) -> tuple[Period | None, bool]:
    groups = match.groupdict()
    if groups["n"]:
        months = _MONTHS[groups["n"].lower()]
        explicit = groups["y1"] is not None
        of_year = int(groups["y1"]) if explicit else year
        if (groups["which"] or "").strip().lower() == "cuối":
            return None, explicit
        return Period(of_year, {3: "Q", 6: "H1", 9: "9M"}[months], 1 if months == 3 else None), explicit
    if groups["q"]:
        explicit = groups["y2"] is not None
        return Period.quarter(int(groups["y2"]) if explicit else year, _QUARTERS[groups["q"].upper()]), explicit
    if groups["m"]:
        return Period.month(int(groups["y3"]), int(groups["m"])), True
    if groups["r1"]:
        return None, True
    return Period(int(groups["y4"]), "Y"), True


def period_mentions(text: str, lowered: str, year: int) -> list[PeriodMention]:
    """The periods a text names as its figures' own, in reading order (year-less ones take the
    last year named before them, else `year`)."""
    found = []
    for match in _PERIOD.finditer(text):
        if _NOT_OWN.search(lowered[max(0, match.start() - 16) : match.start()]):
            continue
        period, explicit = _period(match, year)
        if explicit and period is not None:
            year = period.year
        found.append(PeriodMention(match.start(), match.end(), match.group(0), period, explicit))
    return found


@dataclass
class Scope:
    """Subject and period of every position of a text, looked up by bisection."""

    layout: Layout
    chosen: Period | None
    default_subject: str
    subjects: list[tuple[int, str]] = field(default_factory=list)  # (position, BLOC | OTHER)
    periods: list[PeriodMention] = field(default_factory=list)
    _subject_positions: list[int] = field(default_factory=list)
    _period_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._subject_positions = [position for position, _ in self.subjects]
        self._period_starts = [mention.start for mention in self.periods]

    @classmethod
    def of(cls, layout: Layout, chosen: Period | None) -> Scope:
        text, lowered = layout.text, layout.lowered
        cues: list[tuple[int, str]] = []
        bloc_spans = []
        for match in _BLOC.finditer(text):
            union = _UNION_BEFORE.search(lowered[max(0, match.start() - 24) : match.start()])
            cues.append((match.start(), OTHER if union else BLOC))
            bloc_spans.append((match.start(), match.end()))
        starts = [start for start, _ in bloc_spans]
        for match in _OTHER.finditer(lowered):
            at = bisect.bisect_right(starts, match.start()) - 1
            if at >= 0 and bloc_spans[at][1] > match.start():
                continue
            if _TITLE_BEFORE.search(lowered[max(0, match.start() - 30) : match.start()]):
                continue
            cues.append((match.start(), OTHER))
        for match in _PLACE.finditer(text):
            at = bisect.bisect_right(starts, match.start()) - 1
            if match.group(1).isupper() and not (at >= 0 and bloc_spans[at][1] > match.start()):
                cues.append((match.start(), OTHER))
        cues.sort()
        names = {subject for _, subject in cues}
        default = BLOC if BLOC in names or not names else OTHER
        year = chosen.year if chosen is not None else 0
        return cls(layout, chosen, default, cues, period_mentions(text, lowered, year) if year else [])

    def _last_before(self, items: list[int], position: int, low: int) -> int | None:
        at = bisect.bisect_right(items, position) - 1
        return at if at >= 0 and items[at] >= low else None

    def subject_of(self, position: int) -> str:
        sentence = self.layout.sentence_span(self.layout.sentence_of(position))
        paragraph = self.layout.paragraph_span(self.layout.paragraph_of(position))
        positions = self._subject_positions
        at = self._last_before(positions, position, sentence[0])
        if at is not None:
            return self.subjects[at][1]
        after = bisect.bisect_right(positions, position)
        if after < len(positions) and positions[after] < sentence[1]:
            return self.subjects[after][1]
        at = self._last_before(positions, position, paragraph[0])
        return self.subjects[at][1] if at is not None else self.default_subject

    def period_of(self, position: int) -> PeriodMention | None:
        paragraph = self.layout.paragraph_span(self.layout.paragraph_of(position))
        at = self._last_before(self._period_starts, position, paragraph[0])
        return self.periods[at] if at is not None else None

    def out_of_scope(self, position: int) -> str:
        """Why a figure is not compared with the bloc's data ("" when it is)."""
        if self.subject_of(position) == OTHER:
            return "other"
        mention = self.period_of(position)
        if mention is not None and (mention.period is None or mention.period != self.chosen):
            return mention.text
        return ""


def named_period(text: str, year: int) -> Period | None:
    """The period a text is mostly about (what the checker page picks when none is chosen)."""
    layout = Layout.of(text)
    # A period named without its year ("6 tháng đầu năm") is of the latest year the text names that
    # has begun (an article of July 2021 looks back to "năm 2020" and ahead to "năm 2030"), not of
    # today's year; "cùng kỳ năm 2020" names 2021.
    named = [int(match.group(2)) + (1 if match.group(1) else 0) for match in _YEAR_NAMED.finditer(layout.lowered)]
    begun = [found for found in named if found <= year]
    year = max(begun, default=year)
    mentions = [m for m in period_mentions(text, layout.lowered, year) if m.period is not None]
    if not mentions or not (begun or any(m.explicit_year for m in mentions)):
        return None  # no year to go by: the user chooses
    counted = Counter(m.period for m in mentions)
    best = max(counted.values())
    return next(m.period for m in mentions if counted[m.period] == best and m.period is not None)
