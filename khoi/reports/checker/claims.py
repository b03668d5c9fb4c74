"""Read a text into claims about its own arithmetic, independent of the indicator catalogue.

- `ShareClaim`: a part over a total given as a percentage ("48/615 doanh nghiệp … (chiếm 8,1%)",
  "268 tổ chức … (chiếm 66,3%)" with the total in the sentence before, "… trong tổng số 412 …",
  "p% (a/b)"), or over a base only described ("bằng 41,5% số lao động toàn khu"), carried to the
  next claim about the same base.
- `SumClaim`: a total and its parts ("trong đó", "gồm", a list in brackets or after a colon);
  an exhaustive split must add up, a split into disjoint groups must not exceed the total.
- `PercentSumClaim`: the shares of an exhaustive breakdown add up to 100%.
- `GrowthClaim`: a change with both values in the text ("từ X lên Y", "năm trước X", "so với X",
  "gấp k lần", "tăng k lần"), and "nâng tổng số từ X lên Y" after adding k.

Only what the words make plain becomes a claim; `strong` says whether a mismatch may be flagged
(when the total is a guess, a mismatch leaves the figure unmarked, never flagged).
"""

from __future__ import annotations

import bisect
import re

from .changes import read_changes
from .layout import Layout
from .numbers import TextFigure, find_fractions
from .reader import (
    Claim,
    GrowthClaim,
    PercentSumClaim,
    Reader,
    ShareClaim,
    SumClaim,
    compatible,
    head,
    is_quantity,
    nouns_match,
)
from .vocabulary import EXHAUSTIVE_FAMILIES

__all__ = ["Claim", "GrowthClaim", "PercentSumClaim", "ShareClaim", "SumClaim", "extract"]

_SHARE_CUE = re.compile(
    r"(?:chiếm|chiếm tỷ lệ|chiếm tỉ lệ|bằng|đạt tỷ lệ|đạt tỉ lệ|tương ứng|tương đương|tỷ lệ|tỉ lệ|\(|=|là)"
    r"(?:\s+(?:khoảng|gần|hơn|trên|xấp xỉ|gần bằng|chừng|ước))?\s*$"
)
_BASE_WORDS = re.compile(r"^\s*(?:so với\s+)?(?:trong\s+)?(?:tổng\s+số|tổng|số)\s+")
_DESCRIPTION = re.compile(r"^\s*((?:so với\s+|của\s+|trên\s+|trong\s+)?(?:tổng\s+số|tổng|số)\s+[^\d(),;:.]{2,60})")
_EXPLICIT_WHOLE = re.compile(r"(?:trong|trên)\s+(?:tổng\s+)?(?:số\s+)?$|tổng\s+số\s+$|/\s*$")
_SPLIT = re.compile(r"trong đó|bao gồm|gồm có|gồm|cụ thể là|cụ thể|\(|:")
_IN_TOTAL = re.compile(r"(?:^|[^\w%]\s*)(?:trong|trên)\s+(?:tổng\s+)?(?:số\s+)?$")
_SPLIT_STOP = re.compile(r";|trong đó")
_PLAN_AFTER = re.compile(r"^\s*(?:kế hoạch|chỉ tiêu|so với|so cùng kỳ|trở lên|trở xuống|/năm)")


def extract(text: str, figures: list[TextFigure], layout: Layout | None = None) -> list[Claim]:
    """The claims a text makes about its own figures, in reading order of their stated figure."""
    reader = Reader(text, figures, layout or Layout.of(text))
    _splits(reader)
    _shares(reader)
    read_changes(reader)
    return reader.claims


# ---- Shares ------------------------------------------------------------------------------------


