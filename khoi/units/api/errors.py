"""The register API's exception handler.

`khoi/core/api/` (a package) shadows `khoi/core/api.py`, so the project-wide
REST_FRAMEWORK["EXCEPTION_HANDLER"] ("khoi.core.api.exception_handler") cannot be imported and
any API error would end in a 500. Until core fixes that, our views use this handler: services'
ValidationError → 400 with field-named Vietnamese messages; Http404 → 404; PermissionDenied → 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def validation_error_detail(error: DjangoValidationError) -> Any:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for e in errors for m in e.messages] for field, errors in error.error_dict.items()}
    return {"non_field_errors": [str(m) for m in error.messages]}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        return Response(validation_error_detail(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    return drf_exception_handler(exc, context)


class RegisterErrorsMixin:
    def get_exception_handler(self) -> Any:
        return exception_handler
