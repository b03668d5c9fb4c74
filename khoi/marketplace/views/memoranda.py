"""Marketplace pages of memoranda (MoUs) and the inter-use figure. Thin callers of services and
selectors, checked through access."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khoi.accounts.permissions import is_committee_staff, member_required, require
from khoi.core.inputs import parse_id
from khoi.core.service_errors import add_form_errors, flash_errors

from .. import access, selectors, services
from ..forms import (
    MouForm,
    MouStatusForm,
)
from ..models import Conference, Enterprise, Mou
from .listings import _enterprise_choices

# ---- Memoranda ---------------------------------------------------------------------------------


def _date_param(request: HttpRequest, name: str, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return default


@member_required
def mou_list(request: HttpRequest) -> HttpResponse:
    first = Conference.objects.order_by("date").first()
    default_baseline = dt.date(first.date.year - 1, 1, 1) if first else timezone.localdate().replace(month=1, day=1)
    baseline = _date_param(request, "baseline", default_baseline)
    on_date = _date_param(request, "on", timezone.localdate())
    exclude = request.GET.get("essential") != "1"
    mous = list(selectors.mou_list_visible(user=request.user))
    for mou in mous:
        mou.current_status = selectors.mou_status_on(mou, on_date)  # type: ignore[attr-defined]
    return render(
        request,
        "marketplace/mou_list.html",
        {
            "mous": mous,
            "figure": selectors.inter_use_figure(baseline=baseline, on_date=on_date, exclude_essential=exclude),
            "status_form": MouStatusForm(initial={"on_date": timezone.localdate()}),
        },
    )


@member_required
def mou_create(request: HttpRequest) -> HttpResponse:
    """Staff record a memorandum between any two enterprises; a unit records one its own
    enterprise signed, as provider or customer, with any other enterprise."""
    staff = is_committee_staff(request.user)
    if not staff:
        for unit in selectors.units_acting_for(user=request.user):
            services.enterprise_for_unit(unit=unit)
    own = _enterprise_choices(request)
    require(bool(own), _("Only the committee's staff and unit reporters may record memoranda."))
    all_enterprises = Enterprise.objects.order_by("name")
    others = all_enterprises if staff else all_enterprises.exclude(pk__in=[e.pk for e in own])
    conferences = Conference.objects.all()
    if not staff:
        conferences = conferences.filter(participants__enterprise__in=own).distinct()
    form = MouForm(request.POST or None, initial={"signed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        post = request.POST
        if staff:
            provider = all_enterprises.filter(pk=parse_id(post.get("provider")) or 0).first()
            customer = all_enterprises.filter(pk=parse_id(post.get("customer")) or 0).first()
        else:
            mine = next((e for e in own if str(e.pk) == post.get("own")), None)
            if mine is None:
                raise PermissionDenied(_("You may not act for this enterprise."))
            partner = others.filter(pk=parse_id(post.get("partner")) or 0).first()
            provider, customer = (mine, partner) if post.get("side") == "provider" else (partner, mine)
        conference = conferences.filter(pk=parse_id(post.get("conference")) or 0).first()
        try:
            if provider is None or customer is None:
                raise ValidationError({"provider": _("Choose both parties.")})
            if post.get("conference") and conference is None:
                raise ValidationError({"conference": _("Choose a conference your enterprise took part in.")})
            services.mou_create(
                actor=request.user, provider=provider, customer=customer, conference=conference, **form.cleaned_data
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("marketplace:mou_list")
    return render(
        request,
        "marketplace/mou_form.html",
        {"form": form, "staff": staff, "own": own, "enterprises": others, "conferences": conferences},
    )


@member_required
@require_POST
def mou_status(request: HttpRequest, mou_pk: int) -> HttpResponse:
    mou = get_object_or_404(Mou.objects.select_related("provider__unit", "customer__unit"), pk=mou_pk)
    if not access.can_see_mou(request.user, mou):
        raise Http404(_("No such memorandum."))
    form = MouStatusForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a status and a date."))
        services.mou_record_status(actor=request.user, mou=mou, **form.cleaned_data)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect("marketplace:mou_list")
