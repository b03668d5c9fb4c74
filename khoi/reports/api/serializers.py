"""Input and output shapes of the reports API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from khoi.core.inputs import CODE_MAX, IdField

from ..models import ReportFormat, ReportJob


class ScopeInputSerializer(serializers.Serializer):
    period = serializers.CharField(
        help_text="2021-Q1, 2021-H1, 2021-9M, 2021-Y or 2021-03", allow_blank=True, max_length=CODE_MAX
    )
    root_unit = IdField(required=False, allow_null=True, help_text="A unit id: its subtree.")
    ownership = serializers.CharField(required=False, allow_blank=True, max_length=CODE_MAX)
    sector = serializers.CharField(
        required=False, allow_blank=True, max_length=CODE_MAX, help_text="VSIC section or division code."
    )
    zone = IdField(required=False, allow_null=True)
    group = serializers.CharField(
        required=False, allow_blank=True, max_length=CODE_MAX, help_text="Unit group code, e.g. ngan-hang."
    )


class KeyRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    decimals = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)
    same_period_value = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)
    growth_percent = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)
    value_text = serializers.CharField()
    growth_text = serializers.CharField()
    units_reporting = serializers.IntegerField()
    units_expected = serializers.IntegerField()
    includes_unapproved = serializers.BooleanField()


class TableSerializer(serializers.Serializer):
    title = serializers.CharField()
    headers = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))


class BlocReportSerializer(serializers.Serializer):
    title = serializers.CharField()
    period_code = serializers.CharField()
    period_label = serializers.CharField()
    scope_label = serializers.CharField()
    bloc_name = serializers.CharField()
    units_expected = serializers.IntegerField()
    units_reporting = serializers.IntegerField()
    prose = serializers.ListField(child=serializers.CharField())
    key_rows = KeyRowSerializer(many=True)
    tables = TableSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())


class DocumentRequestSerializer(ScopeInputSerializer):
    format = serializers.ChoiceField(choices=ReportFormat.choices)
    number = serializers.CharField(required=False, allow_blank=True, max_length=20)


class ReportJobSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportJob
        fields = ["id", "period_code", "scope", "format", "status", "progress", "message", "filename", "download_url"]

    def get_download_url(self, job: ReportJob) -> str:
        from django.urls import reverse

        if job.status != ReportJob.Status.DONE:
            return ""
        return reverse("reports_api:document-file", kwargs={"job_id": job.pk})


class ArticleTextField(serializers.CharField):
    """Pasted text: a NUL byte is not refused in English by DRF, it becomes a replacement
    character the checker ignores (and counts, to recognise the content of a binary file)."""

    def to_internal_value(self, data: Any) -> str:
        if isinstance(data, str):
            data = data.replace("\x00", "\ufffd")
        return str(super().to_internal_value(data))


class CheckInputSerializer(ScopeInputSerializer):
    text = ArticleTextField(allow_blank=True, trim_whitespace=False)


class MarkSerializer(serializers.Serializer):
    text = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["confirmed", "wrong", "inconsistent", "not_checkable", "out_of_scope"])
    indicator = serializers.CharField()
    role = serializers.CharField()
    message = serializers.CharField()
    expected = serializers.CharField()
    data_source = serializers.CharField()
    link = serializers.CharField()
    recomputation = serializers.CharField()
    right_form = serializers.CharField(
        source="style", help_text="The figure as Vietnamese writes it, when written otherwise."
    )


class CheckResultSerializer(serializers.Serializer):
    period = serializers.CharField(help_text="The period compared with (the one the text names when none was given).")
    summary = serializers.DictField(child=serializers.IntegerField())
    has_problems = serializers.BooleanField()
    marks = MarkSerializer(many=True)
