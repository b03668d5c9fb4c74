"""What a form asks of one unit, and the posted text read as numbers (reads only, no writes).

Shared by the services that save and submit values, the validation service and the pages: the
periods a form collects for a round, the indicators that apply to a unit, the field names of the
web form and the API ("v-revenue-2021-H1"), and the parsing of what a reporter typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .models import FormIndicator, Indicator, ReportForm, Submission, ValueType
from .parsing import NotANumber, parse_number
from .periods import Period

MAX_ABS_VALUE = Decimal("1e15")


def value_periods(*, form: ReportForm, period: Period) -> list[Period]:
    """The periods a form collects for a round: the round's period, or its quarters or months."""
    if form.frequency == ReportForm.Frequency.WINDOW:
        return [period]
    return period.split(form.frequency)


def indicator_applies(indicator: Indicator, unit_group_ids: set[int]) -> bool:
    groups = {group.pk for group in indicator.groups.all()}
    return not groups or bool(groups & unit_group_ids)


def submission_items(*, submission: Submission) -> list[FormIndicator]:
    """The form's typed indicators that apply to the submission's unit (group-scoped ones only
    for the group's members)."""
    unit_groups = set(submission.unit.groups.values_list("id", flat=True))
    items = (
        submission.reporting_round.form.items.select_related("indicator", "indicator__part_of")
        .prefetch_related("indicator__groups")
        .order_by("order", "id")
    )
    return [item for item in items if not item.indicator.is_computed and indicator_applies(item.indicator, unit_groups)]


def field_name(indicator_code: str, period_code: str) -> str:
    """The form field (and API key) of one value: "v-revenue-2021-H1"."""
    return f"v-{indicator_code}-{period_code}"


def all_field_names(items: list[FormIndicator], periods: list[Period]) -> set[str]:
    return {field_name(item.indicator.code, str(period)) for item in items for period in periods}


def parse_posted(
    *, raw: Mapping[str, Any], items: list[FormIndicator], periods: list[Period]
) -> tuple[dict[tuple[int, str], Decimal | None], dict[str, str]]:
    """({(indicator id, period code): value}, {field name: error}) from {field name: text}: every
    bad cell is named, all at once; the good ones are parsed all the same."""
    errors: dict[str, str] = {}
    parsed: dict[tuple[int, str], Decimal | None] = {}
    for item in items:
        indicator = item.indicator
        for period in periods:
            name = field_name(indicator.code, str(period))
            if name not in raw:
                continue
            label = _("%(indicator)s, %(period)s") % {"indicator": indicator.name, "period": period.label}
            try:
                value = parse_number(raw[name])
            except NotANumber:
                errors[name] = _("%(field)s: “%(text)s” is not a number.") % {"field": label, "text": raw[name]}
                continue
            if value is not None:
                if value < 0 and not indicator.allow_negative:
                    errors[name] = _("%(field)s: the value cannot be negative.") % {"field": label}
                    continue
                if indicator.value_type == ValueType.INTEGER and value != value.to_integral_value():
                    errors[name] = _("%(field)s: must be a whole number.") % {"field": label}
                    continue
                if abs(value) >= MAX_ABS_VALUE or value.as_tuple().exponent < -4:  # type: ignore[operator]
                    errors[name] = _("%(field)s: the number is too large or has more than 4 decimals.") % {
                        "field": label
                    }
                    continue
            parsed[(indicator.pk, str(period))] = value
    names = all_field_names(items, periods)
    for key in raw:
        if key.startswith("v-") and key not in names:
            errors[key] = _("%(field)s is not a field of this form.") % {"field": key}
    return parsed, errors
