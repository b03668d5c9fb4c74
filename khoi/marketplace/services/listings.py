"""Writes of the marketplace's enterprises, offers and needs (and the checks the other parts share).
One transaction each; bad input raises a ValidationError naming the field, and nothing is written.
Permission checks go through `access`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.accounts.permissions import AnyUser, is_committee_staff
from khoi.core.phones import InvalidPhone, parse_phone
from khoi.core.text import clean_text
from khoi.core.versioning import save_if_current
from khoi.units.models import Unit
from khoi.units.validation import normalize_tax_code

from .. import access, ranking
from ..models import (
    Category,
    Enterprise,
    Listing,
    ListingKind,
    ListingStatus,
    SearchWord,
)

# ---- Small checks ------------------------------------------------------------------------------


def clean_phone(value: str, *, field: str = "phone") -> str:
    """A Vietnamese phone number in E.164 ("+84912345678"), or "" when empty."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return parse_phone(value)
    except InvalidPhone:
        raise ValidationError(
            {field: _("Phone number “%(value)s” is not a valid Vietnamese number.") % {"value": value}}
        ) from None


def _clean_tax_code(value: str) -> str:
    try:
        code = normalize_tax_code(value)
    except ValidationError as error:
        raise ValidationError({"tax_code": error.messages}) from error
    if not code:
        raise ValidationError({"tax_code": _("An outside enterprise needs its tax code.")})
    return code


def _clean_regions(regions: Iterable[str]) -> str:
    cleaned = [region.strip().replace("|", " ") for region in regions if region and region.strip()]
    if not cleaned:
        raise ValidationError({"regions": _("Name at least one region served.")})
    return "|" + "|".join(dict.fromkeys(cleaned)) + "|"


# ---- Enterprises -------------------------------------------------------------------------------


@transaction.atomic
def enterprise_for_unit(*, unit: Unit) -> Enterprise:
    """The marketplace party of a unit of the register (created on first use)."""
    enterprise, _created = Enterprise.objects.get_or_create(
        unit=unit,
        defaults={
            "name": unit.enterprise_name or unit.name,
            "tax_code": unit.tax_code,
            "province": unit.province,
            "search_text": ranking.normalise(f"{unit.enterprise_name or unit.name} {unit.short_name}"),
        },
    )
    return enterprise


@transaction.atomic
def enterprise_register_outside(
    *,
    actor: AnyUser | None,
    name: str,
    tax_code: str,
    province: str,
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
) -> Enterprise:
    """Register an enterprise outside the bloc (not a user: committee staff register it)."""
    if actor is not None:
        access.require_staff(actor)
    name = clean_text(name or "", multiline=False)
    if not name:
        raise ValidationError({"name": _("Enter the enterprise's name.")})
    code = _clean_tax_code(tax_code)
    if Unit.objects.filter(tax_code=code).exists():
        raise ValidationError({"tax_code": _("Tax code %(code)s belongs to a unit of the bloc.") % {"code": code}})
    if Enterprise.objects.filter(tax_code=code).exists():
        raise ValidationError(
            {"tax_code": _("An enterprise with tax code %(code)s is already registered.") % {"code": code}}
        )
    if not (province or "").strip():
        raise ValidationError({"province": _("Enter the province.")})
    return Enterprise.objects.create(
        name=name,
        tax_code=code,
        province=clean_text(province, multiline=False),
        contact_name=clean_text(contact_name, multiline=False),
        contact_phone=clean_phone(contact_phone, field="contact_phone"),
        contact_email=contact_email.strip(),
        search_text=ranking.normalise(name),
    )


# ---- Offers and needs --------------------------------------------------------------------------


