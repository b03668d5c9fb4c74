from __future__ import annotations

from django.contrib.auth.decorators import user_passes_test
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .navigation import home_panels_for


# A signed-in, active account (what khoi.accounts.permissions.member_required checks: core sits
# below accounts and may not import it); others go to the login page.
@user_passes_test(lambda user: user.is_authenticated and user.is_active)
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
