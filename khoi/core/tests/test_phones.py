"""One phone helper: Vietnamese numbers stored as E.164 and shown in the national format."""

from __future__ import annotations

import pytest

from khoi.core.phones import InvalidPhone, format_phone, parse_mobile, parse_phone


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("0225 3841 234", "+842253841234", "0225 3841 234"),
        ("0912345678", "+84912345678", "0912 345 678"),
        ("+84 24 3825 3456", "+842438253456", "024 3825 3456"),
    ],
)
def test_a_number_is_stored_as_e164_and_shown_as_people_write_it(typed, stored, shown):
    assert parse_phone(typed) == stored
    assert format_phone(stored) == shown


def test_a_landline_is_no_mobile_and_the_old_01x_numbers_are_refused():
    with pytest.raises(InvalidPhone):
        parse_mobile("0225 3841 234")
    with pytest.raises(InvalidPhone):
        parse_phone("01234567890")


def test_text_that_is_no_number_is_shown_unchanged():
    assert format_phone("liên hệ qua email") == "liên hệ qua email"
