"""Error pages (400, 403, 404, 500, CSRF failure) in the site's layout and the interface language.

A 403 or 404 says why when our own code gave the reason (`PermissionDenied(_("…"))`,
`Http404(_("…"))`): those messages are written for users and translated. Messages raised inside
Django or a library (`get_object_or_404`'s "No Unit matches the given query.", the URL resolver's
list of patterns) are technical, English, and not shown.
The 500 page renders without a request context: no database, no session, no context processor.
"""

from __future__ import annotations

import logging
from types import TracebackType

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

OUR_CODE = "khoi."


def user_facing_reason(exception: BaseException | None) -> str:
    """The exception's message when our code raised it with one, else ""."""
    if exception is None or not exception.args or not isinstance(exception.args[0], str):
        return ""
    if _raised_in(exception.__traceback__).startswith(OUR_CODE):
        return exception.args[0]
    return ""


def _raised_in(traceback: TracebackType | None) -> str:
    """The module where the exception was raised (its innermost frame)."""
    module = ""
    while traceback is not None:
        module = str(traceback.tb_frame.f_globals.get("__name__", ""))
        traceback = traceback.tb_next
    return module


def _error_page(request: HttpRequest, status: int, title: str, reason: str, hint: str) -> HttpResponse:
    context = {"status": status, "title": title, "reason": reason, "hint": hint}
    return render(request, "errors/error.html", context, status=status)


def bad_request(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _error_page(
        request,
        400,
        _("The request could not be understood"),
        "",
        _("Check the address or the data you sent, then try again."),
    )


def permission_denied(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _error_page(
        request,
        403,
        _("You may not do this"),
        user_facing_reason(exception) or _("Your account does not have the right to open this page or do this."),
        _("If you think you should have this right, ask the bloc committee's Office."),
    )


def page_not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _error_page(
        request,
        404,
        _("Page not found"),
        user_facing_reason(exception) or _("There is no page at this address, or it is not open to you."),
        _("Check the address, or start again from the home page."),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token (an expired page, a blocked cookie, another site)."""
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    return _error_page(
        request,
        403,
        _("The form has expired"),
        _("The form was sent without a valid security token, so nothing was changed."),
        _("Go back, reload the page and send the form again. Cookies must be allowed for this site."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request: nothing here may need the database or the session."""
    return HttpResponse(loader.get_template("errors/500.html").render({}), status=500)
