from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from khoi.accounts.permissions import is_member

from . import selectors, services
from .forms import BlocSetupForm


def setup(request: HttpRequest) -> HttpResponse:
    """The first-run page: shown while the database has no bloc. An administrator fills it in;
    before any account exists it says how to create the first one (`make setup`)."""
    if selectors.bloc_exists():
        return redirect("core:home")
    if not is_member(request.user):
        if not selectors.any_user_exists():
            return render(request, "bloc/no_account.html")
        return redirect_to_login(request.get_full_path())
    if not request.user.is_admin:
        return render(request, "bloc/wait.html", status=403)
    form = BlocSetupForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.bloc_setup(answers=form.answers(), actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The bloc is set up. Next: import the register of units."))
            return redirect("units:import")
    return render(request, "bloc/setup.html", {"form": form})


def logo(request: HttpRequest) -> HttpResponse:
    """The committee's logo, for signed-in people."""
    if not is_member(request.user):
        raise PermissionDenied
    found = selectors.bloc_logo()
    if found is None:
        raise Http404
    content, content_type = found
    response = HttpResponse(content, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
