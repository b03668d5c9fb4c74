"""The Party-building API: the same scoping as the pages (khoi.party.access.visible_people)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from khoi.reporting.periods import Period
from khoi.reporting.selectors import Scope, scope_units

from .. import access, selectors, services
from . import inputs, write
from . import serializers as s


class PersonListView(generics.ListAPIView):
    serializer_class = s.PartyPersonSerializer

    def get_queryset(self) -> Any:
        return access.visible_people(self.request.user).order_by("unit_id", "name_key")

    @extend_schema(request=inputs.PersonInput, responses={201: inputs.CreatedSerializer})
    def post(self, request: Request) -> Response:
        """A new candidate (the Organisation Board; a secretary for their own organisation)."""
        return write.person_create(request)


class PersonDetailView(APIView):
    @extend_schema(responses=s.PartyPersonDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        person = get_object_or_404(access.visible_people(request.user), pk=pk)
        services.person_read_log(user=request.user, person=person, via="api")  # type: ignore[arg-type]
        data = s.PartyPersonDetailSerializer(person).data
        data["steps"] = s.StepSerializer(selectors.person_steps(person=person), many=True).data
        return Response(data)


class DueListView(APIView):
    @extend_schema(responses=s.DueRowSerializer(many=True))
    def get(self, request: Request) -> Response:
        units = access.record_units(request.user)
        if not units.exists():
            raise PermissionDenied
        rows = selectors.due_for_conversion(units=units, on=timezone.localdate())
        return Response(s.DueRowSerializer(rows, many=True).data)


class FiguresView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("period", OpenApiTypes.STR, description="2021-H1, 2021-Y …")],
        responses=s.FiguresSerializer,
    )
    def get(self, request: Request) -> Response:
        if not access.sees_counts(request.user):
            raise PermissionDenied
        try:
            period = Period.parse(request.query_params.get("period", ""))
        except ValueError:
            return Response({"period": ["Kỳ không hợp lệ, ví dụ 2021-H1."]}, status=400)
        units = scope_units(scope=Scope(), period=period)
        figures = selectors.party_figures(
            start=period.start, end=period.end, unit_ids=list(units.values_list("id", flat=True))
        )
        data = {**figures.__dict__, "period": str(period)}
        return Response(s.FiguresSerializer(data).data)
