"""Pages of the history import: the template, the upload, the matching of a summary table's
sheets and columns, the preview with every problem, and the import itself (committee staff)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khoi.accounts.models import User
from khoi.accounts.permissions import is_committee_staff, member_required
from khoi.core.downloads import file_response
from khoi.core.service_errors import error_text
from khoi.core.workbook_read import WorkbookReadError

from . import history_import, history_services
from .history_forms import HistoryMappingForm, HistoryTemplateForm, HistoryUploadForm
from .models import HistoryImport, Indicator
from .periods import Period

PREVIEW_ROWS = 300  # problems and changes shown on the page (all are counted)


def _staff(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not is_committee_staff(user):
        raise PermissionDenied(_("Only the committee's staff import history."))
    return user


def _record(pk: int) -> HistoryImport:
    return get_object_or_404(HistoryImport.objects.select_related("uploaded_by"), pk=pk)


@member_required
def history_home(request: HttpRequest) -> HttpResponse:
    actor = _staff(request)
    this_year = timezone.localdate().year
    template_form = HistoryTemplateForm(initial={"first_year": this_year - 2, "last_year": this_year - 1})
    upload_form = HistoryUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload_form.is_valid():
        upload = upload_form.cleaned_data["file"]
        try:
            record = history_services.history_upload(
                upload=upload, file_name=upload.name, layout=upload_form.cleaned_data["layout"], actor=actor
            )
        except (ValidationError, WorkbookReadError) as error:
            upload_form.add_error("file", getattr(error, "message", None) or " ".join(error.messages))  # type: ignore[union-attr]
        else:
            if record.layout == HistoryImport.Layout.SUMMARY:
                return redirect("reporting:history_mapping", pk=record.pk)
            return redirect("reporting:history_preview", pk=record.pk)
    imports = HistoryImport.objects.filter(status=HistoryImport.Status.IMPORTED).select_related("uploaded_by")[:20]
    return render(
        request,
        "reporting/history_home.html",
        {"template_form": template_form, "upload_form": upload_form, "imports": imports},
    )


@member_required
def history_template(request: HttpRequest) -> HttpResponse:
    _staff(request)
    form = HistoryTemplateForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose the years and periods of the template."))
        return redirect("reporting:history")
    first, last = form.cleaned_data["first_year"], form.cleaned_data["last_year"]
    content = history_services.history_template(years=range(first, last + 1), kinds=form.cleaned_data["kinds"])
    return file_response(content, f"Mẫu nhập số liệu lịch sử {first}-{last}.xlsx")


def _period_choices(years: set[int]) -> list[tuple[str, str]]:
    choices = []
    for year in sorted(years, reverse=True):
        for period in (
            Period(year, "Y"),
            Period(year, "9M"),
            Period(year, "H1"),
            *(Period(year, "Q", q) for q in range(4, 0, -1)),
        ):
            choices.append((str(period), period.label))
    return choices


@member_required
def history_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    """The summary layout's matching: a period for each sheet, an indicator for each column."""
    _staff(request)
    record = _record(pk)
    if record.status != HistoryImport.Status.PREVIEW or record.layout != HistoryImport.Layout.SUMMARY:
        return redirect("reporting:history_preview", pk=record.pk)
    try:
        layout = history_import.summary_layout(bytes(record.content))
    except WorkbookReadError as error:
        messages.error(request, error.message)
        return redirect("reporting:history")
    this_year = timezone.localdate().year
    years = {this_year - n for n in range(11)} | {s.period.year for s in layout.sheets if s.period}
    indicators = [(i.code, f"{i.name} ({i.unit_label})" if i.unit_label else i.name) for i in Indicator.objects.all()]
    saved_sheets = record.mapping.get("sheets", {})
    saved_columns = record.mapping.get("columns", {})
    form = HistoryMappingForm(
        request.POST or None,
        sheets=[(s.title, saved_sheets.get(s.title) or (str(s.period) if s.period else "")) for s in layout.sheets],
        headers=[(text, saved_columns.get(text) or layout.suggested.get(text, "")) for text in layout.headers],
        period_choices=_period_choices(years),
        indicator_choices=indicators,
    )
    if request.method == "POST" and form.is_valid():
        sheets, columns = form.mapping()
        try:
            history_services.history_mapping_save(record=record, sheets=sheets, columns=columns)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            return redirect("reporting:history_preview", pk=record.pk)
    return render(request, "reporting/history_mapping.html", {"record": record, "form": form, "layout": layout})


@member_required
def history_preview(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    record = _record(pk)
    if record.status != HistoryImport.Status.PREVIEW:
        messages.info(request, _("This file was imported."))
        return redirect("reporting:history")
    try:
        preview = history_services.history_preview(record=record)
    except WorkbookReadError as error:
        messages.error(request, error.message)
        return redirect("reporting:history")
    context = {
        "record": record,
        "preview": preview,
        "problems": preview.problems[:PREVIEW_ROWS],
        "warnings": preview.warnings[:PREVIEW_ROWS],
        "changed": preview.changed[:PREVIEW_ROWS],
        "new_rows": [c for c in preview.changes if c.old is None][:PREVIEW_ROWS],
        "limit": PREVIEW_ROWS,
    }
    return render(request, "reporting/history_preview.html", context)


@require_POST
@member_required
def history_apply(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _staff(request)
    record = _record(pk)
    try:
        done = history_services.history_import_apply(record=record, digest=request.POST.get("digest", ""), actor=actor)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("reporting:history_preview", pk=record.pk)
    if done.created_count or done.changed_count:
        messages.success(
            request,
            _("Imported: %(new)d new values, %(changed)d corrected, %(same)d already there.")
            % {"new": done.created_count, "changed": done.changed_count, "same": done.unchanged_count},
        )
    else:
        messages.info(request, _("Nothing to change: every value of this file is already there."))
    return redirect("reporting:history")
