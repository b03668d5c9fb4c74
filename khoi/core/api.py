"""API plumbing shared by every app: one exception handler with Vietnamese messages,
one pagination.

DRF's, django-filter's and knox's own messages are translated in the project catalogue
(locale/, listed in config/library_messages.py): DRF's Vietnamese catalogue covers few of them.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import BadRequest, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import user_facing_reason
from .inputs import MAX_ID


def validation_error_detail(error: DjangoValidationError) -> Any:
    """A Django ValidationError as {field: [messages]} (or a list for non-field errors)."""
    if hasattr(error, "error_dict"):
        return {field: [str(m) for e in errors for m in e.messages] for field, errors in error.error_dict.items()}
    return {"non_field_errors": [str(m) for m in error.messages]}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Services raise Django's ValidationError; the API answers 400 with field-named messages.

    Messages are already translated by gettext for the request's language (Vietnamese by default).
    A 403 or 404 keeps the reason our own code gave (`PermissionDenied(_("…"))`); Django's technical
    messages (get_object_or_404's "No Unit matches…") give way to DRF's translated default.
    """
    if isinstance(exc, DjangoValidationError):
        return Response(validation_error_detail(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, BadRequest):
        return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(user_facing_reason(exc) or None)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(user_facing_reason(exc) or None)
    elif isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(parse_error_message(exc))
    return drf_exception_handler(exc, context)


def parse_error_message(exc: exceptions.ParseError) -> str:
    """DRF's parsers say "JSON parse error - Expecting value: line 1 column 1" in English only."""
    detail = str(exc.detail)
    if detail.startswith(("JSON parse error", "Multipart form parse error")):
        return body_error_message(exc.__context__)
    return detail


def body_error_message(error: BaseException | None) -> str:
    """Why a request body could not be read, in the interface language (where for bad JSON)."""
    if isinstance(error, json.JSONDecodeError):
        return _("The request body is not valid JSON (line %(line)d, column %(column)d).") % {
            "line": error.lineno,
            "column": error.colno,
        }
    return _("The request body could not be read in the format its Content-Type announces.")


class Pagination(LimitOffsetPagination):
    """`?limit=&offset=` with a ceiling: a limit above `max_limit` gives `max_limit` rows; a limit or
    offset that is not a whole number (or is negative) is a Vietnamese 400, never a database error."""

    max_limit = 1000

    def _number(self, request: Request, name: str, *, smallest: int) -> int | None:
        raw = request.query_params.get(name)
        if raw is None or raw == "":
            return None
        text = raw.strip()
        if not (text.isascii() and text.isdigit()) or int(text[:20]) < smallest:
            raise exceptions.ValidationError({name: [_("Give a whole number of at least %(n)s.") % {"n": smallest}]})
        return min(int(text[:20]), MAX_ID)

    def get_limit(self, request: Request) -> int | None:
        limit = self._number(request, self.limit_query_param, smallest=1)
        return self.default_limit if limit is None else min(limit, self.max_limit)

    def get_offset(self, request: Request) -> int:
        return self._number(request, self.offset_query_param, smallest=0) or 0

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            bounds = {"minimum": 1, "maximum": self.max_limit} if parameter["name"] == self.limit_query_param else {}
            parameter["schema"] = {**parameter["schema"], **bounds}
        return parameters
