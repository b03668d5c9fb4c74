"""The site's URLs plus a few views that fail on purpose, for the error page tests."""

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns
from khoi.accounts.models import User
from khoi.units.models import Unit
from khoi.units.scope import require_unit_writable


def change_first_unit(request: HttpRequest) -> HttpResponse:
    """Raises the project's own PermissionDenied for a member who may read but not write."""
    require_unit_writable(request.user, Unit.objects.order_by("pk").first())  # type: ignore[arg-type]
    return HttpResponse("ok")


def missing_user(request: HttpRequest) -> HttpResponse:
    get_object_or_404(User, pk=0)  # Django's technical "No User matches the given query."
    return HttpResponse("ok")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("a header made up by the test")


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug made up by the test")


urlpatterns = [
    path("test-errors/change-unit/", change_first_unit),
    path("test-errors/missing-user/", missing_user),
    path("test-errors/suspicious/", suspicious),
    path("test-errors/broken/", broken),
    *urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
