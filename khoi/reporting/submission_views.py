"""A unit's form: the page with its values, errors and warnings, the workflow's actions on it
(submit, approve, return, …) and its Excel round trip."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khoi.accounts.permissions import member_required, signed_in_member
from khoi.core.downloads import file_response
from khoi.core.formatting import format_number
from khoi.core.service_errors import flash_errors

from . import excel_io, selectors, services, validation
from .access import can_edit_submission, can_review, require_edit, require_review, submission_for
from .forms import CommentForm, UploadForm
from .models import FormIndicator, ReportingRound
from .parsing import NotANumber, parse_number
from .periods import Period


def _form_rows(submission: Any, items: list[FormIndicator]) -> tuple[list[Period], list[dict[str, Any]]]:
    period = Period.parse(submission.reporting_round.period_code)
    periods = services.value_periods(form=submission.reporting_round.form, period=period)
    current = selectors.submission_value_map(submission=submission)
    previous = selectors.unit_previous_values(unit=submission.unit, periods=periods)
    rows = []
    for item in items:
        indicator = item.indicator
        cells = []
        for p in periods:
            value = current.get((indicator.code, str(p)))
            cells.append(
                {
                    "name": services.field_name(indicator.code, str(p)),
                    "value": value,
                    # Typed numbers are read the Vietnamese way (comma for decimals) whatever the
                    # interface: the box shows them so, or "1,435" would come back as 1.435.
                    "text": "" if value is None else format_number(value, 4, locale="vi"),
                    "previous": previous.get((indicator.code, str(p.same_period_last_year()))),
                    "period": p,
                }
            )
        rows.append({"indicator": indicator, "cells": cells, "required": item.required})
    return periods, rows


@member_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_for(request.user, pk)
    raw: dict[str, str] = {}
    report = None
    if request.method == "POST":
        require_edit(request.user, submission)
        raw = {k: request.POST.get(k, "") for k in request.POST if k.startswith("v-")}
        version = request.POST.get("version")
        expected = int(version) if version and version.isdigit() else None
        explanations = {
            k.removeprefix("explanation-"): request.POST.get(k, "")
            for k in request.POST
            if k.startswith("explanation-")
        }
        submitting = request.POST.get("action") == "submit"
        try:
            if submitting:
                services.submission_save_and_submit(
                    submission=submission,
                    actor=signed_in_member(request),
                    values=raw,
                    explanations=explanations,
                    expected_version=expected,
                )
                messages.success(request, _("The form was submitted for approval."))
            else:
                services.submission_save_values(
                    submission=submission, actor=signed_in_member(request), values=raw, expected_version=expected
                )
                messages.success(request, _("Saved."))
            return redirect("reporting:submission_detail", pk=pk)
        except ValidationError as error:
            submission.refresh_from_db()
            if submitting:  # every problem of what was typed, with a box for each warning
                report = validation.submission_validate(submission=submission, values=raw, explanations=explanations)
            if report is not None and report.blocks_submission:
                messages.error(request, _("The form was not submitted: see the checks below."))
            else:
                flash_errors(request, error)
    return _detail_page(request, submission, raw=raw, report=report)


def _detail_page(
    request: HttpRequest,
    submission: Any,
    *,
    raw: dict[str, str],
    report: validation.ValidationReport | None,
    status: int = 200,
) -> HttpResponse:
    items = services.submission_items(submission=submission)
    periods, rows = _form_rows(submission, items)
    if raw:  # show what was typed, not the stored values, after an error
        for row in rows:
            for cell in row["cells"]:
                if cell["name"] in raw:
                    cell["text"] = raw[cell["name"]]
    if report is None:
        report = validation.submission_validate(submission=submission, require_complete=False, items=items)
    return render(
        request,
        "reporting/submission_detail.html",
        {
            "submission": submission,
            "period": Period.parse(submission.reporting_round.period_code),
            "periods": periods,
            "rows": rows,
            "report": report,
            "explained": selectors.explanation_list(submission=submission),
            "can_edit": can_edit_submission(request.user, submission)
            and submission.reporting_round.status == ReportingRound.Status.OPEN,
            "can_review": can_review(request.user),
            "events": submission.events.select_related("actor")[:20],
            "comment_form": CommentForm(),
            "upload_form": UploadForm(initial={"version": submission.version}),
        },
        status=status,
    )


@require_POST
@member_required
def submission_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """approve / return / unlock: staff only."""
    submission = submission_for(request.user, pk)
    require_review(request.user)
    comment = request.POST.get("comment", "")
    try:
        if action == "approve":
            services.submission_approve(submission=submission, actor=signed_in_member(request))
            messages.success(request, _("Approved and locked."))
        elif action == "return":
            services.submission_return(submission=submission, actor=signed_in_member(request), comment=comment)
            messages.success(request, _("Returned to the unit."))
        elif action == "unlock":
            services.submission_unlock(submission=submission, actor=signed_in_member(request), comment=comment)
            messages.success(request, _("Unlocked and returned to the unit."))
        else:
            raise Http404
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("reporting:submission_detail", pk=pk)


def _typed(values: dict[str, Any]) -> dict[str, str]:
    """Values read from a sheet as a reporter would type them in the form's boxes (Vietnamese
    decimals), so that the page shows the uploaded figures and posting them back reads the same."""
    shown = {}
    for name, value in values.items():
        try:
            number = parse_number(value)
        except NotANumber:
            shown[name] = str(value)
            continue
        shown[name] = "" if number is None else format_number(number, 4, locale="vi")
    return shown


@member_required
def submission_excel(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form as Excel. POST: upload the filled sheet."""
    submission = submission_for(request.user, pk)
    if request.method == "POST":
        require_edit(request.user, submission)
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report = excel_io.submission_import_excel(
                    submission=submission,
                    content=form.cleaned_data["file"],
                    actor=signed_in_member(request),
                    expected_version=form.cleaned_data.get("version"),
                )
            except excel_io.ExcelUploadRejected as rejected:  # every problem, the uploaded figures in the boxes
                messages.error(
                    request,
                    _("The Excel file was not saved: its figures fail the checks below. Nothing was changed."),
                )
                return _detail_page(
                    request, submission, raw=_typed(rejected.values), report=rejected.report, status=400
                )
            except ValidationError as error:
                flash_errors(request, error)
            else:
                messages.success(request, _("The Excel file was read and its figures saved."))
                if report.warnings:
                    messages.warning(
                        request,
                        _("%(count)d warnings need an explanation before the form is submitted: type it in its box.")
                        % {"count": len(report.warnings)},
                    )
        else:
            messages.error(request, _("Choose an Excel file to upload."))
        return redirect("reporting:submission_detail", pk=pk)
    content = excel_io.submission_excel_template(submission=submission)
    period = Period.parse(submission.reporting_round.period_code)
    return file_response(content, f"Biểu mẫu {submission.unit.code} {period.label_vi}.xlsx")
