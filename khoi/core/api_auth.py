"""The API's session authentication (apart from api.py: DRF imports it while rest_framework.views
is still loading, so it must not import that module)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication; its CSRF refusal ("CSRF Failed: …", English) in our words."""

    def enforce_csrf(self, request: Request) -> None:
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as error:
            raise exceptions.PermissionDenied(
                _(
                    "The request has no valid security token (CSRF) for this session, so nothing was changed. "
                    "Reload the page and try again; a script should use an API token instead of a session."
                )
            ) from error
