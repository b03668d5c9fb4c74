"""The register API: thin adapters over selectors and services, the same permission layer as the pages.

Out-of-scope units answer 404 (a reporter sees only its own subtree); actions a role may not take
answer 403 (leadership reads only; only the Office and the Organisation Board manage the register).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from khoi.accounts.permissions import (
    CanManageRegister,
    can_manage_register,
    require,
)
from khoi.core.versioning import posted_version
from khoi.units.scope import (
    can_write_unit_data,
    require_unit_readable,
    visible_units,
)

from .. import register_excel, selectors, services
from ..models import Sector, Unit, UnitGroup
from . import serializers as s


class UnitFilterSerializer(s.serializers.Serializer[Any]):
    as_of = s.serializers.DateField(required=False, help_text="Only the units of the bloc on this date")
    kind = s.UnitKindField(required=False)
    ownership = s.serializers.ChoiceField(choices=s.Ownership.choices, required=False)
    sector = s.serializers.CharField(required=False, help_text="VSIC code; a section letter includes its divisions")
    zone = s.serializers.IntegerField(required=False, help_text="Zone id")
    group = s.serializers.CharField(required=False, help_text="Unit group code, e.g. ngan-hang")
    q = s.serializers.CharField(required=False, help_text="Accent-insensitive search: “nuoc sach” finds “Nước sạch”")
    root = s.serializers.IntegerField(required=False, help_text="Only this unit's subtree (root included)")  # type: ignore[assignment]


def _readable(request: Request, pk: int) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("parent", "sector", "zone"), pk=pk)
    require_unit_readable(request.user, unit)
    return unit


def _unit_response(unit: Unit, code: int = status.HTTP_200_OK) -> Response:
    fresh = selectors.unit_list_for_api(queryset=Unit.objects.filter(pk=unit.pk)).get()
    return Response(s.UnitSerializer(fresh).data, status=code)


def _profile_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name in services.EDITABLE_FIELDS}


class UnitListView(generics.ListAPIView[Unit]):
    """The units the caller may see, filtered; POST adds a unit (register managers)."""

    serializer_class = s.UnitSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Unit]:
        params = UnitFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        filters = dict(params.validated_data)
        root = _readable(self.request, filters.pop("root")) if "root" in filters else None
        units = selectors.unit_filter(
            queryset=visible_units(self.request.user),
            as_of=filters.get("as_of"),
            kind=filters.get("kind"),
            ownership=filters.get("ownership"),
            sector=filters.get("sector"),
            zone=filters.get("zone"),
            group=filters.get("group"),
            query=filters.get("q"),
            root=root,
        )
        return selectors.unit_list_for_api(queryset=units, with_groups=False)

    @extend_schema(parameters=[UnitFilterSerializer])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset()) or []
        group_codes = selectors.unit_group_codes(unit_ids=[unit.pk for unit in page])
        context = {**self.get_serializer_context(), "group_codes": group_codes}
        return self.get_paginated_response(s.UnitSerializer(page, many=True, context=context).data)

    @extend_schema(request=s.UnitCreateInputSerializer, responses={201: s.UnitSerializer})
    def post(self, request: Request) -> Response:
        require(can_manage_register(request.user))
        data = s.UnitCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        parent = _readable(request, data.validated_data["parent"])
        unit = services.unit_create(
            actor=request.user,  # type: ignore[arg-type]
            parent=parent,
            joined_on=data.validated_data["joined_on"],
            fields=_profile_fields(data.validated_data),
        )
        return _unit_response(unit, status.HTTP_201_CREATED)


class UnitDetailView(APIView):
    @extend_schema(responses=s.UnitSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return _unit_response(_readable(request, pk))

    @extend_schema(request=s.UnitProfileInputSerializer, responses=s.UnitSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        """Register managers change any profile field; a unit's reporter only
        short name, enterprise, tax code, ownership, sector, zone, address, province and capital."""
        unit = _readable(request, pk)
        data = s.UnitProfileInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = _profile_fields(data.validated_data)
        if not can_manage_register(request.user):
            require(can_write_unit_data(request.user, unit))
            forbidden = sorted(set(fields) - set(services.REPORTER_EDITABLE_FIELDS))
            require(
                not forbidden,
                _("Only the bloc committee may change these fields: %(fields)s.") % {"fields": ", ".join(forbidden)},
            )
        services.unit_update(
            unit=unit,
            actor=request.user,  # type: ignore[arg-type]
            fields=fields,
            expected_version=posted_version(request),
        )
        return _unit_response(unit)


class UnitMoveView(APIView):
    @extend_schema(request=s.UnitMoveInputSerializer, responses=s.UnitSerializer)
    def post(self, request: Request, pk: int) -> Response:
        unit = _readable(request, pk)
        require(can_manage_register(request.user))
        data = s.UnitMoveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        parent = _readable(request, data.validated_data["parent"])
        services.unit_move(unit=unit, new_parent=parent, actor=request.user)  # type: ignore[arg-type]
        return _unit_response(unit)


class UnitCloseView(APIView):
    @extend_schema(request=s.UnitCloseInputSerializer, responses=s.UnitSerializer)
    def post(self, request: Request, pk: int) -> Response:
        unit = _readable(request, pk)
        require(can_manage_register(request.user))
        data = s.UnitCloseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.unit_close(unit=unit, left_on=data.validated_data["left_on"], actor=request.user)  # type: ignore[arg-type]
        return _unit_response(unit)


class UnitReopenView(APIView):
    @extend_schema(request=None, responses=s.UnitSerializer)
    def post(self, request: Request, pk: int) -> Response:
        unit = _readable(request, pk)
        require(can_manage_register(request.user))
        services.unit_reopen(unit=unit, actor=request.user)  # type: ignore[arg-type]
        return _unit_response(unit)


class UnitHistoryView(APIView):
    @extend_schema(responses=s.UnitChangeSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        unit = _readable(request, pk)
        return Response(s.UnitChangeSerializer(selectors.unit_history(unit=unit), many=True).data)


class GroupListView(generics.ListAPIView[UnitGroup]):
    """Unit groups with the number of their members the caller may see."""

    serializer_class = s.UnitGroupSerializer
    filter_backends: list[Any] = []
    pagination_class = None

    def get_queryset(self) -> QuerySet[UnitGroup]:
        return selectors.unit_group_list_with_counts(visible=visible_units(self.request.user))


class GroupDetailView(APIView):
    @extend_schema(responses=s.UnitGroupDetailSerializer)
    def get(self, request: Request, code: str) -> Response:
        group = get_object_or_404(UnitGroup, code=code)
        members = selectors.unit_group_detail_members(group=group, queryset=visible_units(request.user))
        payload = {"code": group.code, "name": group.name, "description": group.description, "members": members}
        return Response(s.UnitGroupDetailSerializer(payload).data)


class ZoneListView(generics.ListAPIView[Any]):
    serializer_class = s.ZoneSerializer
    filter_backends: list[Any] = []
    pagination_class = None

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.zone_list()


class SectorListView(generics.ListAPIView[Sector]):
    """VSIC 2018 sections (level 1) and divisions (level 2)."""

    serializer_class = s.SectorSerializer
    filter_backends: list[Any] = []
    pagination_class = None

    def get_queryset(self) -> QuerySet[Sector]:
        return selectors.sector_list()


def _preview_payload(result: register_excel.CheckResult) -> dict[str, Any]:
    return {
        "valid": result.is_valid,
        "row_count": len(result.rows),
        "errors": [
            {"row": e.row, "column": e.column, "column_label": e.column_label, "message": e.message}
            for e in result.errors
        ],
        "rows": [
            {
                "row": row.row,
                "code": row.code,
                "name": row.name,
                "kind": row.kind,
                "parent_code": row.parent_code,
                "tax_code": row.tax_code or row.raw.get("tax_code", ""),
                "joined_on": row.joined_on,
                "left_on": row.left_on,
            }
            for row in result.rows
        ],
    }


class ImportValidateView(APIView):
    """Check a register workbook and return the preview with every row's errors. Writes nothing."""

    permission_classes = [CanManageRegister]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request={"multipart/form-data": s.ImportUploadSerializer}, responses=s.ImportPreviewSerializer)
    def post(self, request: Request) -> Response:
        data = s.ImportUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = register_excel.check_workbook(data.validated_data["file"].read(), selectors.register_import_context())
        return Response(s.ImportPreviewSerializer(_preview_payload(result)).data)


class ImportCommitView(APIView):
    """Import a register workbook: checked again, then every row or none (400 with the row errors)."""

    permission_classes = [CanManageRegister]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": s.ImportUploadSerializer},
        responses={201: s.ImportResultSerializer, 400: s.ImportPreviewSerializer},
    )
    def post(self, request: Request) -> Response:
        data = s.ImportUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        content = data.validated_data["file"].read()
        result = register_excel.check_workbook(content, selectors.register_import_context())
        if not result.is_valid:
            return Response(s.ImportPreviewSerializer(_preview_payload(result)).data, status=400)
        created = services.unit_import(content=content, actor=request.user)  # type: ignore[arg-type]
        return Response(
            s.ImportResultSerializer({"created": len(created), "codes": [u.code for u in created]}).data,
            status=status.HTTP_201_CREATED,
        )
