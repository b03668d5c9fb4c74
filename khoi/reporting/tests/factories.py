"""Test data for reporting: indicators and values written straight into submissions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from khoi.reporting.models import (
    Indicator,
    IndicatorValue,
    ReportForm,
    ReportingRound,
    Submission,
    SubmissionStatus,
)
from khoi.reporting.periods import Period
from khoi.reporting.services import window_values_refresh
from khoi.units.models import Unit


def make_indicator(code: str, **fields: Any) -> Indicator:
    defaults: dict[str, Any] = {"name": code.replace("_", " ").title(), "unit_label": "tỷ đồng", "is_key": True}
    defaults.update(fields)
    indicator, _ = Indicator.objects.get_or_create(code=code, defaults=defaults)
    return indicator


def submission_for(unit: Unit, period_code: str, status: str = SubmissionStatus.APPROVED) -> Submission:
    form, _ = ReportForm.objects.get_or_create(code=f"test-{status}", defaults={"name": f"Test {status}"})
    reporting_round, _ = ReportingRound.objects.get_or_create(
        form=form, period_code=period_code, defaults={"deadline": Period.parse(period_code).end + dt.timedelta(days=20)}
    )
    submission, _ = Submission.objects.get_or_create(
        reporting_round=reporting_round, unit=unit, defaults={"status": status}
    )
    return submission


def record(unit: Unit, indicator: Indicator, period_code: str, value: Any, status: str = SubmissionStatus.APPROVED):
    """Store a value straight into a submission of that status and refresh the unit's windows."""
    period = Period.parse(period_code)
    value = IndicatorValue.objects.create(
        submission=submission_for(unit, period_code, status),
        unit=unit,
        indicator=indicator,
        period_code=str(period),
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        months=period.month_count,
        value=Decimal(str(value)),
    )
    window_values_refresh(unit_ids=[unit.pk], years=[period.year])
    return value
