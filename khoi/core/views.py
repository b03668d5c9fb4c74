from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from khoi.accounts.permissions import member_required

from .navigation import home_panels_for


@member_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in landing page: the modules this user may open."""
    return render(request, "core/home.html", {"home_panels": home_panels_for(request.user)})


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and the benchmark scripts: the process answers."""
    return HttpResponse("ok", content_type="text/plain")
