"""Need ↔ offer matching with a reason a person can read. Pure computation, no database.

"cùng lĩnh vực vận tải – kho bãi; phục vụ Hải Phòng; từ khóa: kho lạnh": the same category (or
field), the regions both serve, and the phrases both texts share, whole words kept together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from khoi.core.text import search_key

NATIONWIDE = "Toàn quốc"
# Words too common in listings to say anything about a match.
_COMMON_WORDS = (
    "và của cho các những một có được với tại trong ngoài theo từ đến là thành phố công ty cổ phần tnhh mtv "
    "dịch vụ cung cấp thuê nhu cầu cần tìm sản phẩm doanh nghiệp đơn vị khối hải phòng chất lượng uy tín "
    "giá hợp lý năm số mua bán loại"
)
STOPWORDS = frozenset(search_key(word) for word in _COMMON_WORDS.split())
_WORD = re.compile(r"\w+", re.UNICODE)

SAME_CATEGORY = 50.0
SAME_FIELD = 25.0
PER_REGION = 10.0
PER_PHRASE = 12.0
PER_WORD = 4.0


@dataclass(frozen=True)
class MatchFacts:
    id: int
    enterprise_id: int
    category_id: int
    category_name: str
    field_id: int
    field_name: str
    regions: frozenset[str]
    text: str  # title and description, with accents
    title: str = ""


@dataclass(frozen=True)
class Match:
    score: float
    category_name: str | None
    regions: tuple[str, ...]
    keywords: tuple[str, ...]

    @property
    def reason(self) -> str:
        parts = []
        if self.category_name:
            parts.append(_("same field %(name)s") % {"name": _lower_first(self.category_name)})
        if self.regions:
            parts.append(_("serves %(regions)s") % {"regions": ", ".join(self.regions)})
        if self.keywords:
            parts.append(_("keywords: %(words)s") % {"words": ", ".join(self.keywords)})
        return "; ".join(parts)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _tokens(text: str) -> list[tuple[str, str]]:
    """(original lower-case word, accent-free key) pairs."""
    return [(word.lower(), search_key(word)) for word in _WORD.findall(text)]


MAX_PHRASE = 6  # syllables: a longer shared run is cut at a phrase the texts repeat less


def _shared_runs(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """(start, end) in `a` of the maximal runs of syllables that `b` also contains in a row, longest
    first, not overlapping. Vietnamese writes a word as several syllables ("vốn lưu động"): a
    maximal shared run keeps the words whole, where fixed-size pairs cut them ("vốn lưu", "động lãi")."""
    b_keys = [key for _, key in b]
    positions: dict[str, list[int]] = {}
    for j, key in enumerate(b_keys):
        positions.setdefault(key, []).append(j)
    runs: list[tuple[int, int]] = []
    for i in range(len(a)):
        for j in positions.get(a[i][1], ()):
            if i and j and a[i - 1][1] == b_keys[j - 1]:
                continue  # the run started earlier
            length = 0
            while i + length < len(a) and j + length < len(b_keys) and a[i + length][1] == b_keys[j + length]:
                length += 1
            runs.append((i, i + length))
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(set(runs), key=lambda run: (run[0] - run[1], run[0])):
        if all(end <= s or start >= e for s, e in chosen):
            chosen.append((start, end))
    return chosen


def _trim(a: list[tuple[str, str]], start: int, end: int) -> tuple[int, int]:
    """A run without common words at its edges ("cung cấp kho lạnh" → "kho lạnh")."""
    while start < end and a[start][1] in STOPWORDS:
        start += 1
    while end > start and a[end - 1][1] in STOPWORDS:
        end -= 1
    return start, min(end, start + MAX_PHRASE)


def shared_keywords(
    first: str, second: str, *, first_title: str = "", second_title: str = "", limit: int = 3
) -> tuple[str, ...]:
    """The phrases both texts contain, whole (those in both titles first, then the longest), else
    single words; shown as the first text writes them."""
    a, b = _tokens(first), _tokens(second)
    titles = [search_key(first_title), search_key(second_title)]
    phrases: list[tuple[int, int, int, str]] = []
    for run_start, run_end in _shared_runs(a, b):
        start, end = _trim(a, run_start, run_end)
        if end - start < 2 or min(len(a[k][1]) for k in range(start, end)) < 2:
            continue
        key = " ".join(a[k][1] for k in range(start, end))
        salience = sum(1 for title in titles if key in title)
        phrases.append((-salience, -(end - start), start, " ".join(a[k][0] for k in range(start, end))))
    if phrases:
        best = min(phrase[0] for phrase in phrases)
        found = [text for salience, _n, _i, text in sorted(phrases) if salience == best]
        return tuple(dict.fromkeys(found))[:limit]
    b_keys = {key for _, key in b}
    words: list[str] = []
    covered: set[str] = set()
    for original, key in a:
        if key in b_keys and key not in STOPWORDS and key not in covered and len(key) >= 4:
            words.append(original)
            covered.add(key)
    return tuple(words[:limit])


def match(need: MatchFacts, offer: MatchFacts) -> Match | None:
    """How well an offer answers a need, or None when nothing links them (or they are one enterprise)."""
    if need.enterprise_id == offer.enterprise_id:
        return None
    score = 0.0
    category_name: str | None = None
    if need.category_id == offer.category_id:
        score += SAME_CATEGORY
        category_name = need.category_name
    elif need.field_id == offer.field_id:
        score += SAME_FIELD
        category_name = need.field_name
    keywords = shared_keywords(need.text, offer.text, first_title=need.title, second_title=offer.title)
    if category_name is None and not keywords:
        return None
    if NATIONWIDE in offer.regions:
        regions = tuple(sorted(need.regions - {NATIONWIDE}))
    elif NATIONWIDE in need.regions:
        regions = tuple(sorted(offer.regions))
    else:
        regions = tuple(sorted(need.regions & offer.regions))
    score += PER_REGION * min(len(regions), 3)
    score += sum(PER_PHRASE if " " in keyword else PER_WORD for keyword in keywords)
    return Match(score=score, category_name=category_name, regions=regions, keywords=keywords)
