"""Indicators counted from another app's records instead of typed on forms.

An app whose records are the source of some indicators declares, on its AppConfig, a method
``reporting_figures()`` returning an object with

- ``indicator_codes``: the codes of the catalogue it computes;
- ``unit_values(*, code, start, end, unit_ids) -> {unit_id: Decimal}``: each unit's value for the
  window [start, end] (a flow), every unit given (0 where nothing happened).

Reporting asks these providers for those codes (``selectors``) and never imports the apps: the
dependency stays ``reporting ← party``. Values from records count for a window only for the units
whose submission for it counts (``selectors._record_values``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from typing import Protocol

from django.apps import apps


class RecordFigures(Protocol):
    indicator_codes: Sequence[str]

    def unit_values(
        self, *, code: str, start: dt.date, end: dt.date, unit_ids: Sequence[int]
    ) -> dict[int, Decimal]: ...


@cache
def record_providers() -> dict[str, RecordFigures]:
    """{indicator code: the provider computing it} over the installed apps."""
    providers: dict[str, RecordFigures] = {}
    for config in apps.get_app_configs():
        factory = getattr(config, "reporting_figures", None)
        if factory is None:
            continue
        provider = factory()
        for code in provider.indicator_codes:
            providers[code] = provider
    return providers