def _shares(r: Reader) -> None:
    fractions = find_fractions(r.text)
    fraction_ends = [end for _, end, _, _ in fractions]
    fraction_starts = [start for start, _, _, _ in fractions]

    for index, stated in enumerate(r.figures):
        if stated.kind != "percent" or stated.change or stated.unit != "%" or stated.role == "growth":
            continue
        after = r.between(stated.end, stated.end + 40)
        if _PLAN_AFTER.match(after):
            continue
        previous = r.figures[index - 1] if index else None
        lower_bound = previous.end if previous is not None else 0
        sentence_start, sentence_end = r.layout.sentence_span(r.sentence[index])
        lower_bound = max(lower_bound, sentence_start)
        # "48/615 doanh nghiệp … (chiếm 8,1%)" and "8,1% (48/615)".
        at = bisect.bisect_right(fraction_ends, stated.start) - 1
        if at >= 0 and fractions[at][0] >= lower_bound and stated.start - fractions[at][1] < 160:
            _fraction_claim(r, stated, fractions[at])
            continue
        following = r.between(stated.end, stated.end + 3)
        at = bisect.bisect_left(fraction_starts, stated.end)
        if following.lstrip().startswith("(") and at < len(fractions) and fractions[at][0] - stated.end <= 3:
            _fraction_claim(r, stated, fractions[at])
            continue
        if not _SHARE_CUE.search(r.between(lower_bound, stated.start)):
            continue
        part_index = index - 1
        while part_index >= 0 and r.figures[part_index].high is not None and index - part_index < 3:
            part_index -= 1  # a range inside the part's clause: "57 chi bộ có từ 3 đến 5 đảng viên, chiếm …"
        if part_index < 0 or r.sentence[part_index] != r.sentence[index] or not is_quantity(r.figures[part_index]):
            continue
        between = r.between(r.figures[part_index].end, stated.start)
        if re.search(r"[;:]|trong đó|,(?!\s*(?:chiếm|bằng|tương|đạt tỷ lệ))", between):
            continue
        whole = r.figures[part_index]
        if part_index and _IN_TOTAL.search(r.between(max(0, whole.start - 20), whole.start)):
            # "7.215 người trong tổng số 12.480 lao động, chiếm 58,8%": the total is named before the share
            part = r.figures[part_index - 1]
            if r.sentence[part_index - 1] == r.sentence[index] and is_quantity(part) and compatible(part, whole):
                r.claims.append(ShareClaim(stated=stated, part=part, whole=whole, strong=True))
            continue
        _share_of(r, index, part_index, sentence_end)


def _fraction_claim(r: Reader, stated: TextFigure, fraction: tuple[int, int, object, object]) -> None:
    start, end = fraction[0], fraction[1]
    part_text, _, whole_text = r.text[start:end].partition("/")
    r.claims.append(
        ShareClaim(stated=stated, part=None, whole=None, strong=True, fraction=(part_text.strip(), whole_text.strip()))
    )


def _share_of(r: Reader, index: int, part_index: int, sentence_end: int) -> None:
    stated, part = r.figures[index], r.figures[part_index]
    rest = r.between(stated.end, sentence_end)
    # An explicit total after the share: "… (chiếm 66,3% trong tổng số 412 tổ chức)".
    for later in r.figures[index + 1 :]:
        if later.number.start >= sentence_end or later.number.start - stated.end > 80:
            break
        if _EXPLICIT_WHOLE.search(r.between(stated.end, later.number.start)) and compatible(later, part):
            r.claims.append(ShareClaim(stated=stated, part=part, whole=later, strong=True))
            return
        break
    described = _DESCRIPTION.match(rest)
    candidates = _candidates(r, part_index, part)
    if described:
        key = _BASE_WORDS.sub("", described.group(1)).strip()
        earlier = r.described.get(key)
        if earlier is not None:
            r.claims.append(ShareClaim(stated=stated, part=part, whole=None, strong=True, base_of=earlier))
            return
        claim = ShareClaim(stated=stated, part=part, whole=None, strong=False)
        r.described[key] = claim
        named = [(c, linked) for c, linked in candidates if nouns_match(c.noun, key) or _named_in(c.noun, key)]
        if named:
            claim.whole = next((c for c, linked in named if linked), named[0][0])
            claim.strong = any(linked for _, linked in named)

            claim.alternatives = [c for c, _ in named if c is not claim.whole]
            r.claims.append(claim)
        return

    if not candidates:
        return
    strong = [c for c, linked in candidates if linked]
    if not strong:
        described_as = _descriptor(r, part_index)
        matched = [c for c, _ in candidates if nouns_match(c.noun, part.noun) or _named_in(c.noun, described_as)]
        strong = matched[:1]
    whole = strong[0] if strong else candidates[0][0]
    claim = ShareClaim(
        stated=stated,
        part=part,
        whole=whole,
        strong=bool(strong),
        alternatives=[c for c, _ in candidates if c is not whole],
    )
    claim.siblings = _siblings(r, part_index)
    r.claims.append(claim)


