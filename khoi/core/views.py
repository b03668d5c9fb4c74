from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from khoi.accounts.permissions import member_required


@member_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in landing page: the modules this user may open."""
    return render(request, "core/home.html", {})


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and the benchmark scripts: the process answers."""
    return HttpResponse("ok", content_type="text/plain")
