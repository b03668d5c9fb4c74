"""The client's address behind our own reverse proxy.

The app servers see the proxy's address as REMOTE_ADDR. When a request comes from one of
TRUSTED_PROXIES (the addresses of our nginx, settings/env), the address the proxy wrote in
X-Real-IP (deploy/nginx/khoi.conf) becomes REMOTE_ADDR, so per-address limits count people, not
the proxy. From anywhere else the header is ignored: a client cannot choose its address.
"""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ProxiedClientAddressMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.trusted = frozenset(getattr(settings, "TRUSTED_PROXIES", ()))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        forwarded = request.META.get("HTTP_X_REAL_IP", "")
        if forwarded and request.META.get("REMOTE_ADDR") in self.trusted:
            with contextlib.suppress(ValueError):  # not an address: keep the proxy's
                request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(forwarded.strip()))
        return self.get_response(request)
