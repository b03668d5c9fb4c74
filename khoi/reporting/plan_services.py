"""Writes of units' yearly plans: typed one by one, or imported from an Excel sheet (all rows or none)."""

from __future__ import annotations

from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.core.workbook_read import WorkbookReadError, read_upload
from khoi.units.models import Unit

from .models import Indicator, Plan
from .parsing import NotANumber, parse_number


@transaction.atomic
def plan_set(*, unit: Unit, indicator: Indicator, year: int, value: Any, actor: User | None) -> Plan | None:
    """Type a unit's yearly plan; an empty value removes it."""
    try:
        amount = parse_number(value)
    except NotANumber as error:
        raise ValidationError({"value": _("“%(text)s” is not a number.") % {"text": value}}) from error
    if amount is None:
        Plan.objects.filter(unit=unit, indicator=indicator, year=year).delete()
        return None
    if amount <= 0:
        raise ValidationError({"value": _("A plan must be greater than zero.")})
    if not indicator.has_plan:
        raise ValidationError({"indicator": _("“%(name)s” has no yearly plan.") % {"name": indicator.name}})
    plan, _created = Plan.objects.update_or_create(
        unit=unit, indicator=indicator, year=year, defaults={"value": amount, "updated_by": actor}
    )
    return plan


PLAN_HEADER = ["Mã đơn vị", "Mã chỉ tiêu", "Năm", "Kế hoạch"]


def plan_import_excel(*, content: bytes | IO[bytes], actor: User | None) -> int:
    """Import plans from an Excel sheet with the columns Mã đơn vị | Mã chỉ tiêu | Năm | Kế hoạch.
    All rows or none; each error names its cell. The file is read before the transaction opens."""
    try:
        sheet = read_upload(content).first
    except WorkbookReadError as error:
        raise ValidationError({"file": error.message}) from None
    return _plans_write(rows=[(row.number, row.values) for row in sheet.rows], actor=actor)


@transaction.atomic
def _plans_write(*, rows: list[tuple[int, tuple[Any, ...]]], actor: User | None) -> int:
    if not rows or [str(c or "").strip() for c in rows[0][1][:4]] != PLAN_HEADER:
        raise ValidationError({"file": _("The first row must be: %(header)s.") % {"header": " | ".join(PLAN_HEADER)}})
    units = {u.code: u for u in Unit.objects.all()}
    indicators = {i.code: i for i in Indicator.objects.filter(has_plan=True)}
    errors = []
    plans = []
    for number, row in rows[1:]:
        cells = list(row) + [None] * 4
        if all(c in (None, "") for c in cells[:4]):
            continue
        unit = units.get(str(cells[0] or "").strip())
        indicator = indicators.get(str(cells[1] or "").strip())
        if unit is None:
            errors.append(_("Cell A%(row)d: unknown unit code “%(code)s”.") % {"row": number, "code": cells[0]})
        if indicator is None:
            errors.append(
                _("Cell B%(row)d: “%(code)s” is not an indicator with a plan.") % {"row": number, "code": cells[1]}
            )
        try:
            year = int(str(cells[2]).strip())
        except ValueError:
            errors.append(_("Cell C%(row)d: “%(text)s” is not a year.") % {"row": number, "text": cells[2]})
            continue
        try:
            value = parse_number(cells[3])
        except NotANumber:
            errors.append(_("Cell D%(row)d: “%(text)s” is not a number.") % {"row": number, "text": cells[3]})
            continue
        if value is None or value <= 0:
            errors.append(_("Cell D%(row)d: a plan must be greater than zero.") % {"row": number})
            continue
        if unit and indicator:
            plans.append((unit, indicator, year, value))
    if errors:
        raise ValidationError({"file": errors})
    for unit, indicator, year, value in plans:
        Plan.objects.update_or_create(
            unit=unit, indicator=indicator, year=year, defaults={"value": value, "updated_by": actor}
        )
    return len(plans)
