"""Template filters for Vietnamese formats; thin wrappers over khoi.core.formatting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import format_html

from khoi.core import formatting

register = template.Library()


@register.filter
def vn_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """{{ 14167|vn_number }} → 14.167; {{ 975.93|vn_number:1 }} → 975,9."""
    if value is None or value == "":
        return "–"
    return formatting.format_number(value, int(decimals))


@register.filter
def vn_percent(value: int | float | Decimal | None, decimals: int = 1) -> str:
    if value is None or value == "":
        return "–"
    return formatting.format_percent(value, int(decimals))


@register.filter
def vn_long_date(value: dt.date | None) -> str:
    return formatting.format_long_date(value) if value else ""


@register.filter
def vn_date(value: dt.date | dt.datetime | None) -> str:
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%H:%M %d/%m/%Y")
    return formatting.format_short_date(value)


@register.simple_tag(takes_context=True)
def version_input(context: template.Context, obj: Any) -> str:
    """The edit form's hidden `version`: the one the form was first read at (kept across a refused
    save, so resending a stale form stays refused until the page is reloaded)."""
    request = context.get("request")
    posted = request.POST.get("version", "") if request is not None and request.method == "POST" else ""
    value = posted if posted.isascii() and posted.isdigit() else getattr(obj, "version", "")
    return format_html('<input type="hidden" name="version" value="{}">', value)
