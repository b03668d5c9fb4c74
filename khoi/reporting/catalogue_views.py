"""Pages of the catalogue: the committee's indicators (standard ones chosen, its own added, edited
or versioned) and its forms (composed from them). Committee staff; others get 403."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khoi.accounts.models import User
from khoi.accounts.permissions import is_committee_staff, member_required
from khoi.core.service_errors import add_form_errors, error_text
from khoi.core.versioning import posted_version

from . import catalogue_services
from .catalogue_forms import IndicatorForm, ReportFormForm
from .models import Indicator, IndicatorValue, ReportForm


def _staff(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not is_committee_staff(user):
        raise PermissionDenied(_("Only the committee's staff keep the catalogue."))
    return user


@member_required
def catalogue_home(request: HttpRequest) -> HttpResponse:
    _staff(request)
    indicators = (
        Indicator.objects.annotate(has_data=Exists(IndicatorValue.objects.filter(indicator=OuterRef("pk"))))
        .prefetch_related("groups", "forms")
        .order_by("order", "code")
    )
    forms = ReportForm.objects.annotate(item_count=Count("items")).order_by("code")
    return render(
        request,
        "reporting/catalogue_home.html",
        {"indicators": indicators, "forms": forms, "standard": catalogue_services.standard_choices()},
    )


@require_POST
@member_required
def standard_add(request: HttpRequest) -> HttpResponse:
    actor = _staff(request)
    codes = request.POST.getlist("code")
    try:
        for code in codes:
            catalogue_services.standard_indicator_add(code=code, actor=actor)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("%(count)d standard indicators added.") % {"count": len(codes)})
    return redirect("reporting:catalogue")


@member_required
def indicator_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    actor = _staff(request)
    indicator = get_object_or_404(Indicator, pk=pk) if pk is not None else None
    new_version = request.GET.get("new_version") == "1" or request.POST.get("new_version") == "1"
    initial = {"order": catalogue_services.next_order()} if indicator is None else None
    form = IndicatorForm(request.POST or None, instance=indicator, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in catalogue_services.INDICATOR_FIELDS}
        try:
            if indicator is not None and new_version:
                saved = catalogue_services.indicator_new_version(indicator=indicator, actor=actor, fields=fields)
                messages.success(
                    request, _("A new version of “%(name)s” replaces it in the forms.") % {"name": saved.name}
                )
            else:
                if indicator is None:
                    fields["code"] = form.cleaned_data.get("code") or ""
                saved = catalogue_services.indicator_save(
                    indicator=indicator,
                    actor=actor,
                    fields=fields,
                    groups=form.cleaned_data["groups"],
                    expected_version=posted_version(request),
                )
                messages.success(request, _("Indicator “%(name)s” saved.") % {"name": saved.name})
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            return redirect("reporting:catalogue")
    context = {
        "form": form,
        "indicator": indicator,
        "has_values": indicator is not None and catalogue_services.has_values(indicator),
        "new_version": new_version,
    }
    return render(request, "reporting/indicator_form.html", context)


@member_required
def report_form_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    actor = _staff(request)
    report_form = get_object_or_404(ReportForm, pk=pk) if pk is not None else None
    initial = None
    if report_form is not None:
        items = list(report_form.items.select_related("indicator"))
        initial = {
            "name": report_form.name,
            "frequency": report_form.frequency,
            "indicators": [item.indicator for item in items],
            "optional": [item.indicator for item in items if not item.required],
        }
    form = ReportFormForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        optional = {indicator.pk for indicator in form.cleaned_data["optional"]}
        chosen = sorted(form.cleaned_data["indicators"], key=lambda i: (i.order, i.code))
        try:
            saved = catalogue_services.report_form_save(
                form=report_form,
                actor=actor,
                name=form.cleaned_data["name"],
                frequency=form.cleaned_data["frequency"],
                items=[(indicator, indicator.pk not in optional) for indicator in chosen],
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Form “%(name)s” saved.") % {"name": saved.name})
            return redirect("reporting:catalogue")
    return render(request, "reporting/report_form_form.html", {"form": form, "report_form": report_form})
