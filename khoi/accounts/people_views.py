"""Reporters in bulk: preview (from the register or a sheet), a job for the task worker with its
progress, then the credentials sheet or the invitations; and the pages of the forced first
password change and of an invitation."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from khoi.core.downloads import file_response

from . import people, people_jobs, selectors, services
from .credentials import CREDENTIALS_MINUTES, credentials_pdf, credentials_xlsx
from .forms import DeliveryForm, FirstPasswordChangeForm, PeopleUploadForm
from .invitations import invitation_tokens
from .models import PeopleJob
from .permissions import can_manage_people, role_required

PENDING_KEY = "accounts_people_pending"


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
        "jobs": selectors.people_jobs_recent(user=request.user),  # type: ignore[arg-type]
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
    """Record the job for the task worker and go to its page (the rows are checked again there)."""
    pending = request.session.get(PENDING_KEY)
    form = DeliveryForm(request.POST)
    if not pending or not form.is_valid() or form.cleaned_data["token"] != pending["token"]:
        messages.error(request, _("This preview has expired; check the people again."))
        return redirect("accounts:people")
    request.session.pop(PENDING_KEY, None)
    job = people_jobs.people_job_start(
        rows=pending["rows"],
        actor=request.user,  # type: ignore[arg-type]
        invite=form.cleaned_data["delivery"] == "invite",
        site_url=request.build_absolute_uri("/"),
    )
    return redirect("accounts:people_job", job_id=job.pk)


def _job(request: HttpRequest, job_id: Any) -> PeopleJob:
    job = selectors.people_job_get(job_id=job_id, user=request.user)  # type: ignore[arg-type]
    if job is None:
        raise Http404(_("No such job."))
    return job


@role_required(can_manage_people)
def people_job(request: HttpRequest, job_id: Any) -> HttpResponse:
    """The job's progress (htmx asks again every second while it runs), then the credentials sheet
    when there are passwords to print, or what was done."""
    job = _job(request, job_id)
    if job.status == PeopleJob.Status.DONE and people_jobs.people_job_credentials(job=job) is not None:
        url = reverse("accounts:people_credentials", kwargs={"job_id": job.pk})
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponseClientRedirect(url)
        return redirect(url)
    template = "accounts/people_job.html#progress" if request.htmx else "accounts/people_job.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})


def _credentials(request: HttpRequest, job_id: Any) -> tuple[PeopleJob, list[dict[str, Any]]]:
    """The passwords just created, while they may still be shown; 404 afterwards."""
    job = _job(request, job_id)
    accounts = people_jobs.people_job_credentials(job=job)
    if accounts is None:
        raise Http404(_("These credentials are no longer available: passwords are shown only once."))
    return job, accounts


@never_cache  # passwords: no copy in a browser's or a proxy's cache
@role_required(can_manage_people)
def people_credentials(request: HttpRequest, job_id: Any) -> HttpResponse:
    """The printable page of first-login credentials, with .xlsx and PDF downloads."""
    job, accounts = _credentials(request, job_id)
    context = {"job": job, "accounts": accounts, "site_url": job.site_url, "minutes": CREDENTIALS_MINUTES}
    return render(request, "accounts/credentials.html", context)


@never_cache
@role_required(can_manage_people)
def people_credentials_file(request: HttpRequest, job_id: Any, kind: str) -> HttpResponse:
    job, accounts = _credentials(request, job_id)
    if kind == "xlsx":
        return file_response(credentials_xlsx(accounts, site_url=job.site_url), "tai-khoan-lan-dau.xlsx")
    if kind == "pdf":
        return file_response(credentials_pdf(accounts, site_url=job.site_url), "tai-khoan-lan-dau.pdf")
    raise Http404


@require_POST
@role_required(can_manage_people)
def people_credentials_forget(request: HttpRequest, job_id: Any) -> HttpResponse:
    people_jobs.people_job_forget(job=_job(request, job_id))
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
