"""Marketplace pages of offers and needs: search, lists, matches, moderation. Thin callers of
services and selectors, checked through the permission layer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khoi.accounts.permissions import is_committee_staff, member_required, require
from khoi.core.service_errors import add_form_errors, flash_errors
from khoi.core.versioning import posted_version

from .. import access, selectors, services
from ..forms import (
    ListingForm,
    OutsideEnterpriseForm,
    SearchForm,
)
from ..models import Enterprise, Listing, ListingStatus

MATCHES_MAX = 200  # fits ranked for one offer or need; shown ten a page


# ---- Search, offers and needs ------------------------------------------------------------------


def _paging_query(request: HttpRequest, name: str = "page") -> str:
    """The request's query string without the page number: the pager's links add their own."""
    params = request.GET.copy()
    params.pop(name, None)
    return params.urlencode()


@member_required
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    found = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        found = selectors.listing_search_page(
            query=data["q"],
            page=request.GET.get("page"),
            kind=data["kind"] or None,
            category=data["category"],
            region=data["region"] or None,
            in_bloc=form.in_bloc(),
            on_date=timezone.localdate(),
        )
    elif not form.is_bound:
        found = selectors.listing_search_page(query="", on_date=timezone.localdate())
    context = {
        "form": form,
        "hits": found.hits if found else [],
        "page_obj": found.page if found else None,
        "capped": found.capped if found else False,
        "paging_query": _paging_query(request),
        "searched": form.is_bound and set(request.GET) != {"page"},
    }
    template = "marketplace/search.html#results" if getattr(request, "htmx", False) else "marketplace/search.html"
    return render(request, template, context)


def _enterprise_choices(request: HttpRequest) -> list[Enterprise]:
    if is_committee_staff(request.user):
        return list(Enterprise.objects.order_by("name"))
    return list(selectors.enterprises_of_user(request.user))


@member_required
def listing_create(request: HttpRequest) -> HttpResponse:
    if not is_committee_staff(request.user):
        for unit in selectors.units_acting_for(user=request.user):
            services.enterprise_for_unit(unit=unit)
    enterprises = _enterprise_choices(request)
    require(bool(enterprises), _("Only the committee's staff and unit reporters may post offers and needs."))
    form = ListingForm(
        request.POST or None, initial={"valid_from": timezone.localdate(), "regions": selectors.default_regions()}
    )
    chosen = enterprises[0]
    if request.method == "POST":
        chosen = next((e for e in enterprises if str(e.pk) == request.POST.get("enterprise")), enterprises[0])
        if form.is_valid():
            try:
                listing = services.listing_create(actor=request.user, enterprise=chosen, fields=form.cleaned_data)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("marketplace:listing_detail", pk=listing.pk)
    return render(
        request, "marketplace/listing_form.html", {"form": form, "enterprises": enterprises, "chosen": chosen}
    )


@member_required
def listing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    listing = get_object_or_404(Listing.objects.select_related("enterprise__unit", "category"), pk=pk)
    access.require_listing_visible(request.user, listing)
    access.require_act_for(request.user, listing.enterprise)
    initial = {
        "kind": listing.kind,
        "category": listing.category,
        "title": listing.title,
        "description": listing.description,
        "regions": listing.region_list,
        "contact_name": listing.contact_name,
        "contact_phone": listing.contact_phone,
        "contact_email": listing.contact_email,
        "valid_from": listing.valid_from,
        "valid_until": listing.valid_until,
    }
    form = ListingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_update(
                actor=request.user,
                listing=listing,
                fields=form.cleaned_data,
                expected_version=posted_version(request),
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("marketplace:listing_detail", pk=listing.pk)
    return render(
        request,
        "marketplace/listing_form.html",
        {"form": form, "listing": listing, "enterprises": [listing.enterprise]},
    )


@member_required
def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    listing = get_object_or_404(Listing.objects.select_related("enterprise__unit", "category__parent"), pk=pk)
    access.require_listing_visible(request.user, listing)
    return render(
        request,
        "marketplace/listing_detail.html",
        {
            "listing": listing,
            "matches": Paginator(
                selectors.listing_matches(listing=listing, limit=MATCHES_MAX, on_date=timezone.localdate()), 10
            ).get_page(request.GET.get("page")),
            "paging_query": _paging_query(request),
            "can_edit": access.can_act_for(request.user, listing.enterprise),
            "can_moderate": is_committee_staff(request.user),
        },
    )


@member_required
@require_POST
def listing_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    listing = get_object_or_404(Listing, pk=pk)
    access.require_staff(request.user)
    try:
        services.listing_moderate(
            actor=request.user,
            listing=listing,
            approve=request.POST.get("approve") == "1",
            note=request.POST.get("note", ""),
        )
    except ValidationError as error:
        flash_errors(request, error)
    return redirect(request.POST.get("next") or "marketplace:moderation")


@member_required
def moderation(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    pending = Listing.objects.filter(status=ListingStatus.PENDING).select_related("enterprise", "category")
    return render(request, "marketplace/moderation.html", {"pending": pending})


@member_required
def suggestions(request: HttpRequest) -> HttpResponse:
    """The unit's suggestions, as a fragment for the home page (hx-get … hx-trigger="load")."""
    user = request.user
    unit = getattr(user, "unit", None)
    found = selectors.unit_suggestions(unit=unit) if unit is not None and not user.reads_all else []  # type: ignore[union-attr]
    return render(request, "marketplace/_suggestions.html", {"suggestions": found})


@member_required
def enterprise_create(request: HttpRequest) -> HttpResponse:
    access.require_staff(request.user)
    form = OutsideEnterpriseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.enterprise_register_outside(
                actor=request.user,
                name=data["name"],
                tax_code=data["tax_code"],
                province=data["province"],
                contact_name=data["representative"],
                contact_phone=data["phone"],
                contact_email=data["email"],
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("marketplace:search")
    return render(request, "marketplace/simple_form.html", {"form": form, "title": _("Register an outside enterprise")})
