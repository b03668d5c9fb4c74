"""Admin: the catalogue (indicators, forms, rules) is data staff may edit; values and their
history are read-only here — they change only through the services (audit, workflow)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from .models import (
    FormIndicator,
    Indicator,
    IndicatorValue,
    Plan,
    ReportForm,
    ReportingRound,
    ValidationRule,
    ValueAudit,
)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit_label", "time_aggregation", "unit_aggregation", "is_key", "order"]
    list_filter = ["time_aggregation", "unit_aggregation", "is_key"]
    search_fields = ["code", "name", "name_en"]
    filter_horizontal = ["groups"]


class FormIndicatorInline(admin.TabularInline):
    model = FormIndicator
    extra = 0


@admin.register(ReportForm)
class ReportFormAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "frequency"]
    inlines = [FormIndicatorInline]


@admin.register(ReportingRound)
class ReportingRoundAdmin(admin.ModelAdmin):
    list_display = ["form", "period_code", "deadline", "status"]
    list_filter = ["status", "form"]


@admin.register(ValidationRule)
class ValidationRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "expression", "severity", "active"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdmin):
    list_display = ["unit", "indicator", "period_code", "value"]
    list_filter = ["period_code", "indicator"]


@admin.register(ValueAudit)
class ValueAuditAdmin(ReadOnlyAdmin):
    list_display = ["changed_at", "changed_by", "unit", "indicator", "period_code", "old_value", "new_value"]


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["unit", "indicator", "year", "value"]
    list_filter = ["year"]