def _siblings(r: Reader, part_index: int) -> list[TextFigure]:
    """The part and the like figures before it in its sentence: "A có 500 lao động, B có 300 lao
    động, chiếm 37,5% tổng số" may mean the share of their sum."""
    part = r.figures[part_index]
    found = [part]
    for j in range(part_index - 1, -1, -1):
        if r.sentence[j] != r.sentence[part_index]:
            break
        if is_quantity(r.figures[j]) and compatible(r.figures[j], part):
            found.append(r.figures[j])
    return found if len(found) > 1 else []


def _descriptor(r: Reader, index: int) -> str:
    """The words that say what a figure counts: its noun and the words before it in its clause
    ("số cán bộ nữ là 1.202 người")."""
    figure = r.figures[index]
    window = r.between(max(0, figure.start - 60), figure.start)
    cut = max(window.rfind(ch) for ch in ",.;:(")
    return window[cut + 1 :] + " " + figure.noun


def _named_in(noun: str, words: str) -> bool:
    first = head(noun)
    return bool(first) and re.search(r"(?<!\w)" + re.escape(first) + r"(?!\w)", words) is not None


def _candidates(r: Reader, part_index: int, part: TextFigure) -> list[tuple[TextFigure, bool]]:
    """Totals the part may be of, nearest first: (figure, linked by "trong đó"/"gồm" to the part)."""
    found = []
    paragraph = r.paragraph[part_index]
    magnitude = part.value * part.scale
    for j in range(part_index - 1, -1, -1):
        if r.paragraph[j] != paragraph:
            break
        candidate = r.figures[j]
        if not is_quantity(candidate) or not compatible(candidate, part):
            continue
        if candidate.value * candidate.scale < magnitude:
            continue
        gap = r.between(candidate.end, part.number.start)
        linked = bool(re.search(r"trong đó|gồm|:", gap)) and not any(
            is_quantity(f) and compatible(f, part) for f in r.figures[j + 1 : part_index]
        )
        found.append((candidate, linked))
    return found


# ---- Totals and parts --------------------------------------------------------------------------


def _in_totals(r: Reader) -> list[tuple[int, int, str]]:
    """ "Trong số 1.245 đảng viên được đánh giá, có …": the list starts after the total's clause."""
    found = []
    for index, figure in enumerate(r.figures):
        if not is_quantity(figure) or not _IN_TOTAL.search(r.between(max(0, figure.start - 20), figure.start)):
            continue
        if index and r.sentence[index - 1] == r.sentence[index] and r.figures[index - 1].kind == "percent":
            continue  # "chiếm 61,4% trong tổng số 345": the total of a share, not of a list
        comma = r.text.find(",", figure.end, figure.end + 80)
        if comma >= 0 and r.layout.sentence_of(comma) == r.sentence[index]:
            found.append((comma, comma + 1, "trong số"))
    return found


