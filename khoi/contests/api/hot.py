"""Autosave and submit, the two busiest requests, answered before Django's request machinery.

In a round's last minutes thousands of phones submit at once. Through Django's handler, its ten
middlewares and DRF, a submit cost about 1.8 ms of CPU; the work itself (read the entry, score,
one statement) was 0.6 ms of it. This WSGI wrapper answers exactly these two addresses itself and
hands every other request to Django unchanged. It keeps what the middlewares and DRF do that
matters here: the host is checked against ALLOWED_HOSTS and the body against the upload limit
(Django's own request object does both), messages follow the language cookie or are Vietnamese,
responses carry the same security headers, Django's request signals open and recycle database
connections, and errors are logged as Django logs them.

The DRF views at the same addresses (views.EntryAnswersView, views.EntrySubmitView) stay the
documented interface, and both call the same `views.autosave` / `views.submit`.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core import signals
from django.core.exceptions import DisallowedHost, RequestDataTooBig, ValidationError
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.log import log_response
from rest_framework import exceptions

from khoi.core.api import validation_error_detail
from khoi.core.inputs import INVALID_CHARACTER, body_has_nul
from khoi.core.middleware import chosen_language

from . import views

HOT_PATH = re.compile(r"^/api/v1/contests/entries/(?P<token>[^/]{1,32})/(?P<action>answers|submit)/$")
ACTIONS: dict[str, Callable[[str, Any], dict[str, Any]]] = {"answers": views.autosave, "submit": views.submit}
logger = logging.getLogger("django.request")

StartResponse = Callable[..., Any]
WSGIApplication = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def _is_secure(environ: dict[str, Any]) -> bool:
    if environ.get("wsgi.url_scheme") == "https":
        return True
    header: tuple[str, str] | None = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    return header is not None and environ.get(header[0]) == header[1]


def _with_headers(response: HttpResponse, language: str) -> HttpResponse:
    """The headers Django's middlewares give the same answer through the DRF view."""
    response["Allow"] = "POST, OPTIONS"
    response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    response["Vary"] = "Accept-Language"
    response["Content-Language"] = language
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        response["X-Content-Type-Options"] = "nosniff"
    if settings.SECURE_REFERRER_POLICY:
        response["Referrer-Policy"] = settings.SECURE_REFERRER_POLICY
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        response["Cross-Origin-Opener-Policy"] = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
    return response


def _answer(request: WSGIRequest, token: str, action: str) -> HttpResponse:
    """The JSON answer DRF and the project's exception handler would give."""
    try:
        if not request.body:
            data: Any = {}
        elif request.content_type != "application/json":
            detail = exceptions.UnsupportedMediaType(request.content_type or "").detail
            return JsonResponse({"detail": detail}, status=415)
        elif body_has_nul(request.body, form=False):  # as RefuseNulMiddleware answers everywhere else
            return JsonResponse({"detail": str(INVALID_CHARACTER)}, status=400)
        else:
            data = json.loads(request.body)
        return JsonResponse(ACTIONS[action](token, data))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return JsonResponse({"detail": f"JSON parse error - {error}"}, status=400)  # as DRF's JSONParser
    except ValidationError as error:
        return JsonResponse(validation_error_detail(error), status=400)
    except Http404:
        return JsonResponse({"detail": exceptions.NotFound().detail}, status=404)


def contests_hot_paths(django_app: WSGIApplication) -> WSGIApplication:
    """Wraps Django's WSGI application: POSTs to the two hot addresses here, all else to Django."""

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        found = HOT_PATH.match(environ.get("PATH_INFO", ""))
        if (
            found is None
            or environ.get("REQUEST_METHOD") != "POST"
            or (settings.SECURE_SSL_REDIRECT and not _is_secure(environ))
        ):
            return django_app(environ, start_response)
        request = WSGIRequest(environ)
        try:
            request.get_host()  # DisallowedHost unless ALLOWED_HOSTS has it
            if int(environ.get("CONTENT_LENGTH") or 0) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                raise RequestDataTooBig
        except (DisallowedHost, RequestDataTooBig, ValueError):
            return django_app(environ, start_response)  # Django refuses these and logs them its way
        signals.request_started.send(sender=WSGIHandler, environ=environ)
        language = chosen_language(request)  # as the locale middleware chooses it
        try:
            with translation.override(language):
                response = _with_headers(_answer(request, found["token"], found["action"]), language)
        except Exception:
            logger.exception("Internal Server Error: %s", request.path, extra={"status_code": 500, "request": request})
            response = _with_headers(JsonResponse({"detail": "Internal Server Error"}, status=500), language)
        finally:
            # Recycles database connections (CONN_MAX_AGE, errors) as at the end of any Django request.
            signals.request_finished.send(sender=WSGIHandler)
        if 400 <= response.status_code < 500:
            log_response("%s: %s", response.reason_phrase, request.path, response=response, request=request)
        response["Content-Length"] = str(len(response.content))
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return [response.content]

    return application
