"""Reporters in bulk: preview (from the register or a sheet), create, then the credentials sheet
or the invitations; and the pages of the forced first password change and of an invitation."""

from __future__ import annotations

import secrets
import time
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khoi.core.downloads import file_response

from . import people, selectors, services
from .credentials import CREDENTIALS_MINUTES, credentials_pdf, credentials_xlsx
from .forms import DeliveryForm, FirstPasswordChangeForm, PeopleUploadForm
from .invitations import invitation_tokens, send_invitations
from .models import User
from .permissions import can_manage_people, role_required

PENDING_KEY = "accounts_people_pending"
CREDENTIALS_KEY = "accounts_people_credentials"


def _render_people(
    request: HttpRequest,
    *,
    form: PeopleUploadForm,
    check: people.PeopleCheck | None = None,
    source: str = "",
    token: str = "",
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "check": check,
        "source": source,
        "register_count": len(people.register_rows()),
        "delivery_form": DeliveryForm(initial={"token": token}) if token else None,
    }
    return render(request, "accounts/people.html", context, status=status)


@role_required(can_manage_people)
def people_page(request: HttpRequest) -> HttpResponse:
    """GET: the two ways in. POST: a preview listing every problem by row; when there is none,
    the rows wait in the session under a token for the confirmation."""
    form = PeopleUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _render_people(request, form=PeopleUploadForm())
    request.session.pop(PENDING_KEY, None)
    if request.POST.get("source") == "register":
        source, check = "register", people.check_rows(people.register_rows())
        form = PeopleUploadForm()
    elif form.is_valid():
        source = form.cleaned_data["file"].name
        check = people.check_sheet(form.cleaned_data["file"].read())
    else:
        return _render_people(request, form=form, status=400)
    token = ""
    if check.is_valid:
        token = secrets.token_urlsafe(16)
        request.session[PENDING_KEY] = {"token": token, "rows": [row.as_input() for row in check.rows]}
    return _render_people(
        request,
        form=form,
        check=check,
        source=source,
        token=token,
        status=200 if check.is_valid or not check.rows else 400,
    )


@role_required(can_manage_people)
def people_template(request: HttpRequest) -> HttpResponse:
    return file_response(people.build_template(), "mau-bao-cao-vien.xlsx")


@require_POST
@role_required(can_manage_people)
def people_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING_KEY)
    form = DeliveryForm(request.POST)
    if not pending or not form.is_valid() or form.cleaned_data["token"] != pending["token"]:
        messages.error(request, _("This preview has expired; check the people again."))
        return redirect("accounts:people")
    invite = form.cleaned_data["delivery"] == "invite"
    try:
        accounts = services.reporters_create(
            rows=people.rows_from_input(pending["rows"]),
            actor=request.user,  # type: ignore[arg-type]
            invite=invite,
        )
    except ValidationError as error:
        for message in error.messages[:20]:
            messages.error(request, message)
        messages.error(request, _("Nobody was created: the register or the accounts changed since the preview."))
        return redirect("accounts:people")
    finally:
        request.session.pop(PENDING_KEY, None)
    messages.success(request, _("%(count)d accounts were created.") % {"count": len(accounts)})
    if invite:
        invited = User.objects.filter(username__in=[a.username for a in accounts if a.invited]).select_related("unit")
        sent, failed = send_invitations(
            users=invited, base_url=request.build_absolute_uri("/"), bloc_name=selectors.bloc_name()
        )
        if sent:
            messages.success(request, _("%(count)d invitations were sent.") % {"count": sent})
        if failed:
            messages.error(
                request,
                _("These invitations could not be sent: %(emails)s. Send them again later or print their credentials.")
                % {"emails": ", ".join(failed)},
            )
    with_password = [vars(account) for account in accounts if account.password]
    if not with_password:
        return redirect("accounts:people")
    request.session[CREDENTIALS_KEY] = {"created": time.time(), "accounts": with_password}
    return redirect("accounts:people_credentials")


def _credentials(request: HttpRequest) -> list[dict[str, Any]]:
    """The passwords just created, while they may still be shown; 404 afterwards."""
    stored = request.session.get(CREDENTIALS_KEY)
    if not stored or time.time() - stored["created"] > CREDENTIALS_MINUTES * 60:
        request.session.pop(CREDENTIALS_KEY, None)
        raise Http404(_("These credentials are no longer available: passwords are shown only once."))
    return list(stored["accounts"])


@role_required(can_manage_people)
def people_credentials(request: HttpRequest) -> HttpResponse:
    """The printable page of first-login credentials, with .xlsx and PDF downloads."""
    context = {
        "accounts": _credentials(request),
        "site_url": request.build_absolute_uri("/"),
        "minutes": CREDENTIALS_MINUTES,
    }
    return render(request, "accounts/credentials.html", context)


@role_required(can_manage_people)
def people_credentials_file(request: HttpRequest, kind: str) -> HttpResponse:
    accounts = _credentials(request)
    site_url = request.build_absolute_uri("/")
    if kind == "xlsx":
        return file_response(credentials_xlsx(accounts, site_url=site_url), "tai-khoan-lan-dau.xlsx")
    if kind == "pdf":
        return file_response(credentials_pdf(accounts, site_url=site_url), "tai-khoan-lan-dau.pdf")
    raise Http404


@require_POST
@role_required(can_manage_people)
def people_credentials_forget(request: HttpRequest) -> HttpResponse:
    request.session.pop(CREDENTIALS_KEY, None)
    messages.success(request, _("The passwords are no longer shown anywhere."))
    return redirect("accounts:people")


# ---- Choosing one's own password ------------------------------------------------------------------


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's change page; it ends a forced change."""

    form_class = FirstPasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: BaseForm) -> HttpResponse:
        response = super().form_valid(form)  # type: ignore[arg-type]
        services.password_set_by_owner(user=self.request.user)  # type: ignore[arg-type]
        return response


class InvitationView(auth_views.PasswordResetConfirmView):
    """The invitation's one-time link: choose a password, then sign in."""

    token_generator = invitation_tokens
    template_name = "accounts/invitation.html"
    success_url = reverse_lazy("accounts:login")
    reset_url_token = "chon-mat-khau"  # noqa: S105  (a path segment, not a password)

    def form_valid(self, form: BaseForm) -> HttpResponse:
        response = super().form_valid(form)  # type: ignore[arg-type]
        services.password_set_by_owner(user=form.user)  # type: ignore[attr-defined]
        messages.success(self.request, _("Your password is set: sign in with your login and it."))
        return response
