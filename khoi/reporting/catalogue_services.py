"""The catalogue is the committee's: standard indicators chosen, its own added, forms composed.

History is never rewritten silently. An indicator's edits are optimistic-locked (Versioned, as
every edit form); once it has values, the fields that say what those values *mean* (unit of
measure, type, aggregation over time and over units, the terms of a ratio or a count, the total it
is part of) are fixed. To change them, ``indicator_new_version`` makes a new indicator (code
"revenue-v2"), puts it in place of the old one in every form, and leaves the old one with its
values: reports of past periods read what was collected then.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Field, Max
from django.utils.text import slugify
from django.utils.translation import gettext as _
from unidecode import unidecode

from khoi.accounts.models import User
from khoi.core.text import clean_text
from khoi.core.versioning import save_if_current
from khoi.units.models import UnitGroup

from . import catalogue
from .models import FormIndicator, Indicator, IndicatorValue, ReportForm, ReportingRound, UnitAggregation

INDICATOR_FIELDS = (
    "name",
    "name_en",
    "unit_label",
    "value_type",
    "decimals",
    "allow_negative",
    "time_aggregation",
    "unit_aggregation",
    "numerator",
    "denominator",
    "multiplier",
    "base",
    "count_operator",
    "count_threshold",
    "count_denominator",
    "part_of",
    "lower_is_better",
    "has_plan",
    "is_key",
    "order",
    "definition",
)
# What a stored value means: fixed once the indicator has values.
MEANING_FIELDS = (
    "unit_label",
    "value_type",
    "time_aggregation",
    "unit_aggregation",
    "numerator",
    "denominator",
    "multiplier",
    "base",
    "count_operator",
    "count_threshold",
    "count_denominator",
    "part_of",
)
_TEXT_FIELDS = ("name", "name_en", "unit_label")
_VERSION_SUFFIX = re.compile(r"-v(\d+)$")


def has_values(indicator: Indicator) -> bool:
    return IndicatorValue.objects.filter(indicator=indicator).exists()


def _code_from(name: str) -> str:
    base = slugify(unidecode(name)).replace("-", "_")[:50] or "chi_tieu"
    code, number = base, 1
    while Indicator.objects.filter(code=code).exists():
        number += 1
        code = f"{base}_{number}"
    return code


def _field(name: str) -> Field[Any, Any]:
    field = Indicator._meta.get_field(name)
    assert isinstance(field, Field)
    return field


def _value(indicator: Indicator, name: str) -> Any:
    return getattr(indicator, _field(name).attname)


def _comparable(name: str, value: Any) -> Any:
    if isinstance(value, Indicator):
        return value.pk
    if name in _TEXT_FIELDS:
        return clean_text(value or "", multiline=False)
    return value


def _apply(indicator: Indicator, fields: Mapping[str, Any]) -> None:
    for name in INDICATOR_FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        if name in _TEXT_FIELDS and value is not None:
            value = clean_text(value, multiline=False)
        elif name == "definition" and value is not None:
            value = clean_text(value, multiline=True)
        setattr(indicator, name, value)
    if indicator.unit_aggregation == UnitAggregation.SUM:
        indicator.numerator = indicator.denominator = indicator.base = None
    if indicator.unit_aggregation == UnitAggregation.RATIO and not (indicator.numerator and indicator.denominator):
        raise ValidationError({"numerator": _("A ratio needs a numerator and a denominator.")})
    if indicator.unit_aggregation == UnitAggregation.COUNT_IF and not (
        indicator.base and indicator.count_operator and indicator.count_threshold is not None
    ):
        raise ValidationError({"base": _("A count needs a base indicator, a condition and a threshold.")})
    if indicator.pk and indicator.part_of_id == indicator.pk:
        raise ValidationError({"part_of": _("An indicator cannot be a part of itself.")})


@transaction.atomic
def indicator_save(
    *,
    indicator: Indicator | None,
    actor: User | None,
    fields: Mapping[str, Any],
    groups: Iterable[UnitGroup] | None = None,
    expected_version: int | None = None,
) -> Indicator:
    """Create an indicator of the committee's own, or edit one. An edit of what values mean is
    refused once the indicator has values (make a new version instead); a stale edit is refused."""
    creating = indicator is None
    target = indicator or Indicator()
    if not creating and has_values(target):
        changed = [
            str(_field(name).verbose_name)
            for name in MEANING_FIELDS
            if name in fields and _comparable(name, fields[name]) != _value(target, name)
        ]
        if changed:
            raise ValidationError(
                _(
                    "“%(name)s” already has reported values, and changing %(fields)s would change what they "
                    "mean. Make a new version of the indicator instead: the old one keeps its history."
                )
                % {"name": target.name, "fields": ", ".join(changed)}
            )
    _apply(target, fields)
    if creating:
        target.code = fields.get("code") or _code_from(target.name)
    target.full_clean(exclude=["groups"])
    if creating:
        target.updated_by = actor
        target.save()
    else:
        save_if_current(target, expected_version=expected_version, actor=actor)
    if groups is not None:
        target.groups.set(list(groups))
    return target


@transaction.atomic
def indicator_new_version(*, indicator: Indicator, actor: User | None, fields: Mapping[str, Any]) -> Indicator:
    """A new indicator ("revenue-v2") with `fields` changed, replacing `indicator` in every form
    (same place, same required flag) and as the total of its parts; the old one keeps its values
    and nothing about it changes."""
    match = _VERSION_SUFFIX.search(indicator.code)
    number = int(match.group(1)) + 1 if match else 2
    stem = _VERSION_SUFFIX.sub("", indicator.code)
    code = f"{stem}-v{number}"
    while Indicator.objects.filter(code=code).exists():
        number += 1
        code = f"{stem}-v{number}"
    copy = Indicator(code=code)
    for name in INDICATOR_FIELDS:
        setattr(copy, _field(name).attname, _value(indicator, name))
    _apply(copy, fields)
    copy.updated_by = actor
    copy.full_clean(exclude=["groups"])
    copy.save()
    copy.groups.set(list(indicator.groups.all()))
    FormIndicator.objects.filter(indicator=indicator).update(indicator=copy)
    Indicator.objects.filter(part_of=indicator).update(part_of=copy)
    return copy


@transaction.atomic
def standard_indicator_add(*, code: str, actor: User | None) -> Indicator:
    """Add one indicator of the standard catalogue (and what it is computed from)."""
    specs = {spec["code"]: spec for spec in catalogue.INDICATORS}
    if code not in specs:
        raise ValidationError(_("This is not a standard indicator."))
    existing = Indicator.objects.filter(code=code).first()
    if existing is not None:
        return existing
    spec = specs[code]
    fields = {k: v for k, v in spec.items() if k not in {"groups", "numerator", "denominator", "base", "part_of"}}
    for relation in ("numerator", "denominator", "base", "part_of"):
        if relation in spec:
            fields[relation] = standard_indicator_add(code=spec[relation], actor=actor)
    indicator = Indicator.objects.create(**fields, updated_by=actor)
    if spec.get("groups"):
        indicator.groups.set(UnitGroup.objects.filter(code__in=spec["groups"]))
    return indicator


def standard_choices() -> list[dict[str, Any]]:
    """The standard indicators not yet in the catalogue."""
    have = set(Indicator.objects.values_list("code", flat=True))
    return [spec for spec in catalogue.INDICATORS if spec["code"] not in have]


@transaction.atomic
def report_form_save(
    *,
    form: ReportForm | None,
    actor: User | None,
    name: str,
    frequency: str,
    items: list[tuple[Indicator, bool]],
) -> ReportForm:
    """Create or recompose a form: its indicators in order, each required or not. The frequency of
    a form with rounds is fixed (its values were collected per it); a form with an open round
    keeps every indicator it has (units are answering it)."""
    name = clean_text(name, multiline=False)
    if not name:
        raise ValidationError({"name": _("This field is required.")})
    typed = [(indicator, required) for indicator, required in items if not indicator.is_computed]
    if not typed:
        raise ValidationError({"items": _("Choose at least one indicator that units type in.")})
    if form is None:
        base = slugify(unidecode(name))[:50] or "bieu-mau"
        code, number = base, 1
        while ReportForm.objects.filter(code=code).exists():
            number += 1
            code = f"{base}-{number}"
        form = ReportForm.objects.create(code=code, name=name, frequency=frequency)
    else:
        form = ReportForm.objects.select_for_update().get(pk=form.pk)
        if form.frequency != frequency and form.rounds.exists():
            raise ValidationError({"frequency": _("This form already has rounds: its frequency cannot change.")})
        if form.rounds.filter(status=ReportingRound.Status.OPEN).exists():
            kept = {indicator.pk for indicator, _required in typed}
            dropped = form.items.exclude(indicator_id__in=kept).select_related("indicator")
            if dropped.exists():
                raise ValidationError(
                    {
                        "items": _("A round of this form is open: %(names)s cannot be removed until it closes.")
                        % {"names": ", ".join(item.indicator.name for item in dropped)}
                    }
                )
        form.name = name
        form.frequency = frequency
        form.save(update_fields=["name", "frequency"])
    form.items.all().delete()
    FormIndicator.objects.bulk_create(
        [
            FormIndicator(form=form, indicator=indicator, order=(index + 1) * 10, required=required)
            for index, (indicator, required) in enumerate(typed)
        ]
    )
    return form


def next_order() -> int:
    return int(Indicator.objects.aggregate(top=Max("order"))["top"] or 0) + 10
