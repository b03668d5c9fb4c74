"""Template helpers of the marketplace: phone display and the home-page suggestions box."""

from __future__ import annotations

from typing import Any

from django import template

from khoi.accounts.permissions import is_member
from khoi.core.phones import format_phone

from .. import selectors

register = template.Library()


@register.filter
def phone(value: str) -> str:
    """ "+84912345678" → "0912 345 678"; "+842253841234" → "0225 3841 234"."""
    return format_phone(value)


@register.inclusion_tag("marketplace/_suggestions.html", takes_context=True)
def market_suggestions(context: dict[str, Any], limit: int = 5) -> dict[str, Any]:
    """`{% load market %}{% market_suggestions %}` on a unit's home page: offers/needs that fit its own."""
    user = context.get("user")
    unit = getattr(user, "unit", None)
    if not is_member(user) or unit is None or user.reads_all:
        return {"suggestions": [], "hidden": True}
    return {"suggestions": selectors.unit_suggestions(unit=unit, limit=limit)}
