"""Properties of the pure cores, over many generated cases (hypothesis; no database):

- a number written the Vietnamese way (as the form shows a stored value) reads back as itself;
- a unit's window value does not depend on how its figures were split: months, quarters or a
  half-year that tile a window give the same flow, and a stock is the value at the window's end.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from khoi.core.formatting import format_number, round_half_up
from khoi.reporting.aggregation import StoredValue, resolve, standard_windows
from khoi.reporting.parsing import parse_number
from khoi.reporting.periods import Period

YEAR = 2025

amounts = st.decimals(min_value=Decimal("-999999999999.9999"), max_value=Decimal("999999999999.9999"), places=4)
monthly = st.lists(
    st.decimals(min_value=Decimal(0), max_value=Decimal("99999999.99"), places=2), min_size=12, max_size=12
)


@given(amounts)
def test_a_number_the_form_shows_reads_back_as_the_same_number(value):
    # The form shows stored values with up to four decimals, Vietnamese style, in either interface.
    text = format_number(value, 4, locale="vi")
    assert parse_number(text) == value


@given(amounts, st.integers(min_value=0, max_value=4))
def test_a_rounded_number_in_the_seeds_style_reads_back_as_its_rounding(value, decimals):
    text = format_number(value, decimals, locale="vi")  # "14.167", "975,9", "-3"
    assert parse_number(text) == round_half_up(value, decimals)


def _months(values: list[Decimal], *, approved: bool = True) -> list[StoredValue]:
    return [StoredValue(1, Period(YEAR, "M", m + 1), v, approved) for m, v in enumerate(values)]


def _quarters(values: list[Decimal]) -> list[StoredValue]:
    return [
        StoredValue(1, Period(YEAR, "Q", q + 1), sum(values[3 * q : 3 * q + 3], Decimal(0)), True) for q in range(4)
    ]


def _months_inside(window: Period, values: list[Decimal]) -> list[Decimal]:
    return values[window.first_month - 1 : window.first_month - 1 + window.month_count]


@given(monthly)
def test_a_flow_over_any_window_is_the_sum_of_its_months(values):
    stored = _months(values)
    for window in standard_windows(YEAR):
        assert resolve(stored, window, stock=False) == sum(_months_inside(window, values), Decimal(0))


@given(monthly)
def test_a_flow_is_the_same_whether_the_unit_sent_months_or_quarters(values):
    by_month, by_quarter = _months(values), _quarters(values)
    for window in standard_windows(YEAR):
        if window.kind == "M":
            assert resolve(by_quarter, window, stock=False) is None  # a quarter is not split into months
            continue
        assert resolve(by_quarter, window, stock=False) == resolve(by_month, window, stock=False)


@given(monthly, st.integers(min_value=1, max_value=12))
def test_a_window_missing_a_month_has_no_flow_unless_a_coarser_figure_covers_it(values, missing):
    stored = [v for v in _months(values) if v.period.number != missing]
    for window in standard_windows(YEAR):
        covers = window.first_month <= missing < window.first_month + window.month_count
        result = resolve(stored, window, stock=False)
        if covers:
            assert result is None
        else:
            assert result == sum(_months_inside(window, values), Decimal(0))


@given(monthly, st.decimals(min_value=Decimal(0), max_value=Decimal(10**9), places=2))
def test_the_units_own_half_year_figure_beats_the_sum_of_its_months(values, own):
    stored = [*_months(values), StoredValue(1, Period(YEAR, "H1"), own, True)]
    assert resolve(stored, Period(YEAR, "H1"), stock=False) == own
    # The second half has no half-year figure of its own: its months still add up.
    assert resolve(stored, Period(YEAR, "Q", 3), stock=False) == sum(values[6:9], Decimal(0))


@given(monthly)
def test_a_stock_is_the_value_at_the_windows_end_never_a_sum(values):
    stored = _months(values)
    for window in standard_windows(YEAR):
        last_month = window.first_month + window.month_count - 1
        assert resolve(stored, window, stock=True) == values[last_month - 1]
