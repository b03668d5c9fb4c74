"""What the Party-building writes share: names, base organisations, decisions (one number
once a year per issuer)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.core.text import clean_text
from khoi.units.models import BASE_KINDS, Unit

from ..models import (
    Decision,
)

EARLIEST_BIRTH = dt.date(1900, 1, 1)
ADULT_AGE_YEARS = 18


def _name(value: str, field_name: str) -> str:
    name = " ".join(clean_text(value, multiline=False).split())
    if not name:
        raise ValidationError({field_name: _("Enter the full name.")})
    return name


def _require_base(unit: Unit) -> None:
    if unit.kind not in BASE_KINDS:
        raise ValidationError({"unit": _("Choose a base Party organisation (a base committee or a base cell).")})


# ---- Decisions --------------------------------------------------------------------------------


def number_key(number: str) -> str:
    """ "125 - QĐ/ĐUK" and "125-qđ/đuk" are the same number."""
    return "".join(clean_text(number, multiline=False).split()).upper()


def _decision_create(
    *, kind: str, number: str, signed_on: dt.date, subject: str = "", unit: Unit | None = None, by: User | None
) -> Decision:
    text = " ".join(clean_text(number, multiline=False).split())
    key = number_key(text)
    if not key:
        raise ValidationError({"decision_number": _("Enter the decision's number and symbol.")})
    if signed_on is None:
        raise ValidationError({"decision_signed_on": _("Enter the decision's date.")})
    clash = Decision.objects.filter(number_key=key, year=signed_on.year)
    clash = clash.filter(unit=unit) if unit is not None else clash.filter(unit__isnull=True)
    if clash.exists():
        raise ValidationError(
            {"decision_number": _("Decision number %(number)s is already used in %(year)d.")
             % {"number": text, "year": signed_on.year}}
        )  # fmt: skip
    try:
        with transaction.atomic():
            return Decision.objects.create(
                kind=kind,
                number=text,
                number_key=key,
                year=signed_on.year,
                signed_on=signed_on,
                subject=clean_text(subject, multiline=False),
                unit=unit,
                recorded_by=by,
            )
    except IntegrityError as error:  # a concurrent save took the number first
        raise ValidationError(
            {"decision_number": _("Decision number %(number)s is already used in %(year)d.")
             % {"number": text, "year": signed_on.year}}
        ) from error  # fmt: skip
