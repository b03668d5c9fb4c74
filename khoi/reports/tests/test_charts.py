"""The dashboard's SVG drawing and its table cells, without a database: empty charts say so in
words, change bars follow each indicator's direction, the unit label clears the values, and a
ratio changes in percentage points."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import translation

from khoi.reports import charts
from khoi.reports.dashboard import Kpi, change_cell


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_a_chart_with_nothing_to_draw_says_so_instead_of_a_bare_axis():
    bars = [charts.Bar("2021", None), charts.Bar("2022", None)]
    for drawn in (
        charts.bar_chart(bars, title="t", empty="Chưa có số liệu cùng kỳ."),
        charts.change_chart(bars, title="t", empty="Chưa có số liệu cùng kỳ."),
        charts.column_chart(bars, title="t", unit="tỷ đồng", empty="Chưa có số liệu cùng kỳ."),
    ):
        assert "<svg" not in drawn and "<line" not in drawn
        assert drawn == '<p class="chart-empty">Chưa có số liệu cùng kỳ.</p>'
    assert "Chưa có số liệu" in charts.stacked_bar([("Đúng hạn", 0, charts.GOOD)], title="t")
    assert "Chưa có số liệu" in charts.bar_chart([], title="t")


def test_the_empty_message_is_escaped():
    assert "<b>" not in charts.empty_chart("<b>x</b>")


def test_change_bars_take_the_colour_of_their_direction_not_of_their_sign():
    drawn = charts.change_chart(
        [
            charts.Bar("Tỷ lệ nợ xấu", Decimal("-22.7"), tone="good"),
            charts.Bar("Doanh thu", Decimal("5"), tone="bad"),
            charts.Bar("Đảng viên", Decimal("0"), tone="neutral"),
        ],
        title="t",
    )
    fills = re.findall(r'<rect [^>]*fill="(#[0-9a-f]+)"', drawn)
    assert fills == [charts.GOOD, charts.PRIMARY, charts.NEUTRAL]


def test_without_a_tone_a_change_is_coloured_by_its_sign():
    drawn = charts.change_chart([charts.Bar("a", Decimal(3)), charts.Bar("b", Decimal(-3))], title="t")
    assert re.findall(r'<rect [^>]*fill="(#[0-9a-f]+)"', drawn) == [charts.GOOD, charts.PRIMARY]


def test_the_unit_label_of_a_column_chart_sits_above_the_tallest_value():
    drawn = charts.column_chart(
        [charts.Bar("2021", Decimal(14167)), charts.Bar("2024", Decimal(15912))], title="t", unit="tỷ đồng"
    )
    unit_y = float(re.search(r'<text x="4" y="([\d.]+)"[^>]*>tỷ đồng</text>', drawn).group(1))
    value_ys = [
        float(y) for y in re.findall(r'<text x="[\d.]+" y="([\d.]+)" text-anchor="middle"[^>]*>[\d.]+</text>', drawn)
    ]
    assert value_ys and min(value_ys) - unit_y >= 16  # a full line of 16 px type between them


def test_a_ratio_changes_in_percentage_points_and_other_figures_in_per_cent():
    assert change_cell(
        value=Decimal("0.78"), same=Decimal("0.95"), growth=Decimal("-17.9"), unit_label="%", decimals=2
    ) == ("−0,17 điểm %")
    assert (
        change_cell(value=Decimal("1.2"), same=Decimal("1.0"), growth=None, unit_label="%", decimals=1) == "+0,2 điểm %"
    )
    assert change_cell(value=Decimal("1.2"), same=None, growth=None, unit_label="%", decimals=1) == "–"
    assert (
        change_cell(value=Decimal(110), same=Decimal(100), growth=Decimal(10), unit_label="tỷ đồng", decimals=0)
        == "+10%"
    )
    assert change_cell(value=Decimal(1), same=None, growth=None, unit_label="tỷ đồng", decimals=0) == "–"


def test_a_long_unit_breaks_after_its_slashes():
    kpi = Kpi(figure=None, number="11,4", unit="triệu đồng/người/tháng")  # type: ignore[arg-type]
    assert kpi.unit_parts == ["triệu đồng", "người", "tháng"]


def test_a_bar_is_labelled_with_its_value_and_unit_the_seed_way():
    drawn = charts.bar_chart([charts.Bar("K", Decimal("0.78"))], title="t", unit="%", decimals=2)
    assert ">0,78%<" in drawn
    drawn = charts.bar_chart([charts.Bar("K", Decimal(14167))], title="t", unit="tỷ đồng")
    assert ">14.167 tỷ đồng<" in drawn