def _splits(r: Reader) -> None:
    starts = [f.number.start for f in r.figures]
    seen_totals: set[int] = set()
    markers = [(m.start(), m.end(), m.group(0)) for m in _SPLIT.finditer(r.layout.lowered)]
    markers.extend(_in_totals(r))
    markers.sort()
    for marker_start, marker_end, marker in markers:
        before = bisect.bisect_left(starts, marker_start) - 1
        if before + 1 >= len(r.figures):
            continue
        sentence = r.layout.sentence_of(marker_start)
        if r.sentence[before + 1] != sentence:
            continue  # no figure after the marker in its sentence
        total: TextFigure | None = r.figures[before] if before >= 0 else None
        if total is not None:
            gap = r.between(total.end, marker_start)
            if (
                r.sentence[before] != sentence
                or not is_quantity(total)
                or before in seen_totals
                or (marker == "(" and gap.strip())
                or (marker != "(" and (len(gap) > 60 or re.search(r"[;.]", gap.rstrip().rstrip(";"))))
            ):
                total = None
        if total is None and marker == "(":
            continue
        _, end = r.layout.sentence_span(sentence)
        if marker == "(":
            close = r.text.find(")", marker_end, end)
            inner = r.between(marker_end, close)
            if close < 0 or "%" in inner or "trong đó" in inner or not re.search(r"\bvà\b|,", inner):
                continue
            end = close
        elif marker != ":":
            stop = _SPLIT_STOP.search(r.layout.lowered, marker_end, end)
            end = stop.start() if stop is not None else end
        parts, labels, percents = _parts(r, before, marker_end, end)
        if percents and not parts:
            family = _family(labels)
            if family and len(percents) >= 2:
                r.claims.append(PercentSumClaim(percents, exhaustive=family[1]))
            continue
        if total is None or len(parts) < 2 or not all(compatible(p, total) for p in parts):
            continue
        seen_totals.add(before)
        listed = r.between(marker_end, end)
        family = _family(labels)
        exhaustive = marker == "(" or (family is not None and family[1]) or "còn lại" in labels[-1]
        if not exhaustive and marker in ("gồm", "bao gồm", "gồm có"):
            exhaustive = bool(re.search(r"\bvà\b", listed)) and not re.search(r"…|\.\.\.|v\.v|\bnhư\b", listed)
        if exhaustive or family is not None:
            r.claims.append(SumClaim(total=total, parts=parts, exhaustive=exhaustive))


_LABEL_SEPARATOR = re.compile(r"[,;(]|\bvà\b|trong đó|gồm")


def _parts(r: Reader, total_index: int, start: int, end: int) -> tuple[list[TextFigure], list[str], list[TextFigure]]:
    """The figures of a list and each one's label: the words from the separator before it to the
    separator after it ("nữ 7.215 người", "45 tổ chức hoàn thành xuất sắc nhiệm vụ")."""
    parts: list[TextFigure] = []
    percents: list[TextFigure] = []
    labels: list[str] = []
    skip_until = -1
    for j in range(total_index + 1, len(r.figures)):
        figure = r.figures[j]
        if figure.number.start < start:
            continue
        if figure.number.start >= end:
            break
        if figure.number.start < skip_until:
            continue
        opening = r.text.rfind("(", start, figure.start)
        if opening >= start and opening > r.text.rfind(")", start, figure.start):
            close = r.text.find(")", figure.number.start)
            skip_until = close if close >= 0 else end
            continue  # a bracket inside the list: "(chiếm 57,8%)"
        window = r.between(start, figure.start)
        separators = list(_LABEL_SEPARATOR.finditer(window))
        pre = window[separators[-1].end() :] if separators else window
        following = _LABEL_SEPARATOR.search(r.layout.lowered, figure.end, end)
        post_end = min(following.start() if following else end, figure.end + 80)
        next_figure = r.figures[j + 1].start if j + 1 < len(r.figures) else end
        post = r.between(figure.end, min(post_end, next_figure))
        label = f"{pre} {figure.noun} {post}"
        first = (parts or percents or [figure])[0]
        if figure.change or figure.high is not None or figure.kind != first.kind:
            break  # the list is over: "…, tổng vốn đăng ký hơn 10,2 tỷ USD"
        if figure.kind == "percent":
            percents.append(figure)
        elif is_quantity(figure):
            parts.append(figure)
        else:
            break
        labels.append(label)
    return parts, labels, percents


_FAMILIES = {
    name: [(member, re.compile("|".join(words))) for member, words in members.items()]
    for name, members in EXHAUSTIVE_FAMILIES.items()
}


def _family(labels: list[str]) -> tuple[str, bool] | None:
    """The family of disjoint groups the labels name, and whether they name all of it."""
    for name, members in _FAMILIES.items():
        found = []
        for label in labels:
            member = next((m for m, pattern in members if pattern.search(label)), None)

            if member is None:
                break
            found.append(member)
        else:
            if len(set(found)) == len(found) == len(labels):
                return name, set(found) == {m for m, _ in members}
    return None
