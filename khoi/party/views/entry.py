"""Data-entry pages of Party building: thin callers of the services.

Who may write what is khoi.party.access's: the Organisation Board everything but inspection; a
base organisation's secretary its own candidates, their steps up to the base committee's proposal
and its members' grades; the Inspection Board inspections, supervisions and discipline. A person
or organisation outside the user's scope answers 404, a write the role may not make 403. A
service's refusal comes back on the form (khoi.core.service_errors) and nothing is written."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.accounts.permissions import is_member, member_required, require
from khoi.core.inputs import parse_id
from khoi.core.service_errors import add_form_errors
from khoi.units.models import BASE_KINDS, Unit
from khoi.units.selectors import sort_vietnamese

from .. import access, selectors, services
from ..forms import (
    CommitteeForm,
    CourseBatchForm,
    DisciplineCaseForm,
    GradingForm,
    PersonForm,
    ReviewDoneForm,
    ReviewForm,
    StepForm,
    StepUndoForm,
    default_year,
)
from ..models import GradingSubject, Review
from ..services import StepInput


def _by(request: Any) -> User:
    """The signed-in member making the write (the views let no one else in)."""
    user = request.user
    assert is_member(user)
    return user


def _form_page(request: HttpRequest, form: Any, title: Any, **extra: Any) -> HttpResponse:
    return render(request, "party/form.html", {"form": form, "title": title, **extra})


def _base_units() -> Any:
    return Unit.objects.filter(kind__in=BASE_KINDS).order_by("code")


# ---- Candidates and their steps -------------------------------------------------------------------


@member_required
def person_create(request: HttpRequest) -> HttpResponse:
    units = access.record_units(request.user)
    require(units.exists())
    form = PersonForm(request.POST or None, units=units.order_by("code"))
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        require(access.can_add_person(request.user, unit))
        try:
            person = services.person_create(
                unit=unit,
                full_name=form.cleaned_data["full_name"],
                birth_date=form.cleaned_data["birth_date"],
                gender=form.cleaned_data["gender"],
                identity_number=form.cleaned_data["identity_number"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("%(name)s is recorded as a candidate.") % {"name": person.full_name})
            return redirect("party:person_detail", person.pk)
    return _form_page(request, form, _("New candidate"))


@member_required
def step_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's next step, with the inputs that step needs."""
    person = get_object_or_404(access.visible_people(request.user), pk=pk)
    step = selectors.next_step(person=person)
    require(step is not None and access.can_record_step(request.user, person, step))
    assert step is not None
    form = StepForm(request.POST or None, step=step, initial={"done_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.step_record(person=person, data=StepInput(**form.step_input()), by=_by(request))
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("“%(step)s” is recorded.") % {"step": step.label})
            return redirect("party:person_detail", person.pk)
    services.person_read_log(user=_by(request), person=person, via="step-form")
    return _form_page(request, form, step.label, person=person)


@member_required
def step_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Take back the person's latest step, recorded wrongly, with a reason (logged)."""
    person = get_object_or_404(access.visible_people(request.user), pk=pk)
    last = selectors.latest_step(person=person)
    if last is None:
        raise Http404
    require(access.can_record_step(request.user, person, last.step))
    form = StepUndoForm(request.POST or None, initial={"step": last.step})
    if request.method == "POST" and form.is_valid():
        try:
            services.step_undo(person=person, by=_by(request), **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("“%(step)s” is undone.") % {"step": last.get_step_display()})
            return redirect("party:person_detail", person.pk)
    title = _("Undo “%(step)s”") % {"step": last.get_step_display()}
    return _form_page(request, form, title, person=person)


# ---- Course batches ------------------------------------------------------------------------------


@member_required
def course_batches(request: HttpRequest) -> HttpResponse:
    """A year's batches of both courses, and a new batch."""
    require(access.can_record_courses(request.user))
    year = _year_of(request, timezone.localdate().year)
    form = CourseBatchForm(request.POST or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.course_batch_create(**form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Course batch %(batch)s is recorded.") % {"batch": batch})
            return redirect(f"{reverse('party:course_batches')}?year={batch.year}")
    context = {"form": form, "year": year, "batches": selectors.course_batch_list(year=year)}
    return render(request, "party/course_batches.html", context)


# ---- Annual grading -------------------------------------------------------------------------------


def _year_of(request: HttpRequest, default: int) -> int:
    raw = request.POST.get("year") or request.GET.get("year") or ""
    year = parse_id(raw)
    return year if year and 2000 <= year <= 2100 else default


def _year(request: HttpRequest) -> int:
    return _year_of(request, default_year(timezone.localdate()))


def _grading_recorded(request: HttpRequest, form: GradingForm, *, subject: str, issuer: Unit | None) -> bool:
    """Record the grading the form holds (the service's errors go onto the form); True when done."""
    try:
        result = services.grading_record(
            subject=subject,
            year=form.cleaned_data["year"],
            decision_number=form.cleaned_data["decision_number"],
            signed_on=form.cleaned_data["signed_on"],
            grades=form.grades(),
            issuer=issuer,
            by=_by(request),
        )
    except ValidationError as error:
        add_form_errors(form, error)
        return False
    count = result.decision.gradings.count()
    text = _("Decision %(number)s recognises the grades of %(count)d.")
    messages.success(request, text % {"number": result.decision.number, "count": count})
    for warning in result.warnings:
        messages.warning(request, warning)
    return True


@member_required
def grading_organisations(request: HttpRequest) -> HttpResponse:
    """The bloc committee's decision recognising a year's grades of base organisations."""
    require(access.can_grade_organisations(request.user))
    year = _year(request)
    units = selectors.units_to_grade(year=year)
    form = GradingForm(
        request.POST or None,
        subjects=[(u.pk, u.name) for u in units],
        initial={"year": year, "signed_on": timezone.localdate()},
    )
    posted = request.method == "POST" and form.is_valid()
    if posted and _grading_recorded(request, form, subject=GradingSubject.ORGANISATIONS, issuer=None):
        return redirect("party:index")
    title = _("Grading of base organisations, %(year)d") % {"year": year}
    rule = selectors.grading_rule_for(year=year)
    return render(request, "party/grading_form.html", {"form": form, "title": title, "rule": rule, "year": year})


@member_required
def grading_members(request: HttpRequest) -> HttpResponse:
    """An organisation's committee's decision recognising a year's grades of its members."""
    units = access.member_grading_units(request.user)
    require(units.exists())
    unit_id = parse_id(request.POST.get("unit") or request.GET.get("unit") or "")
    unit = get_object_or_404(units, pk=unit_id) if unit_id else None
    year = _year(request)
    people = list(selectors.members_to_grade(unit=unit, year=year)) if unit else []
    form = GradingForm(
        request.POST or None,
        subjects=[(p.pk, p.full_name) for p in people],
        initial={"year": year, "signed_on": timezone.localdate()},
    )
    posted = request.method == "POST" and unit is not None and form.is_valid()
    if posted and _grading_recorded(request, form, subject=GradingSubject.MEMBERS, issuer=unit):
        return redirect("party:index")
    context = {
        "form": form,
        "title": _("Grading of members, %(year)d") % {"year": year},
        "rule": selectors.grading_rule_for(year=year),
        "year": year,
        "unit": unit,
        "units": sort_vietnamese(units),
        "members": True,
    }
    return render(request, "party/grading_form.html", context)


# ---- Committees, inspection, discipline ------------------------------------------------------------


@member_required
def committee_create(request: HttpRequest) -> HttpResponse:
    require(access.can_record_committee(request.user))
    form = CommitteeForm(request.POST or None, units=_base_units(), initial={"signed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.committee_change_record(
                unit=form.cleaned_data["unit"],
                decision_number=form.cleaned_data["decision_number"],
                signed_on=form.cleaned_data["signed_on"],
                appointments=form.appointments(),
                by=_by(request),
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Decision %(number)s is recorded.") % {"number": decision.number})
            return redirect("party:index")
    return render(request, "party/committee_form.html", {"form": form, "title": _("Committee change")})


@member_required
def review_create(request: HttpRequest) -> HttpResponse:
    require(access.can_record_reviews(request.user))
    today = timezone.localdate()
    form = ReviewForm(request.POST or None, units=_base_units(), initial={"year": today.year, "planned": True})
    if request.method == "POST" and form.is_valid():
        try:
            services.review_record(**form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The inspection or supervision is recorded."))
            return redirect("party:index")
    return _form_page(request, form, _("Inspection or supervision"))


@member_required
def review_list(request: HttpRequest) -> HttpResponse:
    """A year's inspections and supervisions; those planned and not yet done can be marked done."""
    require(access.can_record_reviews(request.user))
    year = _year_of(request, timezone.localdate().year)
    return render(request, "party/review_list.html", {"year": year, "reviews": selectors.review_list(year=year)})


@member_required
def review_done(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_record_reviews(request.user))
    review = get_object_or_404(Review.objects.filter(unit__kind__in=BASE_KINDS).select_related("unit"), pk=pk)
    form = ReviewDoneForm(request.POST or None, initial={"done_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.review_mark_done(review=review, today=timezone.localdate(), **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The inspection or supervision is marked done."))
            return redirect(f"{reverse('party:review_list')}?year={review.year}")
    title = _("Mark done: %(review)s") % {"review": review.subject}
    return _form_page(request, form, title, review=review)


@member_required
def discipline_create(request: HttpRequest) -> HttpResponse:
    require(access.can_record_reviews(request.user))
    form = DisciplineCaseForm(request.POST or None, units=_base_units(), initial={"signed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            case = services.discipline_record(**form.cleaned_data, by=_by(request))
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Decision %(number)s is recorded.") % {"number": case.decision.number})
            return redirect("party:index")
    return _form_page(request, form, _("Disciplinary decision"))
