"""Need ↔ offer matching with a reason a person can read. Pure computation, no database.

"cùng lĩnh vực vận tải – kho bãi; phục vụ Hải Phòng; từ khóa: kho lạnh": the same category (or
field), the regions both serve, and the words both texts share (two-word phrases first).
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


def shared_keywords(
    first: str, second: str, *, first_title: str = "", second_title: str = "", limit: int = 3
) -> tuple[str, ...]:
    """Two-word phrases both texts contain (those in both titles first), else single words; shown
    as the first text writes them."""
    a, b = _tokens(first), _tokens(second)
    b_keys = {key for _, key in b}
    b_pairs = {(b[i][1], b[i + 1][1]) for i in range(len(b) - 1)}
    titles = [search_key(first_title), search_key(second_title)]
    phrases: list[tuple[int, int, str, tuple[str, str]]] = []
    for i in range(len(a) - 1):
        pair = (a[i][1], a[i + 1][1])
        if pair in b_pairs and not (set(pair) & STOPWORDS) and min(len(pair[0]), len(pair[1])) >= 2:
            salience = sum(1 for title in titles if f"{pair[0]} {pair[1]}" in title)
            phrases.append((-salience, i, f"{a[i][0]} {a[i + 1][0]}", pair))
    found: list[str] = []
    covered: set[str] = set()
    if phrases:
        best = min(phrase[0] for phrase in phrases)
        for salience, _i, phrase, pair in sorted(phrases):
            if salience == best and not (set(pair) & covered) and phrase not in found:
                found.append(phrase)
                covered.update(pair)
        return tuple(found[:limit])
    for original, key in a:
        if key in b_keys and key not in STOPWORDS and key not in covered and len(key) >= 4:
            found.append(original)
            covered.add(key)
    return tuple(found[:limit])


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
