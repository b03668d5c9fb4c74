import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from khoi.core.formatting import (
    format_change,
    format_document_date,
    format_long_date,
    format_number,
    format_percent,
    format_quantity,
)


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_thousands_take_a_dot_and_decimals_a_comma():
    assert format_number(14167) == "14.167"
    assert format_number(Decimal("975.93"), 1) == "975,9"
    assert format_quantity(57763, "tỷ đồng") == "57.763 tỷ đồng"


def test_rounding_is_half_up_not_half_even():
    assert format_number(Decimal("0.785"), 2) == "0,79"
    assert format_number(Decimal("28.65"), 1) == "28,7"


def test_a_whole_percentage_drops_its_trailing_zero_as_the_seeds_write():
    assert format_percent(Decimal("129.0")) == "129%"
    assert format_percent(Decimal("73.118")) == "73,1%"


def test_growth_reads_as_increase_decrease_or_missing_base():
    assert format_change(14167, Decimal("11007.8")) == "tăng 28,7%"
    assert format_change(968, 1000) == "giảm 3,2%"
    assert format_change(5, None) == "chưa có số liệu cùng kỳ"
    assert format_change(5, 0) == "chưa có số liệu cùng kỳ"


def test_long_dates_use_lower_case_ngay():
    assert format_long_date(dt.date(2021, 12, 28)) == "ngày 28 tháng 12 năm 2021"


def test_party_documents_pad_days_under_ten_and_months_one_and_two():
    assert format_document_date(dt.date(2021, 2, 3), "Hải Phòng") == "Hải Phòng, ngày 03 tháng 02 năm 2021"
    assert format_document_date(dt.date(2021, 12, 28)) == "ngày 28 tháng 12 năm 2021"
    assert format_document_date(dt.date(2021, 7, 16)) == "ngày 16 tháng 7 năm 2021"


def test_english_is_available():
    with translation.override("en"):
        assert format_number(14167) == "14,167"
        assert format_change(14167, Decimal("11007.8")) == "up 28.7%"
