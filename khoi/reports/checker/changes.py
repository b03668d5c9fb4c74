"""Changes with both values in the text: "từ X lên Y", "năm trước X", "so với … (X)", "gấp k lần",
"tăng k lần", and "kết nạp k …, nâng tổng số từ X lên Y"."""

from __future__ import annotations

import re

from .numbers import TextFigure
from .reader import GrowthClaim, Reader, compatible, is_quantity

_BASE_CUE = re.compile(r"(?:năm trước|cùng kỳ|kỳ trước|năm ngoái|so với|trước đó|năm 20\d\d|/20\d\d)[^\d,;]{0,25}$")

_FROM = re.compile(r"từ(?:\s+mức)?\s*$")
_TO = re.compile(r"^\s*(?:lên|xuống|đến|tới)(?:\s+(?:mức|còn))?\s*$")
_ADDED = re.compile(r"(?:kết nạp|phát triển|thành lập mới|thành lập|bổ sung|tiếp nhận|thêm)[^\d]{0,30}$")


def read_changes(r: Reader) -> None:
    for index, stated in enumerate(r.figures):
        if stated.change not in ("tăng", "giảm", "gấp") or stated.high is not None:
            continue
        same = _same_sentence(r, index)
        pair = _from_to(r, index, same)
        if pair is None:
            pair = _base_after(r, index, same)
        if pair is None:
            pair = _base_before(r, index)
        if pair is None:
            continue
        base, current = pair
        if stated.kind not in ("percent", "times") and not compatible(stated, current):
            continue
        r.claims.append(GrowthClaim(stated=stated, current=current, base=base))
    _running_totals(r)


def _same_sentence(r: Reader, index: int) -> list[int]:
    sentence = r.sentence[index]
    low = index
    while low > 0 and r.sentence[low - 1] == sentence:
        low -= 1
    high = index
    while high + 1 < len(r.figures) and r.sentence[high + 1] == sentence:
        high += 1
    return list(range(low, high + 1))


def _changes_between(r: Reader, a: int, b: int) -> bool:
    low, high = min(a, b), max(a, b)
    return any(r.figures[k].change for k in range(low + 1, high))


def _from_to(r: Reader, index: int, same: list[int]) -> tuple[TextFigure, TextFigure] | None:
    """ "tăng từ X lên Y" near the change (before it, or right after it)."""
    for j in same:
        if j + 1 > same[-1] or j == index or j + 1 == index:
            continue
        x, y = r.figures[j], r.figures[j + 1]
        if not (_FROM.search(r.between(max(0, x.start - 12), x.start)) and _TO.match(r.between(x.end, y.start))):
            continue
        if x.change or y.change:
            continue
        if not x.unit and y.unit and x.kind == "count" and not x.noun:
            x.kind, x.scale, x.unit = y.kind, y.scale, y.unit  # "từ 7,2 lên 8,4 triệu đồng"
        if {x.kind, y.kind} == {"VND", "income"} and x.scale == y.scale:
            x.kind = y.kind = "income"  # "từ 7,2 triệu đồng lên 8,4 triệu đồng/người/tháng"

        if not compatible(x, y):
            continue
        if _changes_between(r, index, j) or _changes_between(r, index, j + 1):
            continue
        if "nâng" in r.between(max(0, x.start - 60), x.start) and r.figures[index].kind not in ("percent", "times"):
            continue  # "kết nạp k, nâng tổng số từ X lên Y": a running total, below
        return x, y
    return None


def _base_after(r: Reader, index: int, same: list[int]) -> tuple[TextFigure, TextFigure] | None:
    """ "đạt Y, tăng p% (năm trước X)": Y before the change, X after it with a base word."""
    for j in same:
        if j <= index:
            continue
        base = r.figures[j]
        if base.change or (not is_quantity(base) and base.kind != "percent"):
            break
        cue = r.between(r.figures[j - 1].end, base.start)
        if not _BASE_CUE.search(cue) or ";" in cue:
            break  # only the figure right after the change, in its clause, can be its base

        for k in range(index - 1, same[0] - 1, -1):
            current = r.figures[k]
            if current.change:
                break
            if current.kind == "income" and base.kind == "VND" and not base.noun:
                base.kind = "income"  # "8,4 triệu đồng/người/tháng … (năm trước 7,2 triệu đồng)"
            if current.kind == base.kind:
                return base, current
        return None
    return None


def _base_before(r: Reader, index: int) -> tuple[TextFigure, TextFigure] | None:
    """ "đạt Y, năm 2022 là X, tăng p%": the base named just before the change, the value before it."""
    if index < 2 or not (r.sentence[index - 2] == r.sentence[index - 1] == r.sentence[index]):
        return None
    current, base = r.figures[index - 2], r.figures[index - 1]
    cue = r.between(current.end, base.start)
    if not (is_quantity(current) and is_quantity(base) and compatible(current, base)):
        return None
    if not re.search(r"(?:năm trước|cùng kỳ|kỳ trước|năm ngoái|năm 20\d\d)\s*(?:là|đạt|chỉ)?\s*$", cue):
        return None
    return base, current


def _running_totals(r: Reader) -> None:

    for match in re.finditer(r"nâng tổng số", r.layout.lowered):
        sentence = r.layout.sentence_of(match.start())
        indices = [i for i in range(len(r.figures)) if r.sentence[i] == sentence]
        before = [i for i in indices if r.figures[i].end <= match.start()]
        after = [i for i in indices if r.figures[i].number.start > match.end()]
        if not before or len(after) < 2:
            continue
        added = r.figures[before[-1]]
        x, y = r.figures[after[0]], r.figures[after[1]]
        if not _ADDED.search(r.between(max(0, added.start - 40), added.start)):
            continue
        if not (_FROM.search(r.between(max(0, x.start - 12), x.start)) and _TO.match(r.between(x.end, y.start))):
            continue
        r.claims.append(GrowthClaim(stated=added, current=y, base=x, added=True))
