from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import user_passes_test
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from khoi.accounts.permissions import can_export_bloc, role_required

from .downloads import file_response
from .exports import export_providers, export_zip
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


@role_required(can_export_bloc)
def export(request: HttpRequest) -> HttpResponse:
    """GET: what the export holds. POST: the zip of every module's workbook and JSON."""
    form = ExportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        content = export_zip(with_personal_data=form.cleaned_data["with_personal_data"])
        name = f"du-lieu-khoi-{timezone.localdate():%Y%m%d}.zip"
        return file_response(content, name, content_type="application/zip")
    modules = [
        {"key": provider.key, "title": str(provider.title), "personal_only": provider.personal_only}
        for provider in export_providers()
    ]
    return render(request, "core/export.html", {"form": form, "modules": modules})
