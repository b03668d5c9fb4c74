"""How a figure's change is worded and coloured: ratios in percentage points, colours by the
indicator's direction (a falling bad-debt ratio is good news), no comparison is neutral."""

from __future__ import annotations

from decimal import Decimal

from khoi.core.formatting import growth_percent
from khoi.reporting.figure_text import change_text
from khoi.reporting.periods import Period
from khoi.reporting.selectors import Figure

D = Decimal


def figure(value, before, *, unit="tỷ đồng", decimals=0, lower_is_better=False):
    return Figure(
        indicator_code="x",
        indicator_name="x",
        unit_label=unit,
        decimals=decimals,
        period=Period.parse("2021-Y"),
        value=value,
        same_period_value=before,
        growth_percent=growth_percent(value, before) if value is not None and before is not None else None,
        units_reporting=1,
        units_expected=1,
        lower_is_better=lower_is_better,
    )


def test_a_ratio_changes_in_percentage_points():
    npl = figure(D("0.78"), D("0.85"), unit="%", decimals=2, lower_is_better=True)
    assert change_text(npl) == "giảm 0,07 điểm phần trăm"
    assert change_text(figure(D("1.10"), D("0.85"), unit="%", decimals=2)) == "tăng 0,25 điểm phần trăm"


def test_a_falling_bad_debt_ratio_is_good_news_and_a_falling_revenue_is_not():
    assert figure(D("0.78"), D("0.85"), unit="%", decimals=2, lower_is_better=True).change_tone == "good"
    assert figure(D(90), D(100)).change_tone == "bad"
    assert figure(D(110), D(100)).change_tone == "good"


def test_without_a_same_period_figure_the_change_is_neutral():
    assert figure(D(110), None).change_tone == "neutral"
    assert figure(D(100), D(100)).change_tone == "neutral"
