"""People and courses: a candidate's record, the secretaries, the course batches."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.core.formatting import format_short_date
from khoi.core.text import clean_text, name_key
from khoi.units.models import Unit

from .. import access, rules
from ..models import (
    CourseBatch,
    CourseKind,
    Person,
    RecordRead,
    SecretaryAccount,
)
from .common import ADULT_AGE_YEARS, EARLIEST_BIRTH, _name, _require_base

# ---- People ------------------------------------------------------------------------------------


@transaction.atomic
def person_create(
    *,
    unit: Unit,
    full_name: str,
    birth_date: dt.date,
    gender: str,
    identity_number: str = "",
    today: dt.date | None = None,
) -> Person:
    """A candidate of a base organisation. The same person (name in any Unicode form or case, and
    date of birth) is refused a second time in the same organisation."""
    _require_base(unit)
    name = _name(full_name, "full_name")
    today = today or dt.date.today()
    if birth_date < EARLIEST_BIRTH or birth_date > rules.add_months(today, -12 * ADULT_AGE_YEARS):
        raise ValidationError({"birth_date": _("A candidate must be at least 18 years old: check the date of birth.")})
    number = clean_text(identity_number, multiline=False).replace(" ", "")
    if number:
        problem = rules.identity_problem(number, birth_date)
        if problem is not None:
            messages = {
                "format": _("An identity card number (CCCD) has exactly 12 digits."),
                "province": _("The identity card number does not start with a province code (001–096)."),
                "birth_year": _("The identity card number does not match the year of birth."),
            }
            raise ValidationError({"identity_number": messages[problem.message_key]})
        if Person.objects.filter(identity_number=number).exists():
            raise ValidationError(
                {"identity_number": _("A person with this identity card number is already recorded.")}
            )
    if gender not in {"male", "female"}:
        raise ValidationError({"gender": _("Choose the gender.")})
    key = name_key(name)
    if Person.objects.filter(unit=unit, name_key=key, birth_date=birth_date).exists():
        raise ValidationError(
            {"full_name": _("%(name)s, born on %(date)s, is already recorded in this organisation.")
             % {"name": name, "date": format_short_date(birth_date)}}
        )  # fmt: skip
    return Person.objects.create(
        unit=unit, full_name=name, name_key=key, birth_date=birth_date, gender=gender, identity_number=number
    )


def person_read_log(*, user: User, person: Person, via: str) -> None:
    """Every read of a person's record is logged (the page, the API, a document)."""
    RecordRead.objects.create(user=user, person=person, via=via[:20])


@transaction.atomic
def secretary_assign(*, user: User, unit: Unit) -> SecretaryAccount:
    _require_base(unit)
    account, _created = SecretaryAccount.objects.update_or_create(user=user, defaults={"unit": unit})
    access.forget_secretary(user)
    return account


# ---- Courses ----------------------------------------------------------------------------------


@transaction.atomic
def course_batch_create(
    *, kind: str, year: int, number: int, starts_on: dt.date, ends_on: dt.date, place: str = ""
) -> CourseBatch:
    if kind not in CourseKind.values:
        raise ValidationError({"kind": _("Choose the course.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The course cannot end before it starts.")})
    if starts_on.year != year:
        raise ValidationError({"starts_on": _("A batch of %(year)d starts in %(year)d.") % {"year": year}})
    if CourseBatch.objects.filter(kind=kind, year=year, number=number).exists():
        raise ValidationError({"number": _("This batch is already recorded.")})
    return CourseBatch.objects.create(
        kind=kind,
        year=year,
        number=number,
        starts_on=starts_on,
        ends_on=ends_on,
        place=clean_text(place, multiline=False),
    )
