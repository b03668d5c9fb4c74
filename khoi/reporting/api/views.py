"""The reporting API: thin adapters over the same selectors and services as the pages, with
the same access rules (another unit's form → 404; a forbidden action → 403)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from khoi.accounts.permissions import require, signed_in_member
from khoi.units.scope import visible_units

from .. import selectors, services
from ..access import can_review, can_view_bloc, require_edit, require_review, submission_for
from ..models import Indicator, ReportingRound, Submission
from ..periods import Period
from . import serializers as s

PERIOD = OpenApiParameter(
    "period", OpenApiTypes.STR, required=True, description="2021-H1, 2021-Y, 2021-Q1, 2021-9M, 2021-03"
)
SCOPE_PARAMETERS = [
    PERIOD,
    OpenApiParameter("root", OpenApiTypes.INT, description="Subtree: a unit id"),
    OpenApiParameter("ownership", OpenApiTypes.STR),
    OpenApiParameter("sector", OpenApiTypes.STR, description="VSIC section letter or division code"),
    OpenApiParameter("zone", OpenApiTypes.INT),
    OpenApiParameter("group", OpenApiTypes.STR, description="Unit group code, e.g. ngan-hang"),
    OpenApiParameter("include_submitted", OpenApiTypes.BOOL, description="Count submitted, unapproved forms too"),
]


def _period(request: Request) -> Period:
    try:
        return Period.parse(request.query_params.get("period", ""))
    except ValueError as error:
        from django.core.exceptions import ValidationError

        raise ValidationError(
            {"period": _("Write the period as 2021-Q1, 2021-H1, 2021-9M, 2021-Y or 2021-03.")}
        ) from error


def _scope(request: Request) -> selectors.Scope:
    params = request.query_params
    root, zone = params.get("root", ""), params.get("zone", "")
    return selectors.Scope(
        root_unit_id=int(root) if root.isdigit() else None,
        ownership=params.get("ownership") or None,
        sector_code=params.get("sector") or None,
        zone_id=int(zone) if zone.isdigit() else None,
        group_code=params.get("group") or None,
    )


def _include_submitted(request: Request) -> bool:
    return request.query_params.get("include_submitted", "").lower() in ("1", "true", "on", "yes")


class OverviewView(APIView):
    """Every key figure of the bloc for a period, with the same period and growth."""

    @extend_schema(parameters=SCOPE_PARAMETERS, responses=s.FigureSerializer(many=True))
    def get(self, request: Request) -> Response:
        require(can_view_bloc(request.user))
        figures = selectors.bloc_overview(
            period=_period(request), scope=_scope(request), include_submitted=_include_submitted(request)
        )
        return Response(s.FigureSerializer(figures, many=True).data)


class FigureView(APIView):
    @extend_schema(parameters=SCOPE_PARAMETERS, responses=s.FigureSerializer)
    def get(self, request: Request, code: str) -> Response:
        require(can_view_bloc(request.user))
        try:
            figure = selectors.indicator_figure(
                code=code, period=_period(request), scope=_scope(request), include_submitted=_include_submitted(request)
            )
        except Indicator.DoesNotExist as error:
            raise Http404 from error
        return Response(s.FigureSerializer(figure).data)


class FigureUnitsView(APIView):
    """The units behind a figure (drill-down)."""

    @extend_schema(parameters=SCOPE_PARAMETERS, responses=s.UnitFigureSerializer(many=True))
    def get(self, request: Request, code: str) -> Response:
        require(can_view_bloc(request.user))
        try:
            rows = selectors.figure_drilldown(
                code=code, period=_period(request), scope=_scope(request), include_submitted=_include_submitted(request)
            )
        except Indicator.DoesNotExist as error:
            raise Http404 from error
        return Response(s.UnitFigureSerializer(rows, many=True).data)


class IndicatorListView(generics.ListAPIView):
    serializer_class = s.IndicatorSerializer
    pagination_class = None

    def get_queryset(self) -> Any:
        return selectors.indicator_list()


class RoundListView(APIView):
    @extend_schema(responses=s.RoundSerializer(many=True))
    def get(self, request: Request) -> Response:
        require(can_view_bloc(request.user))
        return Response(s.RoundSerializer(selectors.round_list(), many=True).data)


class RoundCompletenessView(APIView):
    @extend_schema(responses=s.CompletenessSerializer)
    def get(self, request: Request, pk: int) -> Response:
        require(can_view_bloc(request.user))
        reporting_round = get_object_or_404(ReportingRound, pk=pk)
        return Response(
            s.CompletenessSerializer(selectors.submission_completeness(reporting_round=reporting_round)).data
        )


class RoundBulkApproveView(APIView):
    @extend_schema(request=s.BulkApproveInputSerializer, responses=s.CountSerializer)
    def post(self, request: Request, pk: int) -> Response:
        require_review(request.user)
        reporting_round = get_object_or_404(ReportingRound, pk=pk)
        data = s.BulkApproveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ids = list(
            reporting_round.submissions.filter(pk__in=data.validated_data["submission_ids"]).values_list(
                "pk", flat=True
            )
        )
        count = services.submission_bulk_approve(submission_ids=ids, actor=signed_in_member(request))
        return Response({"count": count})


class TodoView(APIView):
    """The signed-in reporter's forms due (open rounds, not yet submitted)."""

    @extend_schema(responses=s.SubmissionSerializer(many=True))
    def get(self, request: Request) -> Response:
        submissions = selectors.submission_todo_list(units=visible_units(signed_in_member(request)))
        return Response(s.SubmissionSerializer([_with_values(x) for x in submissions], many=True).data)


