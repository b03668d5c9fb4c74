"""Vietnamese first: the interface is Vietnamese unless the user chose another language.
And a NUL character in a request is refused before anything reads it.

Django's LocaleMiddleware follows the browser's Accept-Language, so most browsers set to English
would get English. Here only the language cookie (set by the language switch) changes it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .inputs import INVALID_CHARACTER, body_has_nul, has_nul


def chosen_language(request: HttpRequest) -> str:
    """The language cookie's language when we support it, else Vietnamese."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    supported = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in supported else settings.LANGUAGE_CODE


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()


class RefuseNulMiddleware:
    """A NUL character in the address, the query or a form/JSON body is refused with a Vietnamese
    400: PostgreSQL cannot store it in text, and no honest client sends one. In a multipart body only
    the text fields are checked: uploaded files may hold any byte."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            message = str(INVALID_CHARACTER)
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        query = request.META.get("QUERY_STRING", "")
        if has_nul(request.path) or "%00" in query or has_nul(query):
            return True
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return False
        try:
            if request.content_type == "multipart/form-data":  # the text fields; files may hold any byte
                return any(has_nul(value) for _name, values in request.POST.lists() for value in values)
            return body_has_nul(request.body, form=request.content_type == "application/x-www-form-urlencoded")
        except RequestDataTooBig:
            return False  # Django answers that itself when the view reads the body
