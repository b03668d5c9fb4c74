"""What reporting offers the other apps through khoi.core.providers (see ReportingConfig.provides)."""

from __future__ import annotations

from collections.abc import Sequence

from .models import Indicator
from .periods import Period
from .selectors import figure_drilldown


def unit_values(*, code: str, periods: Sequence[tuple[int, str]]) -> dict[int, float]:
    """Per unit id, an indicator's approved values in the first of `periods` ((year, kind) such as
    (2024, "H1")) that has any; {} when none has, or when there is no such indicator."""
    for year, kind in periods:
        try:
            rows = figure_drilldown(code=code, period=Period(year, kind))
        except Indicator.DoesNotExist:
            return {}
        values = {row.unit_id: float(row.value) for row in rows if row.value}
        if values:
            return values
    return {}
