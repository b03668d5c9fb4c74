"""Vietnamese phone numbers, the one helper of the product: parse to E.164 for storage, show in the
national format ("0912 345 678", "0225 3841 234"), mask for lists.

Pure functions (no database), built on `phonenumbers` with region VN. The old 11-digit 01x mobile
numbers were renumbered in 2018 and are rejected.
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

REGION = "VN"


class InvalidPhone(ValueError):
    """The text is not a Vietnamese phone number in use."""


def _parse(raw: str) -> phonenumbers.PhoneNumber:
    text = "".join(ch for ch in (raw or "") if ch.isdigit() or ch == "+")
    if not text:
        raise InvalidPhone(raw)
    if text.startswith("84") and len(text) in (11, 12):
        text = "+" + text
    if not text.startswith("+") and not text.startswith("0"):
        raise InvalidPhone(raw)
    try:
        number = phonenumbers.parse(text, REGION)
    except NumberParseException as error:
        raise InvalidPhone(raw) from error
    if number.country_code != 84 or not phonenumbers.is_valid_number(number):
        raise InvalidPhone(raw)
    return number


def parse_phone(raw: str) -> str:
    """Any Vietnamese number in use, mobile or landline ("0225 3841 234") → E.164; else raises."""
    return phonenumbers.format_number(_parse(raw), phonenumbers.PhoneNumberFormat.E164)


def parse_mobile(raw: str) -> str:
    """ "0912 345 678", "+84 912345678", "84912345678" → "+84912345678"; anything else raises."""
    number = _parse(raw)
    national = str(number.national_number)
    if phonenumbers.number_type(number) != PhoneNumberType.MOBILE or len(national) != 9 or national[0] not in "35789":
        raise InvalidPhone(raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def national_digits(e164: str) -> str:
    """ "+84912345678" → "0912345678"."""
    return "0" + e164[3:] if e164.startswith("+84") else e164


def format_phone(value: str) -> str:
    """A stored number as people write it: "0912 345 678", "0225 3841 234"; other text unchanged."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, REGION)
    except NumberParseException:
        return value
    if not phonenumbers.is_valid_number(number):
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def mask_phone(e164: str) -> str:
    """ "+84901234123" → "090****123": enough for a winner to recognise, not to call."""
    digits = national_digits(e164)
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 6) + digits[-3:]
