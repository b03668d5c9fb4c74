"""Vietnamese mobile numbers: parse, store as E.164, show "0912 345 678", mask "091****678".

Pure functions (no database). The old 11-digit 01x numbers were renumbered in 2018 and are
rejected; landlines are not accepted either: the contest reaches people on their phones.
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType


class InvalidPhone(ValueError):
    """The text is not a Vietnamese mobile number in use."""


def normalize_phone(raw: str) -> str:
    """ "0912 345 678", "+84 912345678", "84912345678" → "+84912345678"; anything else raises."""
    text = "".join(ch for ch in (raw or "") if ch.isdigit() or ch == "+")
    if not text:
        raise InvalidPhone(raw)
    if text.startswith("84") and len(text) == 11:
        text = "+" + text
    if not text.startswith("+") and not text.startswith("0"):
        raise InvalidPhone(raw)
    try:
        number = phonenumbers.parse(text, "VN")
    except NumberParseException as error:
        raise InvalidPhone(raw) from error
    if number.country_code != 84 or not phonenumbers.is_valid_number(number):
        raise InvalidPhone(raw)
    if phonenumbers.number_type(number) != PhoneNumberType.MOBILE:
        raise InvalidPhone(raw)
    national = str(number.national_number)
    if len(national) != 9 or national[0] not in "35789":
        raise InvalidPhone(raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def national_digits(e164: str) -> str:
    """ "+84912345678" → "0912345678"."""
    return "0" + e164[3:] if e164.startswith("+84") else e164


def format_phone(e164: str) -> str:
    """ "+84912345678" → "0912 345 678"."""
    digits = national_digits(e164)
    if len(digits) != 10:
        return digits
    return f"{digits[:4]} {digits[4:7]} {digits[7:]}"


def mask_phone(e164: str) -> str:
    """ "+84901234123" → "090****123": enough for a winner to recognise, not to call."""
    digits = national_digits(e164)
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 6) + digits[-3:]