def _with_values(submission: Submission) -> Submission:
    values = selectors.submission_value_map(submission=submission)
    submission.values_map = {services.field_name(code, period): str(value) for (code, period), value in values.items()}  # type: ignore[attr-defined]
    return submission


class SubmissionDetailView(APIView):
    @extend_schema(responses=s.SubmissionSerializer)
    def get(self, request: Request, pk: int) -> Response:
        submission = _with_values(submission_for(request.user, pk))
        data = s.SubmissionSerializer(submission).data
        return Response(data)


class SubmissionValuesView(APIView):
    """Save draft values (optimistic locking: send the version you read)."""

    @extend_schema(request=s.ValuesInputSerializer, responses=s.SubmissionSerializer)
    def put(self, request: Request, pk: int) -> Response:
        submission = submission_for(request.user, pk)
        require_edit(request.user, submission)
        data = s.ValuesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        saved = services.submission_save_values(
            submission=submission,
            actor=signed_in_member(request),
            values=data.validated_data["values"],
            expected_version=data.validated_data["version"],
            source="api",
        )
        return Response(s.SubmissionSerializer(_with_values(saved)).data)


class SubmissionSubmitView(APIView):
    @extend_schema(request=s.SubmitInputSerializer, responses=s.SubmissionSerializer)
    def post(self, request: Request, pk: int) -> Response:
        submission = submission_for(request.user, pk)
        require_edit(request.user, submission)
        data = s.SubmitInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        saved = services.submission_submit(
            submission=submission,
            actor=signed_in_member(request),
            explanations=data.validated_data.get("explanations") or {},
            expected_version=data.validated_data.get("version"),
        )
        return Response(s.SubmissionSerializer(_with_values(saved)).data)


class SubmissionApproveView(APIView):
    @extend_schema(request=None, responses=s.SubmissionSerializer)
    def post(self, request: Request, pk: int) -> Response:
        submission = submission_for(request.user, pk)
        require_review(request.user)
        saved = services.submission_approve(submission=submission, actor=signed_in_member(request))
        return Response(s.SubmissionSerializer(_with_values(saved)).data)


def _review_with_comment(request: Request, pk: int, action: Callable[..., Submission]) -> Response:
    """A reviewer's step that carries a comment (return, unlock): the same checks and answer."""
    submission = submission_for(request.user, pk)
    require_review(request.user)
    data = s.CommentInputSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    saved = action(submission=submission, actor=signed_in_member(request), comment=data.validated_data["comment"])
    return Response(s.SubmissionSerializer(_with_values(saved)).data)


class SubmissionReturnView(APIView):
    @extend_schema(request=s.CommentInputSerializer, responses=s.SubmissionSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return _review_with_comment(request, pk, services.submission_return)


class SubmissionUnlockView(APIView):
    @extend_schema(request=s.CommentInputSerializer, responses=s.SubmissionSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return _review_with_comment(request, pk, services.submission_unlock)


class SubmissionRemindView(APIView):
    @extend_schema(request=None, responses=s.CountSerializer)
    def post(self, request: Request, pk: int) -> Response:
        submission = submission_for(request.user, pk)
        require(can_review(request.user))
        count = services.submission_remind(submission=submission, actor=signed_in_member(request))
        return Response({"count": count})
