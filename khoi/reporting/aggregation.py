"""Time aggregation of one unit's values (pure, no database).

A unit's value of an indicator for a window W (a month, a quarter, H1, 9M or the year) is found
from the values it stored, each with the period its form collected:

- **flow**: the sum of its values of *one* frequency that exactly tile W (a Y value; or four
  quarters; or twelve months). When several frequencies tile W the coarsest wins (the unit's own
  half-year figure beats the sum of its months: it may carry corrections). A unit whose values
  tile W in no frequency (five of six months) has no value for W — it counts as not reporting,
  and totals never mix complete and partial units.
- **stock**: the value of a stored period inside W that ends exactly on W's end (the June value,
  the Q2 value or the H1 value for H1; coarsest first). Stocks are never added over time.

Each window gets two values: from approved values only, and from approved plus submitted ones
(for figures that include submitted forms). ``window_values`` computes every standard window of
a year; the database keeps the result per unit (``WindowValue``) so that the bloc's totals are
one indexed query, live: services refresh a unit's windows whenever its counted values change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .periods import Period


@dataclass(frozen=True)
class StoredValue:
    indicator_id: int
    period: Period
    value: Decimal
    approved: bool  # False: submitted, not yet approved (drafts are never passed in)


def standard_windows(year: int) -> list[Period]:
    return [
        *(Period(year, "M", m) for m in range(1, 13)),
        *(Period(year, "Q", q) for q in range(1, 5)),
        Period(year, "H1"),
        Period(year, "9M"),
        Period(year, "Y"),
    ]


@lru_cache(maxsize=4096)
def _span(period: Period) -> tuple[int, int, int]:
    """(year × 12 + first month, year × 12 + last month, months): cheap comparisons."""
    first = period.year * 12 + period.first_month
    return first, first + period.month_count - 1, period.month_count


def resolve(values: list[StoredValue], window: Period, *, stock: bool) -> Decimal | None:
    """The unit's value of one indicator for one window, from its stored values (or None)."""
    window_first, window_last, _months = _span(window)
    inside = [v for v in values if window_first <= _span(v.period)[0] and _span(v.period)[1] <= window_last]
    if not inside:
        return None
    if stock:
        at_end = [v for v in inside if _span(v.period)[1] == window_last]
        if not at_end:
            return None
        return max(at_end, key=lambda v: v.period.month_count).value
    by_frequency: dict[int, list[StoredValue]] = defaultdict(list)
    for v in inside:
        by_frequency[v.period.month_count].append(v)
    for months in sorted(by_frequency, reverse=True):
        group = by_frequency[months]
        if sum(v.period.month_count for v in group) == window.month_count:
            return sum((v.value for v in group), Decimal(0))
    return None


def window_values(
    values: Iterable[StoredValue], *, stock_indicator_ids: set[int], year: int
) -> dict[tuple[int, str], tuple[Decimal | None, Decimal | None]]:
    """{(indicator id, window code): (approved value, approved + submitted value)} for every
    standard window of `year` that has a value either way."""
    by_indicator: dict[int, list[StoredValue]] = defaultdict(list)
    for v in values:
        if v.period.year == year:
            by_indicator[v.indicator_id].append(v)
    result: dict[tuple[int, str], tuple[Decimal | None, Decimal | None]] = {}
    windows = standard_windows(year)
    for indicator_id, stored in by_indicator.items():
        stock = indicator_id in stock_indicator_ids
        approved = [v for v in stored if v.approved]
        for window in windows:
            with_submitted = resolve(stored, window, stock=stock)
            if with_submitted is None and not approved:
                continue
            only_approved = resolve(approved, window, stock=stock) if approved else None
            if only_approved is None and with_submitted is None:
                continue
            result[(indicator_id, str(window))] = (only_approved, with_submitted)
    return result
