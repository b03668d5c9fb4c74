"""Admin for the wording and the document header; forms validate through the services' rules, so a
template naming a placeholder that does not exist is refused here too."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from . import services
from .models import CountCondition, DocumentSettings, IndicatorStyle, ProseTarget, ProseTemplate, ReportJob


class ProseTemplateForm(forms.ModelForm):
    class Meta:
        model = ProseTemplate
        fields = ["name", "period_kind", "section", "text", "is_active"]

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        try:
            services.prose_template_validate(text=text)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict.get("text", error.messages)) from None
        return str(text)


@admin.register(ProseTemplate)
class ProseTemplateAdmin(admin.ModelAdmin):
    form = ProseTemplateForm
    list_display = ["name", "period_kind", "is_active", "updated_at"]
    list_filter = ["period_kind", "is_active"]


class IndicatorStyleForm(forms.ModelForm):
    class Meta:
        model = IndicatorStyle
        fields = ["indicator_code", "unit_label", "decimals", "growth_decimals", "phrase"]

    def clean_phrase(self) -> str:
        phrase = self.cleaned_data["phrase"]
        try:
            services.indicator_style_validate(phrase=phrase)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict.get("phrase", error.messages)) from None
        return str(phrase)


@admin.register(IndicatorStyle)
class IndicatorStyleAdmin(admin.ModelAdmin):
    form = IndicatorStyleForm
    list_display = ["indicator_code", "unit_label", "decimals", "growth_decimals", "phrase"]


class CountConditionForm(forms.ModelForm):
    class Meta:
        model = CountCondition
        fields = ["code", "indicator_code", "operator", "threshold", "denominator", "phrase"]

    def clean_phrase(self) -> str:
        phrase = self.cleaned_data["phrase"]
        try:
            services.count_condition_validate(phrase=phrase)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict.get("phrase", error.messages)) from None
        return str(phrase)


@admin.register(CountCondition)
class CountConditionAdmin(admin.ModelAdmin):
    form = CountConditionForm
    list_display = ["code", "indicator_code", "operator", "threshold", "phrase"]


@admin.register(DocumentSettings)
class DocumentSettingsAdmin(admin.ModelAdmin):
    list_display = ["bloc", "issuing_body", "symbol", "signer_name"]


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ["created_at", "requested_by", "period_code", "format", "status", "progress"]
    list_filter = ["status", "format"]
    readonly_fields = ["requested_by", "period_code", "scope", "format", "status", "progress", "message", "filename"]
    exclude = ["content"]

    def has_add_permission(self, request: Any) -> bool:
        return False


@admin.register(ProseTarget)
class ProseTargetAdmin(admin.ModelAdmin):
    list_display = ["code", "indicator_code", "min_growth_percent", "source"]
