"""A submission's Excel workbook: the form to download (with its values) and the upload read back.

The workbook's layout is `excel_form` (pure); this module fills it from a submission and hands
what was uploaded to the services.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from khoi.accounts.models import User

from . import excel_form
from .entry import field_name, submission_items, value_periods
from .models import Submission
from .periods import Period
from .services import submission_save_values
from .validation import Issue, ValidationReport, submission_validate


def _form_file(submission: Submission, *, with_values: bool) -> excel_form.FormFile:
    from .selectors import unit_previous_values

    reporting_round = submission.reporting_round
    period = Period.parse(reporting_round.period_code)
    periods = value_periods(form=reporting_round.form, period=period)
    items = submission_items(submission=submission)
    current: dict[tuple[str, str], Decimal] = {}
    previous: dict[tuple[str, str], Decimal] = {}
    if with_values:
        current = {
            (code, pc): value
            for code, pc, value in submission.values.values_list("indicator__code", "period_code", "value")
        }
        previous = unit_previous_values(unit=submission.unit, periods=periods)
    return excel_form.FormFile(
        form_code=reporting_round.form.code,
        form_name=reporting_round.form.name,
        unit_code=submission.unit.code,
        unit_name=submission.unit.name,
        period_code=str(period),
        period_label=period.label_vi,
        periods=[excel_form.FormPeriod(str(p), p.label_vi, p.same_period_last_year().label_vi) for p in periods],
        rows=[
            excel_form.FormRow(
                code=item.indicator.code,
                name=item.indicator.name,
                unit_label=item.indicator.unit_label,
                values=[current.get((item.indicator.code, str(p))) for p in periods],
                previous=[previous.get((item.indicator.code, str(p.same_period_last_year()))) for p in periods],
            )
            for item in items
        ],
    )


def submission_excel_template(*, submission: Submission) -> bytes:
    """The form as an Excel workbook (with the current values) to fill in and upload."""
    return excel_form.build_form_workbook(_form_file(submission, with_values=True))


class ExcelUploadRejected(ValidationError):
    """An uploaded workbook whose figures fail the form's checks: nothing was saved. Carries the
    checks' report (each value's problem naming its cell) and the values read, for the page."""

    def __init__(self, *, report: ValidationReport, values: dict[str, Any]) -> None:
        self.report = report
        self.values = values
        super().__init__({"file": [issue.message for issue in report.errors]})


def _name_cells(report: ValidationReport, cells: Mapping[str, str]) -> ValidationReport:
    """The report with each value's problem prefixed by the sheet cell it was read from."""

    def named(issue: Issue) -> Issue:
        cell = cells.get(issue.field)
        if not cell:
            return issue
        return dataclasses.replace(
            issue, message=_("Cell %(cell)s: %(message)s") % {"cell": cell, "message": issue.message}
        )

    return dataclasses.replace(
        report, errors=[named(issue) for issue in report.errors], warnings=[named(w) for w in report.warnings]
    )


def submission_import_excel(
    *, submission: Submission, content: bytes | IO[bytes], actor: User | None, expected_version: int | None
) -> ValidationReport:
    """Upload the form's Excel workbook. The file is read, then its figures go through the same
    checks as the web form (submission_validate), all at once, before anything is saved: a broken
    error rule, parts that do not add up, a wrong cell — every problem is raised together
    (ExcelUploadRejected) and nothing is written. Returns the checks' report of what was saved: its
    warnings are explained on the form before it is submitted."""
    values, cells = excel_form.read_form_cells(content, _form_file(submission, with_values=False), field_name)
    report = _name_cells(submission_validate(submission=submission, values=values, require_complete=False), cells)
    if report.errors:
        raise ExcelUploadRejected(report=report, values=values)
    submission_save_values(
        submission=submission, actor=actor, values=values, expected_version=expected_version, source="excel"
    )
    return report
