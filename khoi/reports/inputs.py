"""Inputs of the reports pages, API and commands: a period and a scope read from parameters, and
the links back to them (a drill-down URL keeps the scope).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from khoi.reporting import selectors as reporting
from khoi.reporting.periods import Period
from khoi.units.models import Ownership, Sector, Unit, UnitGroup, Zone


def period_from_code(code: str | None) -> Period:
    """A period code from a form or URL, or a Vietnamese message naming the field."""
    if not code or not str(code).strip():
        raise ValidationError({"period": _("Choose a period (for example 2021-H1 or 2021-Y).")})
    try:
        return Period.parse(str(code))
    except ValueError:
        raise ValidationError(
            {
                "period": _("“%(code)s” is not a period; write for example 2021-Q1, 2021-H1, 2021-9M or 2021-Y.")
                % {"code": code}
            }
        ) from None


def scope_from_params(params: Mapping[str, Any]) -> reporting.Scope:
    """Scope from request parameters (root, ownership, sector, zone, group); unknown values → 400."""

    def value(name: str) -> str:
        raw = params.get(name)
        return str(raw).strip() if raw not in (None, "") else ""

    root_id = zone_id = None
    if value("root"):
        if not value("root").isdigit() or not Unit.objects.filter(pk=int(value("root"))).exists():
            raise ValidationError({"root": _("There is no such unit.")})
        root_id = int(value("root"))
    if value("zone"):
        if not value("zone").isdigit() or not Zone.objects.filter(pk=int(value("zone"))).exists():
            raise ValidationError({"zone": _("There is no such industrial park or economic zone.")})
        zone_id = int(value("zone"))
    ownership = value("ownership") or None
    if ownership and ownership not in Ownership.values:
        raise ValidationError({"ownership": _("Unknown ownership.")})
    sector = value("sector") or None
    if sector and not Sector.objects.filter(code=sector).exists():
        raise ValidationError({"sector": _("Unknown sector.")})
    group = value("group") or None
    if group and not UnitGroup.objects.filter(code=group).exists():
        raise ValidationError({"group": _("There is no such unit group.")})
    return reporting.Scope(
        root_unit_id=root_id, ownership=ownership, sector_code=sector, zone_id=zone_id, group_code=group
    )


def scope_params(scope: reporting.Scope) -> dict[str, str]:
    params = {
        "root": scope.root_unit_id,
        "ownership": scope.ownership,
        "sector": scope.sector_code,
        "zone": scope.zone_id,
        "group": scope.group_code,
    }
    return {key: str(val) for key, val in params.items() if val not in (None, "")}


def scope_label(scope: reporting.Scope) -> str:
    parts = []
    if scope.root_unit_id is not None:
        unit = Unit.objects.filter(pk=scope.root_unit_id).first()
        parts.append(unit.name if unit else "?")
    if scope.group_code:
        group = UnitGroup.objects.filter(code=scope.group_code).first()
        parts.append(group.name if group else scope.group_code)
    if scope.ownership:
        parts.append(str(Ownership(scope.ownership).label))
    if scope.sector_code:
        sector = Sector.objects.filter(code=scope.sector_code).first()
        parts.append(str(sector) if sector else scope.sector_code)
    if scope.zone_id is not None:
        zone = Zone.objects.filter(pk=scope.zone_id).first()
        parts.append(zone.name if zone else "?")
    return " – ".join(parts) if parts else _("Whole bloc")


def drilldown_url(*, code: str, period: Period, scope: reporting.Scope) -> str:
    query = urlencode({"period": str(period), **scope_params(scope)})
    return reverse("reports:drilldown", kwargs={"code": code}) + "?" + query
