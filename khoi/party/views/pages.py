"""Pages of Party building: thin callers of the access rules, selectors, services and documents.

A person outside the user's record scope answers 404; pages a role may not open answer 403."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from khoi.accounts.permissions import member_required, require
from khoi.core.downloads import file_response
from khoi.core.inputs import parse_id
from khoi.reporting.periods import Period
from khoi.reporting.selectors import Scope, scope_units
from khoi.units.selectors import sort_vietnamese

from .. import access, documents, selectors, services
from ..models import GRADE_ORDER, Decision, DecisionKind, Person, PersonStatus, Step


def _today() -> dt.date:
    return timezone.localdate()


def period_of(request: HttpRequest) -> Period:
    try:
        return Period.parse(request.GET.get("period", ""))
    except ValueError:
        return Period(_today().year - (1 if _today().month < 7 else 0), "H1" if _today().month >= 7 else "Y")


@member_required
def index(request: HttpRequest) -> HttpResponse:
    require(access.sees_counts(request.user))
    period = period_of(request)
    unit_ids = figure_unit_ids(request, period)
    figures = selectors.party_figures(start=period.start, end=period.end, unit_ids=unit_ids)
    user = request.user
    context = {
        "period": period,
        "figures": figures,
        "shares": figures.grade_shares(),
        "periods": _periods(period),
        "sees_records": access.sees_personal_records(user),
        "member_shares": _member_shares(selectors.member_grades(start=period.start, end=period.end, unit_ids=unit_ids)),
        "can": {
            "grade_organisations": access.can_grade_organisations(user),
            "grade_members": access.member_grading_units(user).exists(),
            "committee": access.can_record_committee(user),
            "reviews": access.can_record_reviews(user),
        },
        "grading_decisions": selectors.decision_list(kind=DecisionKind.GRADING).filter(unit__isnull=True)[:10]
        if access.is_organisation_board(request.user)
        else [],
    }
    return render(request, "party/index.html", context)


def _periods(chosen: Period) -> list[Period]:
    """The periods offered: the one shown first when it is not among the reported ones."""
    periods = [Period(year, kind) for year in (2024, 2021, 2020) for kind in ("Y", "H1")]
    return periods if chosen in periods else [chosen, *periods]


def _member_shares(counts: dict[str, int]) -> list[tuple[str, int, Decimal]]:
    total = sum(counts.values())
    if not total:
        return []
    return [(str(g.label), counts.get(g, 0), Decimal(counts.get(g, 0)) * 100 / total) for g in GRADE_ORDER]


def figure_unit_ids(request: HttpRequest, period: Period) -> list[int]:
    """The organisations whose figures the user reads: the bloc's in the period; a secretary's own."""
    units = scope_units(scope=Scope(), period=period)
    record_units = access.record_units(request.user)
    if not access.is_organisation_board(request.user) and record_units.exists():
        units = units.filter(pk__in=record_units.values("pk"))
    return list(units.values_list("id", flat=True))


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


@member_required
def person_list(request: HttpRequest) -> HttpResponse:
    """The candidates and members of the organisations whose records the user reads, by status."""
    units = access.record_units(request.user)
    if not units.exists():
        raise PermissionDenied
    choices = sort_vietnamese(units)
    people = access.visible_people(request.user).order_by("unit__code", "name_key")
    unit_id = parse_id(request.GET.get("unit", ""))
    chosen = get_object_or_404(units, pk=unit_id) if unit_id else None
    if chosen is not None:
        people = people.filter(unit=chosen)
    status = request.GET.get("status", PersonStatus.CANDIDATE)
    if status in PersonStatus.values:
        people = people.filter(status=status)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in (("unit", chosen.pk if chosen else ""), ("status", status)) if v})
    context = {
        "page": page,
        "choices": choices,
        "chosen": chosen,
        "status": status,
        "statuses": PersonStatus.choices,
        "paging_query": query,
    }
    template = "party/person_list.html#rows" if getattr(request, "htmx", False) else "party/person_list.html"
    return render(request, template, context)


def _person(request: HttpRequest, pk: int) -> Person:
    return get_object_or_404(access.visible_people(request.user), pk=pk)


@member_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    services.person_read_log(user=request.user, person=person, via="page")  # type: ignore[arg-type]
    steps = selectors.person_steps(person=person)
    next_step = selectors.next_step(person=person)
    context = {
        "person": person,
        "steps": steps,
        "next_step": next_step,
        "Step": Step,
        "can_record": next_step is not None
        and person.status != PersonStatus.LEFT
        and access.can_record_step(request.user, person, next_step),
        "can_undo": bool(steps)
        and person.status != PersonStatus.LEFT
        and access.can_record_step(request.user, person, steps[-1].step),
        "undone": selectors.step_undo_list(person=person),
    }
    return render(request, "party/person_detail.html", context)


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
