"""The reports API: report data, document generation and the article checker. Same rules as the
pages: members who read the whole bloc; a job of someone else answers 404."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from khoi.accounts.permissions import reads_all, require
from khoi.core.downloads import file_response
from khoi.reporting import selectors as reporting
from khoi.reporting.periods import Period

from .. import figure_source, inputs, report_build, report_files, selectors, services
from ..checker import CheckerInputError, summary, text_period, too_long
from . import serializers as s

SCOPE_PARAMETERS = [
    OpenApiParameter("period", OpenApiTypes.STR, required=True, description="2021-H1, 2021-Y, 2021-Q1 …"),
    OpenApiParameter("root_unit", OpenApiTypes.INT, description="A unit id: its subtree."),
    OpenApiParameter("ownership", OpenApiTypes.STR),
    OpenApiParameter("sector", OpenApiTypes.STR),
    OpenApiParameter("zone", OpenApiTypes.INT),
    OpenApiParameter("group", OpenApiTypes.STR),
]


def _period_scope(params: Any) -> tuple[Period, reporting.Scope]:
    params = {key: params.get(key) for key in ("period", "ownership", "sector", "zone", "group")} | {
        "root": params.get("root_unit")
    }
    errors: dict[str, list[str]] = {}
    period = scope = None
    try:
        period = inputs.period_from_code(params.get("period"))
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        scope = inputs.scope_from_params(params)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors or period is None or scope is None:
        raise ValidationError(errors)
    return period, scope


class BlocReportView(APIView):
    """The bloc's report for a period and scope: key figures, prose and tables."""

    @extend_schema(parameters=SCOPE_PARAMETERS, responses=s.BlocReportSerializer)
    def get(self, request: Request) -> Response:
        require(reads_all(request.user))
        period, scope = _period_scope(request.query_params)
        report = report_build.bloc_report(period=period, scope=scope, with_unit_table=False)
        data = dataclasses.asdict(report)
        data["key_rows"] = [
            {**dataclasses.asdict(row), "value_text": row.value_text, "growth_text": row.growth_text}
            for row in report.key_rows
        ]
        return Response(s.BlocReportSerializer(data).data)


class DocumentCreateView(APIView):
    """Generate the report as a document (docx, xlsx, pdf, txt) in the background."""

    @extend_schema(request=s.DocumentRequestSerializer, responses={202: s.ReportJobSerializer})
    def post(self, request: Request) -> Response:
        require(reads_all(request.user))
        serializer = s.DocumentRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        period, scope = _period_scope(serializer.validated_data)
        job = services.report_job_start(
            requested_by=request.user,  # type: ignore[arg-type]
            period_code=str(period),
            scope=inputs.scope_params(scope),
            format=serializer.validated_data["format"],
            number=serializer.validated_data.get("number", ""),
        )
        job.refresh_from_db()
        return Response(s.ReportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


def _job(request: Request, job_id: Any) -> Any:
    require(reads_all(request.user))
    job = selectors.report_job_get(job_id=job_id, user=request.user)
    if job is None:
        raise Http404(_("No such document."))
    return job


class DocumentDetailView(APIView):
    """A generation job: its status and progress (poll until `done`)."""

    @extend_schema(responses=s.ReportJobSerializer)
    def get(self, request: Request, job_id: Any) -> Response:
        return Response(s.ReportJobSerializer(_job(request, job_id)).data)


class DocumentFileView(APIView):
    """The generated file."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request: Request, job_id: Any) -> HttpResponse:
        job = _job(request, job_id)
        if job.status != job.Status.DONE or job.content is None:
            raise Http404(_("The document is not ready."))
        return file_response(bytes(job.content), job.filename, content_type=report_files.CONTENT_TYPES[job.format])


class CheckView(APIView):
    """Check every figure of a draft article against the approved data and its own arithmetic.
    Without a period, the figures are compared with the period the text names."""

    @extend_schema(request=s.CheckInputSerializer, responses=s.CheckResultSerializer)
    def post(self, request: Request) -> Response:
        require(reads_all(request.user))
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise ValidationError({"text": [too_long(length)]})  # too big to read: say so rather than fail
        serializer = s.CheckInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        params = dict(serializer.validated_data)
        if not str(params.get("period") or "").strip():  # the period the text names
            named = text_period(params["text"], timezone.localdate().year)
            params["period"] = str(named) if named is not None else ""
        period, scope = _period_scope(params)
        try:
            result = figure_source.article_check(text=params["text"], period=period, scope=scope)
        except CheckerInputError as error:
            raise ValidationError({"text": [str(error)]}) from None
        data = {
            "period": str(period),
            "summary": summary(result),
            "has_problems": result.has_problems,
            "marks": [mark.as_dict() for mark in result.marks],
        }
        return Response(s.CheckResultSerializer(data).data)
