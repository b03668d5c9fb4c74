from django.contrib import admin

from .models import CourseBatch, DeadlineRule, Decision, GradingRule


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ("kind", "amount", "unit", "legal_basis", "valid_from", "valid_until", "binding")


@admin.register(GradingRule)
class GradingRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "legal_basis", "first_year", "last_year", "excellent_cap_percent", "binding")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("number", "kind", "signed_on", "unit")
    list_filter = ("kind",)
    readonly_fields = ("number_key", "year", "recorded_by", "recorded_at")


@admin.register(CourseBatch)
class CourseBatchAdmin(admin.ModelAdmin):
    list_display = ("kind", "year", "number", "starts_on", "ends_on")
