"""The Party-building API's writes: the same access rules and services as the pages.

Out of the user's scope (a person or organisation they may not see) answers 404; a write the role
may not make answers 403; a service's refusal answers 400 with its Vietnamese message, nothing
written."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from khoi.accounts.models import User
from khoi.accounts.permissions import is_member, require
from khoi.core.inputs import parse_id
from khoi.units.models import BASE_KINDS, Unit

from .. import access, services
from ..models import CourseBatch, GradingSubject, Review
from . import inputs as i


def _by(request: Any) -> User:
    """The signed-in member making the write (the views let no one else in)."""
    user = request.user
    assert is_member(user)
    return user


def _valid(serializer_class: type, data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _created(pk: int, detail: str, warnings: list[str] | None = None) -> Response:
    body: dict[str, Any] = {"id": pk, "detail": detail}
    if warnings:
        body["warnings"] = warnings
    return Response(body, status=status.HTTP_201_CREATED)


def _base_unit(pk: int) -> Unit:
    return get_object_or_404(Unit.objects.filter(kind__in=BASE_KINDS), pk=pk)


def person_create(request: Request) -> Response:
    units = access.record_units(request.user)
    require(units.exists())
    data = _valid(i.PersonInput, request.data)
    unit = get_object_or_404(units, pk=data.pop("unit"))
    require(access.can_add_person(request.user, unit))
    person = services.person_create(unit=unit, today=timezone.localdate(), **data)
    return _created(person.pk, _("%(name)s is recorded as a candidate.") % {"name": person.full_name})


class StepCreateView(APIView):
    @extend_schema(request=i.StepInputSerializer, responses={201: i.CreatedSerializer})
    def post(self, request: Request, pk: int) -> Response:
        person = get_object_or_404(access.visible_people(request.user), pk=pk)
        data = _valid(i.StepInputSerializer, request.data)
        require(access.can_record_step(request.user, person, data["step"]))
        course_id = data.pop("course")
        course = CourseBatch.objects.filter(pk=course_id).first() if course_id else None
        if course_id and course is None:
            raise ValidationError({"course": _("Choose the course batch.")})
        row = services.step_record(
            person=person,
            data=services.StepInput(course=course, introducers=tuple(data.pop("introducers")), **data),
            by=_by(request),
        )
        return _created(row.pk, _("“%(step)s” is recorded.") % {"step": row.get_step_display()})


class StepUndoView(APIView):
    @extend_schema(request=i.StepUndoInput, responses={200: i.CreatedSerializer})
    def post(self, request: Request, pk: int) -> Response:
        person = get_object_or_404(access.visible_people(request.user), pk=pk)
        data = _valid(i.StepUndoInput, request.data)
        require(access.can_record_step(request.user, person, data["step"]))
        log = services.step_undo(person=person, by=_by(request), **data)
        return Response({"id": log.pk, "detail": _("“%(step)s” is undone.") % {"step": log.get_step_display()}})


class OrganisationGradingView(APIView):
    @extend_schema(request=i.GradingInput, responses={201: i.CreatedSerializer})
    def post(self, request: Request) -> Response:
        require(access.can_grade_organisations(request.user))
        data = _valid(i.GradingInput, request.data)
        data.pop("unit", None)
        result = services.grading_record(
            subject=GradingSubject.ORGANISATIONS, grades=_grades(data.pop("grades")), by=_by(request), **data
        )
        return _created(result.decision.pk, result.decision.number, result.warnings)


class MemberGradingView(APIView):
    @extend_schema(request=i.GradingInput, responses={201: i.CreatedSerializer})
    def post(self, request: Request) -> Response:
        units = access.member_grading_units(request.user)
        require(units.exists())
        data = _valid(i.GradingInput, request.data)
        if "unit" not in data:
            raise ValidationError({"unit": _("Members are graded by their own organisation.")})
        unit = get_object_or_404(units, pk=data.pop("unit"))
        result = services.grading_record(
            subject=GradingSubject.MEMBERS, grades=_grades(data.pop("grades")), issuer=unit, by=_by(request), **data
        )
        return _created(result.decision.pk, result.decision.number, result.warnings)


def _grades(raw: dict[str, str]) -> dict[int, str]:
    grades = {}
    for key, grade in raw.items():
        pk = parse_id(str(key))
        if pk is None:
            raise ValidationError({"grades": _("Some of those graded are not in this organisation.")})
        grades[pk] = grade
    return grades


class CommitteeCreateView(APIView):
    @extend_schema(request=i.CommitteeInput, responses={201: i.CreatedSerializer})
    def post(self, request: Request) -> Response:
        require(access.can_record_committee(request.user))
        data = _valid(i.CommitteeInput, request.data)
        decision = services.committee_change_record(
            unit=_base_unit(data["unit"]),
            decision_number=data["decision_number"],
            signed_on=data["signed_on"],
            appointments=[(row["position"], row["name"]) for row in data["appointments"]],
            by=_by(request),
        )
        return _created(decision.pk, decision.number)


class ReviewCreateView(APIView):
    @extend_schema(request=i.ReviewInput, responses={201: i.CreatedSerializer})
    def post(self, request: Request) -> Response:
        require(access.can_record_reviews(request.user))
        data = _valid(i.ReviewInput, request.data)
        review = services.review_record(unit=_base_unit(data.pop("unit")), **data)
        return _created(review.pk, review.subject)


class CourseBatchCreateView(APIView):
    @extend_schema(request=i.CourseBatchInput, responses={201: i.CreatedSerializer})
    def post(self, request: Request) -> Response:
        require(access.can_record_courses(request.user))
        batch = services.course_batch_create(**_valid(i.CourseBatchInput, request.data))
        return _created(batch.pk, _("Course batch %(batch)s is recorded.") % {"batch": batch})


class ReviewDoneView(APIView):
    @extend_schema(request=i.ReviewDoneInput, responses={200: i.CreatedSerializer})
    def post(self, request: Request, pk: int) -> Response:
        require(access.can_record_reviews(request.user))
        review = get_object_or_404(Review.objects.filter(unit__kind__in=BASE_KINDS), pk=pk)
        data = _valid(i.ReviewDoneInput, request.data)
        review = services.review_mark_done(review=review, today=timezone.localdate(), **data)
        return Response({"id": review.pk, "detail": _("The inspection or supervision is marked done.")})


class DisciplineCreateView(APIView):
    @extend_schema(request=i.DisciplineInput, responses={201: i.CreatedSerializer})
    def post(self, request: Request) -> Response:
        require(access.can_record_reviews(request.user))
        data = _valid(i.DisciplineInput, request.data)
        case = services.discipline_record(unit=_base_unit(data.pop("unit")), by=_by(request), **data)
        return _created(case.pk, case.decision.number)
