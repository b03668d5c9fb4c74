"""Pages: the bloc report and its exports, the leadership dashboard, the drill-down to units, the
article checker, and the wording templates. Thin callers of selectors and services.

Reports, the dashboard and the checker are for those who read the whole bloc (committee staff,
leadership, administrators): a unit's reporter gets 403. A job of someone else answers 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khoi.accounts.permissions import is_committee_staff, reads_all, role_required
from khoi.core.downloads import file_response
from khoi.core.formatting import format_number
from khoi.core.service_errors import error_messages
from khoi.core.text import clean_text
from khoi.core.versioning import posted_version
from khoi.reporting import selectors as reporting
from khoi.reporting.periods import Period, period_choices
from khoi.units.models import Ownership, Sector, UnitGroup, Zone

from . import dashboard, figure_source, inputs, report_build, report_files, selectors, services
from .checker import MAX_TEXT_LENGTH, CheckerInputError, summary, text_period, too_long, validate_text
from .models import PeriodKind, ProseSection, ProseTemplate, ReportFormat, ReportJob


def _default_period() -> str:
    """The latest closed period with approved figures (else the latest with any; else this year)."""
    latest = reporting.latest_approved_period()
    return str(latest) if latest else f"{timezone.localdate().year}-Y"


def _periods() -> list[tuple[str, str]]:
    years = reporting.reporting_years() or [timezone.localdate().year]
    return period_choices(years)


def _filters() -> dict[str, Any]:
    return {
        "periods": _periods(),
        "default_period": _default_period(),
        "groups": UnitGroup.objects.all(),
        "ownerships": Ownership.choices,
        "sectors": Sector.objects.filter(level=1, units__isnull=False).distinct()
        | Sector.objects.filter(level=1, children__units__isnull=False).distinct(),
        "zones": Zone.objects.all(),
    }


def _read(request: HttpRequest, params: Any) -> tuple[Period | None, reporting.Scope | None, list[str]]:
    """Period and scope from the request, or the Vietnamese messages saying what is wrong."""
    errors: list[str] = []
    period = scope = None
    try:
        period = inputs.period_from_code(params.get("period") or _default_period())
    except ValidationError as error:
        errors.extend(error.messages)
    try:
        scope = inputs.scope_from_params(params)
    except ValidationError as error:
        errors.extend(error.messages)
    return period, scope, errors


# ---- The bloc report ---------------------------------------------------------------------------


@role_required(reads_all)
def report_page(request: HttpRequest) -> HttpResponse:
    period, scope, errors = _read(request, request.GET)
    report = None
    if period is not None and scope is not None and "period" in request.GET and not request.GET["period"].strip():
        errors.append(_("Choose a period (for example 2021-H1 or 2021-Y)."))
    if not errors and period is not None and scope is not None:
        report = report_build.bloc_report(period=period, scope=scope)
    context = {
        **_filters(),
        "report": report,
        "errors": errors,
        "selected": request.GET,
        "period_code": str(period) if period else "",
        "scope_query": inputs.scope_params(scope) if scope else {},
        "formats": ReportFormat.choices,
        "page_title": _("Bloc report"),
    }
    return render(request, "reports/report.html", context, status=400 if errors else 200)


@require_POST
@role_required(reads_all)
def report_export(request: HttpRequest) -> HttpResponse:
    period, scope, errors = _read(request, request.POST)
    format = request.POST.get("format", "")
    if format not in ReportFormat.values:
        errors.append(_("Unknown format."))
    if errors or period is None or scope is None:
        return render(request, "reports/error.html", {"errors": errors}, status=400)
    number = clean_text(request.POST.get("number", ""), multiline=False)[:20]
    signer_name = clean_text(request.POST.get("signer_name", ""), multiline=False)[:100]
    document_date = None
    if request.POST.get("document_date", "").strip():
        try:
            document_date = dt.date.fromisoformat(request.POST["document_date"].strip())
        except ValueError:
            message = _("“%(text)s” is not a date.") % {"text": request.POST["document_date"]}
            return render(request, "reports/error.html", {"errors": [message]}, status=400)
    if report_files.needs_background(period=period, scope=scope):
        job = services.report_job_start(
            requested_by=request.user,  # type: ignore[arg-type]
            period_code=str(period),
            scope=inputs.scope_params(scope),
            format=format,
            number=number,
            document_date=document_date,
            signer_name=signer_name,
        )
        return redirect("reports:job", job_id=job.pk)
    try:
        filename, content = report_files.report_document(
            period=period, scope=scope, format=format, number=number, on=document_date, signer_name=signer_name
        )
    except ValidationError as error:
        return render(request, "reports/error.html", {"errors": error.messages}, status=400)
    return file_response(content, filename, content_type=report_files.CONTENT_TYPES[format])


def _job(request: HttpRequest, job_id: Any) -> ReportJob:
    job = selectors.report_job_get(job_id=job_id, user=request.user)
    if job is None:
        raise Http404(_("No such document."))
    return job


@role_required(reads_all)
def job_page(request: HttpRequest, job_id: Any) -> HttpResponse:
    job = _job(request, job_id)
    template = "reports/job.html#progress" if request.htmx else "reports/job.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job, "page_title": _("Generating a document")})


@role_required(reads_all)
def job_download(request: HttpRequest, job_id: Any) -> HttpResponse:
    job = _job(request, job_id)
    if job.status != ReportJob.Status.DONE or job.content is None:
        raise Http404(_("The document is not ready."))
    return file_response(bytes(job.content), job.filename, content_type=report_files.CONTENT_TYPES[job.format])


# ---- Drill-down and dashboard ------------------------------------------------------------------


@role_required(reads_all)
def drilldown_page(request: HttpRequest, code: str) -> HttpResponse:
    if reporting.indicator_get(code=code) is None:
        raise Http404(_("No such indicator."))
    period, scope, errors = _read(request, request.GET)
    if errors or period is None or scope is None:
        return render(request, "reports/error.html", {"errors": errors}, status=400)
    data = dashboard.drilldown(code=code, period=period, scope=scope)
    return render(request, "reports/drilldown.html", {"data": data, "page_title": data.figure.indicator_name})


@role_required(reads_all)
def dashboard_page(request: HttpRequest) -> HttpResponse:
    period, scope, errors = _read(request, request.GET)
    data = None
    if not errors and period is not None and scope is not None:
        indicator = request.GET.get("indicator") or "revenue"
        if reporting.indicator_get(code=indicator) is None:
            raise Http404(_("No such indicator."))
        data = dashboard.dashboard(period=period, scope=scope, indicator_code=indicator)
    context = {
        **_filters(),
        "data": data,
        "errors": errors,
        "selected": request.GET,
        "page_title": _("Dashboard"),
    }
    return render(request, "reports/dashboard.html", context, status=400 if errors else 200)


# ---- The checker -------------------------------------------------------------------------------


@role_required(reads_all)
def checker_page(request: HttpRequest) -> HttpResponse:
    """Without a period chosen, the figures are compared with the period the text names."""
    result = None
    errors: list[str] = []
    text = ""
    params: Any = {} if request.method == "POST" else request.GET
    period_used = None
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if request.method == "POST" and length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        errors = [too_long(length)]  # too big to read: say so rather than fail
    elif request.method == "POST":
        text = request.POST.get("text", "")
        params = request.POST.dict()
        named = None
        if not params.get("period", "").strip():
            named = text_period(text, timezone.localdate().year)
            if named is not None:
                params["period"] = str(named)
        period, scope, errors = _read(request, params)
        if not params.get("period", "").strip():
            try:
                validate_text(text)  # an empty or unreadable text is said first
                errors = [_("The text names no period."), _("Choose a period (for example 2021-H1 or 2021-Y).")]
            except CheckerInputError as error:
                errors = [str(error)]
        if not errors and period is not None and scope is not None:
            try:
                result = figure_source.article_check(text=text, period=period, scope=scope)
                period_used = period
            except CheckerInputError as error:
                errors.append(str(error))
        params["period"] = "" if named is not None else params.get("period", "")
    context = {
        **_filters(),
        "result": result,
        "counts": summary(result) if result else None,
        "errors": errors,
        "text": text,
        "selected": params,
        "period_used": period_used,
        "period_named": period_used is not None and not params.get("period"),
        "max_length": MAX_TEXT_LENGTH,
        "max_length_text": format_number(MAX_TEXT_LENGTH),
        "page_title": _("Check the figures of an article"),
    }
    template = "reports/checker.html#results" if request.htmx else "reports/checker.html"  # type: ignore[attr-defined]
    return render(request, template, context, status=400 if errors else 200)


# ---- Wording templates (staff) -----------------------------------------------------------------


@role_required(is_committee_staff)
def template_list(request: HttpRequest) -> HttpResponse:
    context = {
        "templates": selectors.prose_template_list(),
        "styles": selectors.indicator_style_list(),
        "conditions": selectors.count_condition_list(),
        "page_title": _("Report wording"),
    }
    return render(request, "reports/template_list.html", context)


@role_required(is_committee_staff)
def template_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    template = get_object_or_404(ProseTemplate, pk=pk) if pk is not None else None
    errors: dict[str, list[str]] = {}
    values = {
        "name": template.name if template else "",
        "period_kind": template.period_kind if template else PeriodKind.YEAR,
        "text": template.text if template else "",
        "is_active": template.is_active if template else True,
        "section": template.section if template else ProseSection.KEY_FIGURES,
    }
    if request.method == "POST":
        values = {
            "name": request.POST.get("name", ""),
            "period_kind": request.POST.get("period_kind", ""),
            "text": request.POST.get("text", ""),
            "is_active": request.POST.get("is_active") == "on",
            "section": request.POST.get("section", ProseSection.KEY_FIGURES),
        }
        try:
            services.prose_template_save(
                template=template,
                name=str(values["name"]),
                period_kind=str(values["period_kind"]),
                text=str(values["text"]),
                is_active=bool(values["is_active"]),
                section=str(values["section"]),
                actor=request.user,  # type: ignore[arg-type]
                expected_version=posted_version(request),
            )
        except ValidationError as error:
            errors = error_messages(error, default_field="text")
        else:
            return redirect("reports:templates")
    context = {
        "template": template,
        "values": values,
        "errors": errors,
        "kinds": PeriodKind.choices,
        "sections": ProseSection.choices,
        "targets": selectors.prose_target_list(),
        "styles": selectors.indicator_style_list(),
        "conditions": selectors.count_condition_list(),
        "page_title": _("Edit a wording template"),
    }
    return render(request, "reports/template_form.html", context, status=400 if errors else 200)


@role_required(is_committee_staff)
def style_edit(request: HttpRequest, code: str) -> HttpResponse:
    """One indicator's wording: phrase, unit written, rounding."""
    style = selectors.indicator_style_list().filter(indicator_code=code).first()
    if style is None and reporting.indicator_get(code=code) is None:
        raise Http404(_("No such indicator."))
    values: dict[str, Any] = {
        "phrase": style.phrase if style else "{name} {value}, {change}",
        "unit_label": style.unit_label if style else "",
        "decimals": "" if style is None or style.decimals is None else str(style.decimals),
        "growth_decimals": str(style.growth_decimals) if style else "1",
    }
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = {key: request.POST.get(key, "").strip() for key in values}
        try:
            decimals = int(values["decimals"]) if values["decimals"] else None
            growth = int(values["growth_decimals"] or 1)
        except ValueError:
            errors = {"decimals": [_("Decimals must be between 0 and 6.")]}
        else:
            try:
                services.indicator_style_save(
                    indicator_code=code,
                    phrase=values["phrase"],
                    unit_label=values["unit_label"],
                    decimals=decimals,
                    growth_decimals=growth,
                    actor=request.user,  # type: ignore[arg-type]
                    expected_version=posted_version(request),
                )
            except ValidationError as error:
                errors = error_messages(error, default_field="version")  # a plain error shows at the top
            else:
                return redirect("reports:templates")
    context = {"code": code, "style": style, "values": values, "errors": errors, "page_title": _("Indicator wording")}
    return render(request, "reports/style_form.html", context, status=400 if errors else 200)