def _search_fields(listing: Listing, *, vocabulary: bool = True) -> None:
    """Fill the listing's search columns; with `vocabulary`, add its words to the search vocabulary
    (a bulk loader adds them once at the end instead)."""
    category = listing.category
    field = category.field
    rest = " ".join(
        [category.name, field.name if field.pk != category.pk else "", listing.description, listing.enterprise.name]
    )
    listing.search_source = f"{listing.title} {rest}"
    listing.search_title = ranking.normalise(listing.title)[:200]
    listing.search_text = f"{listing.search_title} | {ranking.normalise(rest)}"
    if vocabulary:
        search_words_add(texts=[listing.search_text])


def search_words_add(*, texts: Iterable[str]) -> None:
    """Add the words of listings' accent-free texts to the search vocabulary."""
    words = {word for text in texts for word in ranking.words(text) if ranking.MIN_TYPO_LENGTH <= len(word) <= 60}
    SearchWord.objects.bulk_create([SearchWord(word=word) for word in sorted(words)], ignore_conflicts=True)


LISTING_FIELDS = (
    "kind",
    "category",
    "title",
    "description",
    "contact_name",
    "contact_email",
    "valid_from",
    "valid_until",
)


def _apply_listing_fields(listing: Listing, fields: dict[str, Any]) -> None:
    unknown = set(fields) - {*LISTING_FIELDS, "regions", "contact_phone"}
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for name in LISTING_FIELDS:
        if name in fields:
            setattr(listing, name, fields[name])
    if "regions" in fields:
        listing.regions = _clean_regions(fields["regions"])
    if "contact_phone" in fields:
        listing.contact_phone = clean_phone(fields["contact_phone"], field="contact_phone")
    listing.title = (listing.title or "").strip()
    if not listing.title:
        raise ValidationError({"title": _("Enter a title.")})
    if listing.kind not in ListingKind.values:
        raise ValidationError({"kind": _("Choose offer or need.")})
    if not isinstance(listing.category, Category):
        raise ValidationError({"category": _("Choose a category.")})
    if listing.valid_from is None:
        raise ValidationError({"valid_from": _("Enter the date from which it is valid.")})
    if listing.valid_until is not None and listing.valid_until < listing.valid_from:
        raise ValidationError({"valid_until": _("The end of validity cannot be before its start.")})
    if not listing.regions:
        raise ValidationError({"regions": _("Name at least one region served.")})


@transaction.atomic
def listing_create(*, actor: AnyUser | None, enterprise: Enterprise, fields: dict[str, Any]) -> Listing:
    """Post an offer or a need. A reporter's post waits for moderation; staff posts are published."""
    if actor is not None:
        access.require_act_for(actor, enterprise)
    listing = Listing(enterprise=enterprise, in_bloc=enterprise.unit_id is not None)
    listing.created_by = actor if isinstance(actor, User) else None
    fields = dict(fields)
    fields.setdefault("valid_from", timezone.localdate())
    _apply_listing_fields(listing, fields)
    listing.status = ListingStatus.APPROVED if actor is None or is_committee_staff(actor) else ListingStatus.PENDING
    _search_fields(listing)
    listing.save()
    return listing


@transaction.atomic
def listing_update(
    *, actor: AnyUser, listing: Listing, fields: dict[str, Any], expected_version: int | None = None
) -> Listing:
    """Edit an offer or need; a reporter's edit sends it back to moderation. A stale edit (someone
    saved since `expected_version`) is refused and writes nothing."""
    access.require_act_for(actor, listing.enterprise)
    _apply_listing_fields(listing, fields)
    if not is_committee_staff(actor):
        listing.status = ListingStatus.PENDING
    _search_fields(listing)
    save_if_current(listing, expected_version=expected_version, actor=actor)
    return listing


@transaction.atomic
def listing_moderate(*, actor: AnyUser, listing: Listing, approve: bool, note: str = "") -> Listing:
    access.require_staff(actor)
    if not approve and not note.strip():
        raise ValidationError({"note": _("Say why the post is rejected.")})
    listing.status = ListingStatus.APPROVED if approve else ListingStatus.REJECTED
    listing.moderation_note = clean_text(note, multiline=False)
    listing.save(update_fields=["status", "moderation_note", "updated_at"])
    return listing
