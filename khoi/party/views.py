"""Pages of Party building: thin callers of the access rules, selectors, services and documents.

A person outside the user's record scope answers 404; pages a role may not open answer 403."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from khoi.accounts.permissions import member_required, require
from khoi.core.downloads import file_response
from khoi.reporting.periods import Period
from khoi.reporting.selectors import Scope, scope_units
from khoi.units.selectors import sort_vietnamese

from . import access, documents, selectors, services
from .models import Decision, DecisionKind, Person, Step


def _today() -> dt.date:
    return timezone.localdate()


def _period(request: HttpRequest) -> Period:
    try:
        return Period.parse(request.GET.get("period", ""))
    except ValueError:
        return Period(_today().year - (1 if _today().month < 7 else 0), "H1" if _today().month >= 7 else "Y")


@member_required
def index(request: HttpRequest) -> HttpResponse:
    require(access.sees_counts(request.user))
    period = _period(request)
    units = scope_units(scope=Scope(), period=period)
    record_units = access.record_units(request.user)
    if not access.is_organisation_board(request.user) and record_units.exists():
        units = units.filter(pk__in=record_units.values("pk"))
    figures = selectors.party_figures(
        start=period.start, end=period.end, unit_ids=list(units.values_list("id", flat=True))
    )
    context = {
        "period": period,
        "figures": figures,
        "shares": figures.grade_shares(),
        "periods": [Period(year, kind) for year in (2024, 2021, 2020) for kind in ("Y", "H1")],
        "sees_records": access.sees_personal_records(request.user),
        "grading_decisions": selectors.decision_list(kind=DecisionKind.GRADING).filter(unit__isnull=True)[:10]
        if access.is_organisation_board(request.user)
        else [],
    }
    return render(request, "party/index.html", context)


def _due_rows(request: HttpRequest) -> tuple[list[selectors.DueRow], list, object]:
    units = access.record_units(request.user)
    if not units.exists():
        raise PermissionDenied
    choices = sort_vietnamese(units)
    chosen = None
    unit_id = request.GET.get("unit", "")
    if unit_id.isdigit():
        chosen = get_object_or_404(units, pk=int(unit_id))
        units = units.filter(pk=chosen.pk)
    return selectors.due_for_conversion(units=units, on=_today()), choices, chosen


@member_required
def due_list(request: HttpRequest) -> HttpResponse:
    rows, choices, chosen = _due_rows(request)
    context = {"rows": rows, "choices": choices, "chosen": chosen, "today": _today()}
    template = "party/due_list.html#rows" if getattr(request, "htmx", False) else "party/due_list.html"
    return render(request, template, context)


@member_required
def due_list_excel(request: HttpRequest) -> HttpResponse:
    rows, _choices, _chosen = _due_rows(request)
    for row in rows:
        services.person_read_log(user=request.user, person=row.person, via="excel")  # type: ignore[arg-type]
    return file_response(documents.due_list_xlsx(rows=rows, on=_today()), "den-han-chuyen-chinh-thuc.xlsx")


def _person(request: HttpRequest, pk: int) -> Person:
    return get_object_or_404(access.visible_people(request.user), pk=pk)


@member_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    services.person_read_log(user=request.user, person=person, via="page")  # type: ignore[arg-type]
    steps = selectors.person_steps(person=person)
    return render(
        request,
        "party/person_detail.html",
        {"person": person, "steps": steps, "next_step": selectors.next_step(person=person), "Step": Step},
    )


@member_required
def person_decision(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    person = _person(request, pk)
    require(access.is_organisation_board(request.user) or kind in ("admission", "conversion"))
    services.person_read_log(user=request.user, person=person, via=f"docx-{kind}")  # type: ignore[arg-type]
    if kind == "admission":
        content = documents.admission_decision_docx(person=person)
    elif kind == "conversion":
        content = documents.conversion_decision_docx(person=person)
    else:
        raise PermissionDenied
    return file_response(content, f"quyet-dinh-{kind}-{person.pk}.docx")


@member_required
def grading_decision(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.is_organisation_board(request.user))
    decision = get_object_or_404(Decision, pk=pk, kind=DecisionKind.GRADING, unit__isnull=True)
    return file_response(
        documents.grading_decision_docx(decision=decision), f"quyet-dinh-xep-loai-{decision.year}.docx"
    )


@member_required
def home_panel(request: HttpRequest) -> HttpResponse:
    """The reporter's to-do list gets the probationary members due for conversion."""
    units = access.record_units(request.user)
    if access.is_organisation_board(request.user) or not units.exists():
        return HttpResponse("")
    rows = selectors.due_for_conversion(units=units, on=_today())
    return render(request, "party/_home_panel.html", {"rows": rows})
