"""Input and output shapes of the reporting API (figures are strings of exact decimals)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from khoi.core.clean_input import MULTILINE
from khoi.core.inputs import TEXT_MAX, BoundedIntegerField, id_list_field

from .. import figure_text
from ..figure_types import Figure
from ..models import Indicator


class FigureSerializer(serializers.Serializer):
    indicator_code = serializers.CharField()
    indicator_name = serializers.CharField()
    unit_label = serializers.CharField()
    decimals = serializers.IntegerField()
    period = serializers.SerializerMethodField()
    period_label = serializers.SerializerMethodField()
    value = serializers.DecimalField(max_digits=30, decimal_places=6, allow_null=True)
    same_period_value = serializers.DecimalField(max_digits=30, decimal_places=6, allow_null=True)
    growth_percent = serializers.DecimalField(max_digits=30, decimal_places=6, allow_null=True)
    value_text = serializers.SerializerMethodField()
    change_text = serializers.SerializerMethodField()
    units_reporting = serializers.IntegerField()
    units_expected = serializers.IntegerField()
    includes_unapproved = serializers.BooleanField()
    time_aggregation = serializers.CharField()
    unit_aggregation = serializers.CharField()
    definition = serializers.CharField()
    extra = serializers.SerializerMethodField()

    def get_period(self, obj: Any) -> str:
        return str(obj.period)

    def get_period_label(self, obj: Any) -> str:
        return str(obj.period.label)

    def get_value_text(self, obj: Figure) -> str:
        return figure_text.value_text(obj)

    def get_change_text(self, obj: Figure) -> str:
        return figure_text.change_text(obj)

    def get_extra(self, obj: Figure) -> dict[str, Any]:
        # The figure's own fields by kind (plan, ratio, count, register), as the API always gave them.
        return _jsonable(obj.details())


def _jsonable(value: Any) -> Any:
    from decimal import Decimal

    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    return value


class UnitFigureSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField()
    unit_code = serializers.CharField()
    unit_name = serializers.CharField()
    value = serializers.DecimalField(max_digits=30, decimal_places=6, allow_null=True)
    same_period_value = serializers.DecimalField(max_digits=30, decimal_places=6, allow_null=True)
    growth_percent = serializers.DecimalField(max_digits=30, decimal_places=6, allow_null=True)
    plan_value = serializers.DecimalField(max_digits=30, decimal_places=4, allow_null=True)
    plan_completion_percent = serializers.DecimalField(max_digits=30, decimal_places=6, allow_null=True)


class IndicatorSerializer(serializers.ModelSerializer):
    groups: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code"
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "name_en",
            "unit_label",
            "value_type",
            "decimals",
            "time_aggregation",
            "unit_aggregation",
            "groups",
            "has_plan",
            "is_key",
            "definition",
        ]


class RoundSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    form = serializers.CharField(source="form.name")
    period_code = serializers.CharField()
    deadline = serializers.DateField()
    status = serializers.CharField()
    submission_count = serializers.IntegerField()
    submitted_count = serializers.IntegerField()
    approved_count = serializers.IntegerField()


class CompletenessRowSerializer(serializers.Serializer):
    submission_id = serializers.IntegerField()
    unit_id = serializers.IntegerField()
    unit_code = serializers.CharField()
    unit_name = serializers.CharField()
    status = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    timeliness = serializers.ChoiceField(choices=["on_time", "late", "not_submitted"])


class CompletenessSerializer(serializers.Serializer):
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    not_submitted = serializers.IntegerField()
    approved = serializers.IntegerField()
    rows = CompletenessRowSerializer(many=True)


class SubmissionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    unit_code = serializers.CharField(source="unit.code")
    period_code = serializers.CharField(source="reporting_round.period_code")
    form = serializers.CharField(source="reporting_round.form.name")
    deadline = serializers.DateField(source="reporting_round.deadline")
    status = serializers.CharField()
    version = serializers.IntegerField()
    return_comment = serializers.CharField()
    values = serializers.DictField(source="values_map", child=serializers.CharField(), help_text="{field name: value}")


class ValuesInputSerializer(serializers.Serializer):
    version = BoundedIntegerField(min_value=0, help_text="The version read; a stale version is refused (409-like 400).")
    values = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=100), help_text='{"v-revenue-2021-H1": "14167"}'
    )


class SubmitInputSerializer(serializers.Serializer):
    version = BoundedIntegerField(min_value=0, required=False)
    explanations = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=TEXT_MAX), required=False
    )


class CommentInputSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=TEXT_MAX, style=MULTILINE)


class BulkApproveInputSerializer(serializers.Serializer):
    submission_ids = id_list_field(allow_empty=False)


class CountSerializer(serializers.Serializer):
    count = serializers.IntegerField()
