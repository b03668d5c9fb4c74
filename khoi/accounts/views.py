"""The profile page (API tokens) and the Office's page of locked logins."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khoi.core.service_errors import error_text

from . import selectors, services
from .forms import ApiTokenForm
from .permissions import can_unlock_logins, member_required, role_required


@member_required
def profile(request: HttpRequest) -> HttpResponse:
    """Who I am, and my API tokens: create one (its secret is shown once), revoke one."""
    form = ApiTokenForm(request.POST or None)
    new_secret = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, new_secret = services.api_token_create(
                    user=request.user,  # type: ignore[arg-type]
                    name=form.cleaned_data["name"],
                    days=form.cleaned_data["days"],
                )
            except ValidationError as error:
                form.add_error(None, error)
        if not new_secret:
            status = 400
        else:
            form = ApiTokenForm()
    context = {
        "form": form,
        "new_secret": new_secret,
        "tokens": selectors.api_tokens_of(user=request.user),  # type: ignore[arg-type]
        "can_unlock_logins": can_unlock_logins(request.user),
    }
    return render(request, "accounts/profile.html", context, status=status)


@require_POST
@member_required
def token_revoke(request: HttpRequest, token_key: str) -> HttpResponse:
    services.api_token_revoke(user=request.user, token_key=token_key)  # type: ignore[arg-type]
    messages.success(request, _("The token has been revoked: it no longer opens the API."))
    return redirect("accounts:profile")


@role_required(can_unlock_logins)
def locks(request: HttpRequest) -> HttpResponse:
    """Accounts and addresses locked after too many failed sign-ins, with a button to unlock each."""
    return render(request, "accounts/locks.html", {"locked": selectors.locked_logins()})


@require_POST
@role_required(can_unlock_logins)
def unlock(request: HttpRequest) -> HttpResponse:
    account = request.POST.get("account", "").strip()
    address = request.POST.get("address", "").strip()
    try:
        services.unlock_login(account=account, address=address)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Unlocked: %(who)s may sign in again.") % {"who": account or address})
    return redirect("accounts:locks")
