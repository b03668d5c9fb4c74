from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import user_passes_test
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy

from . import export_jobs
from .downloads import stored_file_response
from .exports import export_providers
from .models import ExportJob
from .navigation import home_panels_for
from .providers import provider


# A signed-in, active account (what khoi.accounts.permissions.member_required checks: core sits
# below accounts and may not import it); others go to the login page.
@user_passes_test(lambda user: user.is_authenticated and user.is_active)
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in landing page: the modules this user may open (an administrator is sent to
    the first-run page while the database has no bloc)."""
    first_run = provider("bloc.first_run_url")  # the set-up app, when installed, while there is no bloc
    url = first_run(user=request.user) if first_run is not None else None
    if url:
        return redirect(url)
    return render(request, "core/home.html", {"home_panels": home_panels_for(request.user)})


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and the benchmark scripts: the process answers."""
    return HttpResponse("ok", content_type="text/plain")


class ExportForm(forms.Form):
    with_personal_data = forms.BooleanField(
        label=gettext_lazy("Include personal data (people's names, phones, emails, the accounts)"), required=False
    )


def may_export_bloc(user: object) -> bool:
    """Asked of accounts, the permission layer (core sits below it: khoi.core.providers)."""
    check = provider("accounts.can_export_bloc")
    return bool(check is not None and check(user))


def _exporter(request: HttpRequest) -> HttpResponse | None:
    """Who may export: a signed-in, active account that accounts says may (else login, or 403)."""
    if not (request.user.is_authenticated and request.user.is_active):
        return redirect_to_login(request.get_full_path())
    if not may_export_bloc(request.user):
        raise PermissionDenied
    return None


def export(request: HttpRequest) -> HttpResponse:
    """GET: what the export holds, and this person's recent exports. POST: a job for the task
    worker, then its page."""
    if (refused := _exporter(request)) is not None:
        return refused
    form = ExportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        job = export_jobs.export_job_start(
            requested_by=request.user, with_personal_data=form.cleaned_data["with_personal_data"]
        )
        return redirect("core:export_job", job_id=job.pk)
    modules = [
        {"key": provider.key, "title": str(provider.title), "personal_only": provider.personal_only}
        for provider in export_providers()
    ]
    context = {
        "form": form,
        "modules": modules,
        "jobs": export_jobs.export_jobs_recent(user=request.user),
        "hours": settings.KHOI_EXPORT_HOURS,
    }
    return render(request, "core/export.html", context)


def _export_job(request: HttpRequest, job_id: Any) -> ExportJob:
    job = export_jobs.export_job_get(job_id=job_id, user=request.user)
    if job is None:
        raise Http404(gettext("No such export."))
    return job


def export_job(request: HttpRequest, job_id: Any) -> HttpResponse:
    """The export's progress (htmx asks again every second while it runs), then its link."""
    if (refused := _exporter(request)) is not None:
        return refused
    job = _export_job(request, job_id)
    template = "core/export_job.html#progress" if request.htmx else "core/export_job.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job, "hours": settings.KHOI_EXPORT_HOURS})


def export_download(request: HttpRequest, job_id: Any) -> HttpResponseBase:
    if (refused := _exporter(request)) is not None:
        return refused
    job = _export_job(request, job_id)
    handle = export_jobs.export_job_file(job=job)
    if handle is None:
        raise Http404(gettext("This export is not ready, or it has been deleted."))
    response = stored_file_response(handle, job.download_name)
    response["Cache-Control"] = "private, no-store"
    return response
