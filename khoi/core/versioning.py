"""Optimistic locking for every edit form: a form carries the `version` it was read at; saving it
is a conditional UPDATE ... SET version = version + 1 WHERE id = … AND version = n, in the
service's transaction. When someone else saved in between, nothing is written and the message
says who, when, and which fields now differ from what was sent.

Pages post the version as a hidden field; the API takes it in the body (`version`) or as an
`If-Match` header, and refuses a stale PUT/PATCH the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Versioned

VERSION_FIELDS = ("version", "updated_at", "updated_by")


def parse_version(value: Any) -> int | None:
    """A version from a form, a JSON body or an If-Match header ("3", 3, '"3"', 'W/"3"'); None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value).strip().removeprefix("W/").strip('"')
        if not (text.isascii() and text.isdigit() and len(text) <= 10):
            raise ValidationError({"version": _("The form's version is not valid. Reload the page.")})
        number = int(text)
    if not 0 <= number < 2**31:
        raise ValidationError({"version": _("The form's version is not valid. Reload the page.")})
    return number


def posted_version(request: Any) -> int | None:
    """The version an edit request was read at: the form's or body's `version`, else If-Match."""
    data = getattr(request, "data", None)
    if data is None:
        data = request.POST
    value = data.get("version") if hasattr(data, "get") else None
    if value is None:
        value = request.headers.get("If-Match")
    return parse_version(value)


def _differing_fields(instance: Versioned, current: Versioned) -> list[str]:
    names = []
    for field in type(instance)._meta.concrete_fields:
        if field.primary_key or field.name in VERSION_FIELDS or not field.editable:
            continue
        if getattr(instance, field.attname) != getattr(current, field.attname):
            names.append(str(field.verbose_name))
    return names


def stale_error(instance: Versioned) -> ValidationError:
    """The refusal of a stale save: who changed the row, when, and which fields differ from ours."""
    current = type(instance)._default_manager.select_related("updated_by").filter(pk=instance.pk).first()
    if current is None:
        return ValidationError({"version": _("This record was deleted while you were editing it.")})
    who = current.updated_by
    name = (who.get_full_name() or who.get_username()) if who is not None else _("someone else")
    when = formats.date_format(timezone.localtime(current.updated_at), "H:i d/m/Y")
    message = _(
        "%(who)s saved this record at %(when)s while you were editing it. Nothing of yours was saved: "
        "reload the page to see their version."
    ) % {"who": name, "when": when}
    differing = _differing_fields(instance, current)
    if differing:
        message += " " + _("Fields that now differ from yours: %(fields)s.") % {"fields": ", ".join(differing)}
    return ValidationError({"version": message})


def save_if_current(
    instance: Versioned,
    *,
    expected_version: int | None,
    actor: Any,
    update_fields: Iterable[str] | None = None,
) -> None:
    """Save `instance` only if its row is still at `expected_version` (None: the version it was
    loaded at). Must run inside the service's transaction: the conditional UPDATE holds the row
    until commit, so of two concurrent saves from one version exactly one wins."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("save_if_current must run inside the service's transaction")
    version = instance.version if expected_version is None else expected_version
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    claimed = (
        type(instance)
        ._default_manager.filter(pk=instance.pk, version=version)
        .update(version=F("version") + 1, updated_at=now, updated_by_id=actor_id)
    )
    if not claimed:
        raise stale_error(instance)
    instance.version, instance.updated_at, instance.updated_by_id = version + 1, now, actor_id
    fields = None if update_fields is None else sorted({*update_fields, *VERSION_FIELDS})
    instance.save(update_fields=fields)
