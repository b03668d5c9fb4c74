"""Creating an empty bloc: the register's root, its document header and its own issuer, at once."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.accounts.models import Role, User
from khoi.core.text import clean_text
from khoi.emulation.models import Issuer, IssuerKind
from khoi.reports.models import DocumentSettings
from khoi.units import services as unit_services
from khoi.units.models import Ownership, Unit, UnitKind

BLOC_CODE = "KHOI"
OWN_ISSUER_CODE = "cap-uy-khoi"
LOGO_MAX_BYTES = 300 * 1024
# "-BC/ĐUK": a dash, the kind of document, a slash, the issuer's initials (letters, digits, dashes).
_SUFFIX = re.compile(r"^-?([A-ZĐ]{1,6})/([0-9A-Za-zÀ-ỹĐđ-]{1,20})$")
_LOGO_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


@dataclass(frozen=True)
class BlocAnswers:
    name: str  # "Đảng ủy Khối Doanh nghiệp tỉnh Đồng Nai"
    short_name: str  # "ĐUK"
    parent_body: str  # "ĐẢNG BỘ TỈNH ĐỒNG NAI"
    place: str  # "Đồng Nai"
    signer_name: str
    signer_title: str  # "BÍ THƯ"
    number_suffix: str  # "-BC/ĐUK"
    logo: bytes = b""


def parse_suffix(text: str) -> tuple[str, str]:
    """ "-BC/ĐUK" → ("BC", "ĐUK"); a Vietnamese error otherwise."""
    match = _SUFFIX.match(clean_text(text, multiline=False).replace(" ", ""))
    if not match:
        raise ValidationError(
            {"number_suffix": _("Write the number suffix as the documents do, e.g. “-BC/ĐUK”.")}, code="suffix"
        )
    return match.group(1), match.group(2)


def logo_type(content: bytes) -> str:
    """The logo's content type (PNG or JPEG), refused when it is neither or too large."""
    if len(content) > LOGO_MAX_BYTES:
        raise ValidationError({"logo": _("The logo is larger than 300 KB.")}, code="logo_size")
    for signature, content_type in _LOGO_SIGNATURES.items():
        if content.startswith(signature):
            return content_type
    raise ValidationError({"logo": _("The logo must be a PNG or JPEG image.")}, code="logo_type")


def _clean(answers: BlocAnswers) -> BlocAnswers:
    values = {
        name: clean_text(getattr(answers, name), multiline=False)
        for name in ("name", "short_name", "parent_body", "place", "signer_name", "signer_title", "number_suffix")
    }
    errors = {
        name: _("This field is required.")
        for name in ("name", "short_name", "parent_body", "place", "signer_title", "number_suffix")
        if not values[name]
    }
    if errors:
        raise ValidationError(errors)
    return BlocAnswers(**values, logo=answers.logo)


@transaction.atomic
def bloc_setup(*, answers: BlocAnswers, actor: User | None, joined_on: dt.date | None = None) -> Unit:
    """The empty bloc: refused when the register already has one (set-up happens once)."""
    answers = _clean(answers)
    kind, initials = parse_suffix(answers.number_suffix)
    content_type = logo_type(answers.logo) if answers.logo else ""
    if Unit.objects.select_for_update().filter(kind=UnitKind.BLOC).exists():
        raise ValidationError(_("This installation already has a bloc; change its settings on its own pages."))
    bloc = unit_services.unit_create(
        actor=actor,
        parent=None,
        joined_on=joined_on or timezone.localdate().replace(month=1, day=1),
        fields={
            "code": BLOC_CODE,
            "name": answers.name,
            "short_name": answers.short_name,
            "kind": UnitKind.BLOC,
            "ownership": Ownership.OTHER,
            "province": answers.place,
        },
    )
    issuing_body = answers.name.upper()
    DocumentSettings.objects.create(
        bloc=bloc,
        parent_body=answers.parent_body.upper(),
        issuing_body=issuing_body,
        symbol=f"{kind}/{initials}",
        place=answers.place,
        signing_authority="T/M BAN THƯỜNG VỤ",
        signer_title=answers.signer_title.upper(),
        signer_name=answers.signer_name,
        logo=answers.logo,
        logo_type=content_type,
        updated_by=actor,
    )
    Issuer.objects.update_or_create(
        code=OWN_ISSUER_CODE,
        defaults={
            "name": f"Ban Thường vụ {answers.name}",
            "short_name": initials,
            "kind": IssuerKind.PARTY,
            "is_own": True,
            "symbol": f"QĐ/{initials}",
            "parent_body": answers.parent_body.upper(),
            "issuing_body": issuing_body,
            "deciding_body": f"BAN THƯỜNG VỤ {issuing_body}",
            "authority": "T/M BAN THƯỜNG VỤ",
            "place": answers.place,
        },
    )
    return bloc


@transaction.atomic
def first_admin_create(*, username: str, password: str, email: str = "", full_name: str = "") -> User:
    """The installation's first administrator (only when it has no account at all)."""
    if User.objects.select_for_update().exists():
        raise ValidationError(_("This installation already has accounts; sign in as an administrator."))
    username = clean_text(username, multiline=False)
    if not username or not password:
        raise ValidationError(_("An administrator needs a login and a password."))
    from django.contrib.auth.password_validation import validate_password

    user = User(username=username, email=clean_text(email, multiline=False), role=Role.ADMIN)
    user.first_name = clean_text(full_name, multiline=False)[:150]
    validate_password(password, user)
    user.is_superuser = True
    user.is_staff = True
    user.set_password(password)
    user.save()
    return user
