import pytest

from khoi.core.phones import InvalidPhone, format_phone, mask_phone, parse_mobile


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0912 345 678", "+84912345678"),
        ("0912.345.678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("0386 123 456", "+84386123456"),
        ("0567 123 456", "+84567123456"),
        ("0701 234 567", "+84701234567"),
        ("0888 123 456", "+84888123456"),
    ],
)
def test_vietnamese_mobile_numbers_are_stored_in_e164(raw, e164):
    assert parse_mobile(raw) == e164


@pytest.mark.parametrize(
    "raw",
    [
        "01234567890",  # the old 11-digit 01x form, renumbered in 2018
        "0168 123 4567",
        "024 3825 1234",  # a Hà Nội landline
        "0225 3842 123",  # a Hải Phòng landline
        "091234567",  # one digit short
        "09123456789",  # one digit long
        "+1 202 555 0143",  # not Vietnamese
        "abc",
        "",
    ],
)
def test_old_numbers_landlines_and_garbage_are_rejected(raw):
    with pytest.raises(InvalidPhone):
        parse_mobile(raw)


def test_a_phone_is_shown_in_groups_of_four_three_three():
    assert format_phone("+84912345678") == "0912 345 678"


def test_a_masked_phone_keeps_the_first_three_and_last_three_digits():
    assert mask_phone("+84901234123") == "090****123"
    assert "1234" not in mask_phone("+84901234123")
