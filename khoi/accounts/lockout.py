"""django-axes hooks: the client's address, and the page a locked account or address sees."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR; behind KHOI_PROXY_COUNT proxies, the address the outermost of them saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with N
    proxies the client is the N-th entry from the right; whatever a client wrote further left is
    ignored. With no proxy configured the header is not read at all (it could be forged).
    """
    proxies = settings.KHOI_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lock_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """429 with the Vietnamese explanation: how long, and who can unlock sooner."""
    context = {"minutes": lock_minutes(), "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "registration/locked_out.html", context, status=429)
