from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from khoi.accounts.permissions import member_required


@member_required
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "party/index.html", {})


@member_required
def home_panel(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
