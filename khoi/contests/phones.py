"""The contests' phone numbers: mobiles only (the contest reaches people on their phones), through
the product's one phone helper (khoi.core.phones)."""

from __future__ import annotations

from khoi.core.phones import InvalidPhone, format_phone, mask_phone, national_digits
from khoi.core.phones import parse_mobile as normalize_phone

__all__ = ["InvalidPhone", "format_phone", "mask_phone", "national_digits", "normalize_phone"]
