"""Forced password change: an account created with a first-login password (or an invitation) is
led to the change page from every page until its owner has chosen a password.

Installed after AuthenticationMiddleware. Pages that must stay reachable: the change page itself,
signing out, the language switch, static files, and the health check. An API
call made with the browser's session answers 403 with a JSON message; a token-authenticated call
is not affected (a token is created on the profile page, which such an account cannot reach).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class ForcePasswordChangeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def _allowed(self, path: str) -> bool:
        allowed = (
            reverse("accounts:password_change"),
            reverse("accounts:password_change_done"),
            reverse("accounts:logout"),
            reverse("accounts:login"),
            reverse("set_language"),
            reverse("core:health"),
            "/" + settings.STATIC_URL.lstrip("/"),
        )
        return path.startswith(allowed)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Without a session cookie nobody is signed in through the session: asking for the user would
        # load an empty session and add "Vary: Cookie" to answers that do not depend on one (the
        # contests' token API, whose answers both pools must give alike).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not self._allowed(request.path)
        ):
            message = _("Choose your own password before you continue.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=403)
            target = reverse("accounts:password_change")
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
        return self.get_response(request)
