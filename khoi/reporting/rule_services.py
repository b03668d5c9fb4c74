"""Writes of validation rules (staff's edit form): the expression must parse and name known indicators."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.core.versioning import save_if_current

from .models import Indicator, UnitAggregation, ValidationRule
from .rules import RuleSyntaxError, parse_rule


@transaction.atomic
def validation_rule_save(
    *, rule: ValidationRule | None, actor: User | None, fields: Mapping[str, Any], expected_version: int | None = None
) -> ValidationRule:
    """Create or edit a rule; the expression must parse and name only known indicators. A stale
    edit (someone saved since `expected_version`) is refused and writes nothing."""
    rule = rule or ValidationRule()
    for name in ("code", "name", "expression", "severity", "message", "active"):
        if name in fields:
            setattr(rule, name, fields[name])
    try:
        parsed = parse_rule(rule.expression)
    except RuleSyntaxError as error:
        raise ValidationError(
            {"expression": _("The expression is not an allowed rule: %(reason)s") % {"reason": str(error)}}
        ) from error
    known = set(Indicator.objects.filter(unit_aggregation=UnitAggregation.SUM).values_list("code", flat=True))
    unknown = sorted((parsed.codes | parsed.previous_codes | parsed.enclosing_codes) - known)
    if unknown:
        raise ValidationError({"expression": _("Unknown indicator codes: %(codes)s.") % {"codes": ", ".join(unknown)}})
    rule.full_clean()
    if rule.pk is None:
        rule.updated_by = actor
        rule.save()
    else:
        save_if_current(rule, expected_version=expected_version, actor=actor)
    return rule
