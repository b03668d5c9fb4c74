"""Input and output shapes of the register API. No rules here: the services check them."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from khoi.core.inputs import TAX_CODE_INPUT_MAX, IdField, model_max_length, version_field
from khoi.core.workbook_read import WorkbookReadError, check_upload_size

from ..models import Ownership, Sector, Unit, UnitGroup, UnitKind, Zone


@extend_schema_field({"type": "string", "pattern": "^(" + "|".join(UnitKind.values) + ")$"})
class UnitKindField(serializers.ChoiceField):
    """A unit kind, described inline (other apps' `kind` enums would collide by name)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=UnitKind.choices, **kwargs)


class UnitListSerializer(serializers.ListSerializer[Unit]):
    """Many units at once (an API page of up to 1,000): the same output as `UnitSerializer` for
    each, built straight from the units' attributes. DRF's per-field machinery (an attribute
    lookup, a to_representation and a display method per field and row) was most of a 1,000-row
    page's time; the labels are translated once per page, not once per row. A test keeps the two
    outputs identical."""

    def to_representation(self, data: Any) -> list[dict[str, Any]]:
        units = data.all() if hasattr(data, "all") else data
        fields = self.child.fields  # type: ignore[union-attr]
        capital, joined, left = fields["registered_capital"], fields["joined_on"], fields["left_on"]
        kind_labels = {value: str(label) for value, label in UnitKind.choices}
        ownership_labels = {value: str(label) for value, label in Ownership.choices}
        # {unit id: group codes} from the view (selectors.unit_group_codes), else the prefetch.
        group_codes: dict[int, list[str]] | None = self.context.get("group_codes")
        rows = []
        for unit in units:
            parent, sector, zone = unit.parent, unit.sector, unit.zone
            rows.append(
                {
                    "id": unit.pk,
                    "code": unit.code,
                    "name": unit.name,
                    "short_name": unit.short_name,
                    "kind": unit.kind,
                    "kind_label": kind_labels.get(unit.kind, unit.kind),
                    "parent": unit.parent_id,
                    "parent_code": parent.code if parent else None,
                    "depth": unit.depth,
                    "enterprise_name": unit.enterprise_name,
                    "tax_code": unit.tax_code,
                    "ownership": unit.ownership,
                    "ownership_label": ownership_labels.get(unit.ownership, unit.ownership),
                    "sector": sector.code if sector else None,
                    "zone": unit.zone_id,
                    "zone_name": zone.name if zone else None,
                    "address": unit.address,
                    "province": unit.province,
                    "registered_capital": None
                    if unit.registered_capital is None
                    else capital.to_representation(unit.registered_capital),
                    "joined_on": None if unit.joined_on is None else joined.to_representation(unit.joined_on),
                    "left_on": None if unit.left_on is None else left.to_representation(unit.left_on),
                    "groups": group_codes.get(unit.pk, [])
                    if group_codes is not None
                    else [group.code for group in unit.groups.all()],
                    "version": unit.version,
                }
            )
        return rows


class UnitSerializer(serializers.ModelSerializer[Unit]):
    kind = UnitKindField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    ownership_label = serializers.CharField(source="get_ownership_display", read_only=True)
    parent_code = serializers.SerializerMethodField()
    sector = serializers.SerializerMethodField()
    zone_name = serializers.SerializerMethodField()
    groups = serializers.SerializerMethodField()

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "kind_label",
            "parent",
            "parent_code",
            "depth",
            "enterprise_name",
            "tax_code",
            "ownership",
            "ownership_label",
            "sector",
            "zone",
            "zone_name",
            "address",
            "province",
            "registered_capital",
            "joined_on",
            "left_on",
            "groups",
            "version",
        ]
        read_only_fields = fields
        list_serializer_class = UnitListSerializer

    def get_parent_code(self, unit: Unit) -> str | None:
        return unit.parent.code if unit.parent else None

    def get_sector(self, unit: Unit) -> str | None:
        return unit.sector.code if unit.sector else None

    def get_zone_name(self, unit: Unit) -> str | None:
        return unit.zone.name if unit.zone else None

    def get_groups(self, unit: Unit) -> list[str]:
        return [group.code for group in unit.groups.all()]


