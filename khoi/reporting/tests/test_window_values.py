"""The pure time aggregation of one unit's values (aggregation.py): no database."""

from __future__ import annotations

from decimal import Decimal

from khoi.reporting.aggregation import StoredValue, resolve, window_values
from khoi.reporting.periods import Period

D = Decimal


def months(values, approved=True, indicator=1):
    return [StoredValue(indicator, Period(2021, "M", m), D(v), approved) for m, v in values.items()]


def test_a_flow_is_tiled_by_one_frequency_and_the_coarsest_wins():
    stored = [*months(dict.fromkeys(range(1, 7), 10)), StoredValue(1, Period.parse("2021-H1"), D(65), True)]
    assert resolve(stored, Period.parse("2021-H1"), stock=False) == 65
    assert resolve(stored, Period.parse("2021-Q2"), stock=False) == 30
    assert resolve(stored, Period.parse("2021-9M"), stock=False) is None


def test_a_stock_is_the_value_at_the_windows_end():
    stored = months({m: 100 + m for m in range(1, 13)})
    assert resolve(stored, Period.parse("2021-Y"), stock=True) == 112
    assert resolve(stored, Period.parse("2021-H1"), stock=True) == 106
    assert resolve(months({1: 5, 2: 6}), Period.parse("2021-Q1"), stock=True) is None


def test_window_values_keep_approved_and_submitted_apart():
    stored = months(dict.fromkeys(range(1, 6), 10)) + months({6: 10}, approved=False)
    result = window_values(stored, stock_indicator_ids=set(), year=2021)
    assert result[(1, "2021-H1")] == (None, D(60))
    assert result[(1, "2021-Q1")] == (D(30), D(30))
    assert (1, "2021-Y") not in result
