"""The bloc's own settings, read back (the register's root and its document header)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from khoi.accounts.models import User
from khoi.reports.models import DocumentSettings
from khoi.units.models import Unit, UnitKind


@dataclass(frozen=True)
class BlocProfile:
    name: str
    short_name: str
    place: str
    parent_body: str
    signer_name: str
    signer_title: str
    number_suffix: str  # "-BC/ĐUK"
    has_logo: bool


def bloc_exists() -> bool:
    return Unit.objects.filter(kind=UnitKind.BLOC).exists()


def any_user_exists() -> bool:
    return User.objects.exists()


def bloc_place() -> str:
    """The place the bloc is in (its root unit's province): "" before set-up."""
    place = Unit.objects.filter(kind=UnitKind.BLOC).order_by("id").values_list("province", flat=True).first()
    return place or ""


def bloc_profile() -> BlocProfile | None:
    bloc = Unit.objects.filter(kind=UnitKind.BLOC).order_by("id").first()
    if bloc is None:
        return None
    header = DocumentSettings.objects.filter(bloc=bloc).first()
    return BlocProfile(
        name=bloc.name,
        short_name=bloc.short_name,
        place=bloc.province or (header.place if header else ""),
        parent_body=header.parent_body if header else "",
        signer_name=header.signer_name if header else "",
        signer_title=header.signer_title if header else "",
        number_suffix=f"-{header.symbol}" if header else "",
        has_logo=bool(header and header.logo),
    )


def bloc_logo() -> tuple[bytes, str] | None:
    header = DocumentSettings.objects.filter(bloc__kind=UnitKind.BLOC).only("logo", "logo_type").first()
    if header is None or not header.logo:
        return None
    return bytes(header.logo), header.logo_type


def first_run_url(*, user: Any) -> str | None:
    """Where the home page sends an administrator while the database has no bloc: the first-run
    page (offered to core as "bloc.first_run_url")."""
    if getattr(user, "is_admin", False) and not bloc_exists():
        return reverse("bloc:setup")
    return None