class UnitProfileInputSerializer(serializers.Serializer[Any]):
    """The profile fields; on update every field is optional."""

    code = serializers.CharField(max_length=model_max_length(Unit, "code"))
    name = serializers.CharField(max_length=model_max_length(Unit, "name"))
    short_name = serializers.CharField(
        max_length=model_max_length(Unit, "short_name"), required=False, allow_blank=True
    )
    kind = UnitKindField()
    enterprise_name = serializers.CharField(
        max_length=model_max_length(Unit, "enterprise_name"), required=False, allow_blank=True
    )
    tax_code = serializers.CharField(max_length=TAX_CODE_INPUT_MAX, required=False, allow_blank=True)
    ownership = serializers.ChoiceField(choices=Ownership.choices, required=False)
    sector = serializers.SlugRelatedField(
        slug_field="code", queryset=Sector.objects.all(), required=False, allow_null=True
    )
    zone = serializers.PrimaryKeyRelatedField(queryset=Zone.objects.all(), required=False, allow_null=True)
    address = serializers.CharField(max_length=model_max_length(Unit, "address"), required=False, allow_blank=True)
    province = serializers.CharField(max_length=model_max_length(Unit, "province"), required=False, allow_blank=True)
    registered_capital = serializers.DecimalField(
        max_digits=18, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    version = version_field()


class UnitCreateInputSerializer(UnitProfileInputSerializer):
    parent = IdField(help_text="id of the parent unit")  # type: ignore[assignment]
    joined_on = serializers.DateField()


class UnitMoveInputSerializer(serializers.Serializer[Any]):
    parent = IdField(help_text="id of the new parent unit")  # type: ignore[assignment]


class UnitCloseInputSerializer(serializers.Serializer[Any]):
    left_on = serializers.DateField()


class UnitChangeSerializer(serializers.Serializer[Any]):
    action = serializers.CharField(source="change.action")
    action_label = serializers.CharField(source="change.get_action_display")
    changed_at = serializers.DateTimeField(source="change.changed_at")
    changed_by = serializers.CharField(source="change.changed_by.username", default=None)
    changes = serializers.SerializerMethodField()

    def get_changes(self, entry: Any) -> list[dict[str, str]]:
        return [{"field": line.field, "label": line.label, "old": line.old, "new": line.new} for line in entry.lines]


class UnitGroupSerializer(serializers.ModelSerializer[UnitGroup]):
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = UnitGroup
        fields = ["code", "name", "description", "member_count"]


class UnitBriefSerializer(serializers.ModelSerializer[Unit]):
    kind = UnitKindField(read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "kind", "left_on"]


class UnitGroupDetailSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    members = UnitBriefSerializer(many=True)


class ZoneSerializer(serializers.ModelSerializer[Zone]):
    kind = serializers.CharField(read_only=True, help_text="industrial_park or economic_zone")
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Zone
        fields = ["id", "name", "kind", "kind_label", "province"]


class SectorSerializer(serializers.ModelSerializer[Sector]):
    section = serializers.SerializerMethodField()

    class Meta:
        model = Sector
        fields = ["code", "name", "level", "section"]

    def get_section(self, sector: Sector) -> str | None:
        return sector.parent.code if sector.parent else None


class ImportUploadSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(help_text="The register workbook (.xlsx), at most KHOI_UPLOAD_MAX_BYTES")

    def validate_file(self, upload: Any) -> Any:
        try:
            check_upload_size(upload)
        except WorkbookReadError as error:
            raise serializers.ValidationError(error.message) from None
        return upload


class ImportRowErrorSerializer(serializers.Serializer[Any]):
    row = serializers.IntegerField(help_text="Excel row number; 0 for the file as a whole")
    column = serializers.CharField()
    column_label = serializers.CharField()
    message = serializers.CharField()


class ImportPreviewRowSerializer(serializers.Serializer[Any]):
    row = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    parent_code = serializers.CharField()
    tax_code = serializers.CharField()
    joined_on = serializers.DateField(allow_null=True)
    left_on = serializers.DateField(allow_null=True)


class ImportPreviewSerializer(serializers.Serializer[Any]):
    valid = serializers.BooleanField()
    row_count = serializers.IntegerField()
    errors = ImportRowErrorSerializer(many=True)  # type: ignore[assignment]
    rows = ImportPreviewRowSerializer(many=True)


class ImportResultSerializer(serializers.Serializer[Any]):
    created = serializers.IntegerField()
    codes = serializers.ListField(child=serializers.CharField())
