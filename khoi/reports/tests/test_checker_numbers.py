"""Numbers as Vietnamese writes them: the checker reads back what the project's formatter writes,
skips what is not a quantity, and gives the right form of a number written otherwise."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khoi.core.formatting import format_number
from khoi.reports.checker.arithmetic import fmt
from khoi.reports.checker.numbers import clean_text, find_figures, right_form
from khoi.reports.checker.tolerance import Range, written_range

amounts = st.decimals(min_value=0, max_value=10**12, places=3, allow_nan=False, allow_infinity=False)


@given(amounts, st.integers(min_value=0, max_value=3))
def test_a_number_the_formatter_writes_is_read_back_with_its_decimals(value, decimals):
    written = format_number(value, decimals, keep_zeros=True, locale="vi")
    figures = find_figures(f"Doanh thu đạt {written} tỷ đồng.")
    assert len(figures) == 1
    figure = figures[0]
    assert figure.number.text == written
    assert figure.value == Decimal(written.replace(".", "").replace(",", "."))
    assert figure.number.decimals == decimals
    assert figure.style == ""


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False), st.integers(0, 3), st.booleans())
def test_the_checker_writes_numbers_exactly_as_the_project_formatter(value, decimals, keep_zeros):
    assert fmt(value, decimals, keep_zeros=keep_zeros) == format_number(
        value, decimals, keep_zeros=keep_zeros and decimals > 0, locale="vi"
    )


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("đạt 14.167 tỷ đồng", Decimal(14167), "tỷ đồng", "VND"),
        ("hơn 10,2 tỷ USD", Decimal("10.2"), "tỷ USD", "USD"),
        ("gần 27.000 lao động", Decimal(27000), "lao động", "count"),
        ("tỷ lệ 0,78%", Decimal("0.78"), "%", "percent"),
        ("từ 01 tỷ trở lên", Decimal(1), "tỷ đồng", "VND"),
        ("đón 2,5 triệu lượt khách", Decimal("2.5"), "", "count"),
        ("gấp 2,3 lần", Decimal("2.3"), "lần", "times"),
    ],
)
def test_a_figure_keeps_its_unit_kind_and_scale(text, value, unit, kind):
    (figure,) = find_figures(text)
    assert (figure.value, figure.unit, figure.kind) == (value, unit, kind)


def test_scale_words_give_the_amount_in_the_base_unit():
    (people,) = find_figures("đón 2,5 triệu lượt khách")
    (money,) = find_figures("đạt 3,2 nghìn tỷ đồng")
    assert people.value * people.scale == 2_500_000
    assert money.value * money.scale == 3_200_000_000_000


def test_a_range_is_one_figure_with_both_ends():
    (figure,) = find_figures("tăng trưởng khoảng 7,5 – 8%")
    assert (figure.value, figure.high.value, figure.unit, figure.text) == (Decimal("7.5"), 8, "%", "khoảng 7,5 – 8%")


def test_dates_years_periods_document_numbers_ordinals_and_durations_are_not_quantities():
    text = (
        "Ngày 15/3/2021, thực hiện Nghị quyết số 09-NQ/ĐU, Quyết định số 1234/QĐ-UBND và Luật số 12/2022/QH15; "
        "quý III/2022, tháng 7/2021, 6 tháng đầu năm 2021, giai đoạn 2021 – 2023, năm 2023, lần thứ 2, "
        "đợt 1-2021, Khóa 3, trong 5 năm, lúc 8h30, COVID-19."
    )
    assert find_figures(text) == []


def test_a_total_after_trong_so_is_a_quantity_not_a_document_number():
    assert [f.text for f in find_figures("Trong số 1.245 đảng viên, trong tổng số 345 công đoàn cơ sở")] == [
        "1.245 đảng viên",
        "345 công đoàn cơ sở",
    ]


@pytest.mark.parametrize(
    ("written", "right"),
    [("1.25", "1,25"), ("3.131.93", "3.131,93"), ("1,234.5", "1.234,5"), ("1,234,567", "1.234.567"), ("0.5", "0,5")],
)
def test_a_number_written_otherwise_gets_its_vietnamese_form(written, right):
    assert right_form(written) == right


def test_a_decimal_point_before_a_unit_is_read_as_meant_and_flagged():
    (figure,) = find_figures("Tỷ lệ nợ xấu 1.25%.")
    assert (figure.value, figure.style) == (Decimal("1.25"), "1,25")


def test_a_version_number_or_a_section_number_is_left_alone():
    assert find_figures("cách mạng công nghiệp 4.0 và mục 2.3 của báo cáo") == []


def test_pasted_text_is_normalised():
    decomposed = "Doanh thu đa\u0323t 12 ty\u0309 đồng\r\nnăm nay\x00.\rHết.\r\n\r\nMục"
    assert clean_text(decomposed) == "Doanh thu đạt 12 tỷ đồng năm nay .\nHết.\n\nMục"


@pytest.mark.parametrize(
    ("qualifier", "inside", "outside"),
    [
        ("", Decimal("28.74"), Decimal("28.76")),
        ("khoảng", Decimal("31.5"), Decimal("31.9")),
        ("xấp xỉ", Decimal("30.1"), Decimal("30.5")),
        ("gần", Decimal("26"), Decimal("28.8")),
        ("hơn", Decimal("31.5"), Decimal("28.6")),
    ],
)
def test_qualifiers_have_their_documented_bands(qualifier, inside, outside):
    low, high = written_range(Decimal("28.7"), 1, qualifier)
    assert low <= inside <= high
    assert not (low <= outside <= high)


def test_ranges_divide_with_their_bounds():
    share = Range(Decimal(6080), Decimal(6080)).divided_by(Range(Decimal(75000), Decimal(75500)))
    assert share is not None
    assert share.low < Decimal("0.0808") < share.high
    assert Range(Decimal(1), Decimal(2)).divided_by(Range(Decimal(-1), Decimal(1))) is None