@role_required(is_committee_staff)
def document_settings_edit(request: HttpRequest) -> HttpResponse:
    """The Party document header and signature of the bloc's reports."""
    from khoi.units.selectors import unit_get_bloc

    bloc = unit_get_bloc()
    if bloc is None:
        raise Http404(_("There is no such unit."))
    row = selectors.document_settings_for(bloc=bloc)
    fields = [
        "parent_body",
        "issuing_body",
        "symbol",
        "place",
        "signing_authority",
        "signer_title",
        "signer_name",
        "recipients",
    ]
    values = {name: getattr(row, name) if row else "" for name in fields}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = {name: request.POST.get(name, "").strip() for name in fields}
        try:
            services.document_settings_save(
                bloc=bloc,
                actor=request.user,  # type: ignore[arg-type]
                expected_version=posted_version(request),
                **values,
            )
        except ValidationError as error:
            errors = error_messages(error, default_field="version")  # a plain error shows at the top
        else:
            return redirect("reports:templates")
    from .models import DocumentSettings

    labels = [(name, getattr(DocumentSettings._meta.get_field(name), "verbose_name", name)) for name in fields]
    context = {"row": row, "values": values, "labels": labels, "errors": errors, "page_title": _("Document header")}
    return render(request, "reports/document_settings_form.html", context, status=400 if errors else 200)
