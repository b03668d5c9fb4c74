"""Reading Vietnamese figures out of article text (no database)."""

from decimal import Decimal

import pytest

from khoi.reports.checker.numbers import find_figures, find_fractions, parse_number
from khoi.reports.checker.tolerance import matches_written, written_range


def _only(text):
    figures = find_figures(text)
    assert len(figures) == 1, [f.text for f in figures]
    return figures[0]


@pytest.mark.parametrize(
    ("written", "value", "decimals"),
    [
        ("14.167", Decimal(14167), 0),
        ("28,7", Decimal("28.7"), 1),
        ("975,9", Decimal("975.9"), 1),
        ("01", Decimal(1), 0),
        ("57.763", Decimal(57763), 0),
        ("0,78", Decimal("0.78"), 2),
        ("1.234.567,5", Decimal("1234567.5"), 1),
    ],
)
def test_numbers_use_dots_for_thousands_and_a_comma_for_decimals(written, value, decimals):
    assert parse_number(written) == (value, decimals)


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("đạt 14.167 tỷ đồng", "tỷ đồng", Decimal(14167)),
        ("đạt 58 triệu USD", "triệu USD", Decimal(58)),
        ("Thu nhập bình quân 9,9 triệu đồng/người/tháng", "triệu đồng/người/tháng", Decimal("9.9")),
        ("tỷ lệ nợ xấu 0,78%", "%", Decimal("0.78")),
        ("từ 01 tỷ trở lên", "tỷ đồng", Decimal(1)),
        ("kết nạp mới 36 đảng viên", "đảng viên", Decimal(36)),
    ],
)
def test_a_figure_keeps_the_unit_written_after_it(text, unit, value):
    figure = _only(text)
    assert (figure.unit, figure.value) == (unit, value)


def test_qualifiers_and_change_words_belong_to_the_figure():
    near = _only("cho gần 27.000 lao động")
    assert (near.qualifier, near.text) == ("gần", "gần 27.000 lao động")
    over = _only("hơn 25.000 lao động")
    assert over.qualifier == "hơn"
    up = _only("tăng 129%")
    assert (up.change, up.role, up.signed_value) == ("tăng", "growth", Decimal(129))
    down = _only("giảm 3,2%")
    assert down.signed_value == Decimal("-3.2")


def test_dates_years_document_numbers_durations_and_ordinals_are_not_figures():
    text = (
        "Chiều 16/7, sơ kết 6 tháng đầu năm 2021; 5 năm thực hiện Chỉ thị 05-CT/TW, Nghị quyết số 45-NQ/TW, "
        "lớp đợt 1-2021, từ ngày 20/7/2021 đến hết ngày 20/8/2021, giai đoạn 2020 – 2025, lần thứ 2, COVID-19."
    )
    assert find_figures(text) == []


def test_a_part_over_a_whole_is_found_with_its_counted_noun():
    assert find_fractions("có 12/150 doanh nghiệp (chiếm 9,0%)") == [(3, 9, Decimal(12), Decimal(150))]
    assert find_fractions("ngày 20/7 vừa qua") == []


def test_rounding_tolerance_follows_the_digits_written():
    assert matches_written(Decimal("28.74"), Decimal("28.7"), 1)
    assert not matches_written(Decimal("28.76"), Decimal("28.7"), 1)
    assert matches_written(Decimal("14167.4"), Decimal(14167), 0)
    assert not matches_written(Decimal("14168"), Decimal(14167), 0)
    assert matches_written(Decimal("0.784"), Decimal("0.78"), 2)


def test_qualifiers_widen_the_range_in_their_direction():
    assert matches_written(Decimal(26850), Decimal(27000), 0, "gần")
    assert not matches_written(Decimal(27400), Decimal(27000), 0, "gần")
    assert matches_written(Decimal(25400), Decimal(25000), 0, "hơn")
    assert not matches_written(Decimal(24800), Decimal(25000), 0, "hơn")
    low, high = written_range(Decimal(100), 0, "khoảng")
    assert low < 100 < high
