"""Untrusted input at the edge: ids, page sizes and NUL characters, refused with a Vietnamese 400
before they reach the database.

A database id is a positive 64-bit integer: anything else ("abc", -1, 2^63) can name no row, and
PostgreSQL refuses a bigint out of range (or a NUL in text) with an error that would be a 500.
Pages, the API and URL patterns all use the helpers here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import BadRequest, ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

MAX_ID = 2**63 - 1
CODE_MAX = 100  # a code or slug that names a row (forms, issuers, campaigns)
TEXT_MAX = 20_000  # free text stored in a TextField: a long page, not a megabyte
SMALL_MAX = 32_767  # the largest value a PositiveSmallIntegerField holds on every database
# A tax code as typed ("0100 109 106 - 001"); the services store it compacted, within the model's 14.
TAX_CODE_INPUT_MAX = 20
# A NUL as a JSON escape (\u0000 after an even number of backslashes) or as a raw byte.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
INVALID_CHARACTER = gettext_lazy("The data contains a character that is not allowed.")


def parse_id(value: Any) -> int | None:
    """A positive 64-bit id from a form or query value, or None when it cannot name a row."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        number = int(value.strip()[:20])
    else:
        return None
    return number if 0 < number <= MAX_ID else None


def require_id(value: Any, *, field: str) -> int:
    """parse_id, or a ValidationError naming the field."""
    number = parse_id(value)
    if number is None:
        raise ValidationError({field: _("Choose a valid item.")})
    return number


def id_or_400(value: Any) -> int:
    """parse_id for a page's form value: a Vietnamese 400 (not a database error) when it is no id."""
    number = parse_id(value)
    if number is None:
        raise BadRequest(_("Choose a valid item."))
    return number


def parse_ids(values: Iterable[Any], *, field: str) -> list[int]:
    """A list of ids from a form's repeated field; any value that is not an id is refused."""
    return [require_id(value, field=field) for value in values]


def model_max_length(model: type[Model], field: str) -> int | None:
    """The max_length a hand-written serializer or form copies from the model it fills."""
    return getattr(model._meta.get_field(field), "max_length", None)


def has_nul(text: str) -> bool:
    return "\x00" in text


def body_has_nul(body: bytes, *, form: bool) -> bool:
    """A NUL in a body: raw, percent-encoded in a form, or as a JSON escape."""
    if b"\x00" in body:
        return True
    return b"%00" in body if form else _JSON_NUL.search(body) is not None


class IdConverter:
    """URL converter `<id:pk>`: digits that fit a 64-bit id; anything larger is a 404, not a 500."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 < number <= MAX_ID:
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)


class IdField(serializers.IntegerField):
    """An id in a request body: a positive 64-bit integer (a Vietnamese 400 otherwise)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class BoundedIntegerField(serializers.IntegerField):
    """A count or number stored in an integer column: bounded so the database never overflows."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", -(2**31))
        kwargs.setdefault("max_value", 2**31 - 1)
        super().__init__(**kwargs)


def id_list_field(**kwargs: Any) -> serializers.ListField:
    """A list of ids in a request body, bounded in length too."""
    kwargs.setdefault("max_length", 1000)
    return serializers.ListField(child=IdField(), **kwargs)


def version_field() -> BoundedIntegerField:
    """The `version` an API update sends back (see khoi.core.versioning); optional."""
    return BoundedIntegerField(
        min_value=0,
        required=False,
        help_text="The version you read; a stale version is refused and nothing is saved. Or send If-Match.",
    )
