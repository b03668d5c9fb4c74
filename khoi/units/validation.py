"""Checks on unit data that need no database: tax codes and tree rules."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.vn import mst

_TAX_CODE_SHAPE = re.compile(r"^[0-9]{10}(-[0-9]{3})?$")  # ASCII digits only: \d also matches ١٢٣


def normalize_tax_code(value: str) -> str:
    """Validate a mã số thuế and return it as "0100109106" or "0100109106-001".

    10 digits whose last is the check digit (weights 31, 29, 23, 19, 17, 13, 7, 5, 3), optionally
    followed by a 3-digit branch suffix. Spaces and dots people type are ignored.
    """
    cleaned = re.sub(r"[\s.]", "", value or "")
    if not cleaned:
        return ""
    if len(cleaned) == 13 and re.fullmatch(r"[0-9]{13}", cleaned):
        cleaned = f"{cleaned[:10]}-{cleaned[10:]}"
    if not _TAX_CODE_SHAPE.match(cleaned):
        raise ValidationError(
            _("Tax code “%(value)s” must have 10 digits, optionally followed by a branch suffix such as -001."),
            code="tax_code_format",
            params={"value": value},
        )
    if not mst.is_valid(cleaned.replace("-", "")):
        raise ValidationError(
            _("Tax code “%(value)s” is not valid: its check digit does not match."),
            code="tax_code_check_digit",
            params={"value": value},
        )
    return cleaned
