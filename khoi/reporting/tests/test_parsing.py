from decimal import Decimal

import pytest

from khoi.reporting.parsing import NotANumber, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14.167", Decimal(14167)),
        ("14167", Decimal(14167)),
        ("975,9", Decimal("975.9")),
        ("1.234,5", Decimal("1234.5")),
        ("9.9", Decimal("9.9")),
        ("-3", Decimal(-3)),
        (" 57 763 ", Decimal(57763)),
        ("", None),
        (None, None),
        (12.5, Decimal("12.5")),
    ],
)
def test_numbers_are_read_as_vietnamese_people_type_them(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "1,2,3", "1.2,3.4", "NaN", "Infinity", "1e5000x"])
def test_anything_else_is_not_a_number(text):
    with pytest.raises(NotANumber):
        parse_number(text)
