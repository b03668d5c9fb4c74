from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from khoi.accounts.permissions import member_required

from .navigation import home_panels_for


@member_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in landing page: the modules this user may open (an administrator is sent to
    the first-run page while the database has no bloc)."""
    from khoi.units.models import Unit, UnitKind

    if getattr(request.user, "is_admin", False) and not Unit.objects.filter(kind=UnitKind.BLOC).exists():
        return redirect("bloc:setup")
    return render(request, "core/home.html", {"home_panels": home_panels_for(request.user)})


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and the benchmark scripts: the process answers."""
    return HttpResponse("ok", content_type="text/plain")
