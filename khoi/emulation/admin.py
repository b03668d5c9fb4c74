"""Admin: the catalogue of forms, rules, issuers and campaigns is data the committee keeps here.

Records (awards), decisions and scores are written through the services and the pages, so they
are read-only here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    Award,
    Campaign,
    CommendationForm,
    CommendationRule,
    Decision,
    EmulationBloc,
    Issuer,
    LegalBasis,
    Organisation,
)


class CommendationRuleInline(admin.StackedInline):
    model = CommendationRule
    fk_name = "form"
    extra = 0


@admin.register(CommendationForm)
class CommendationFormAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "issuer", "recipients", "level"]
    list_filter = ["issuer", "recipients"]
    inlines = [CommendationRuleInline]


@admin.register(Issuer)
class IssuerAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "is_own", "symbol"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name"]
    search_fields = ["name"]


@admin.register(EmulationBloc)
class EmulationBlocAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "tie_break"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "issuer", "signed_on", "form", "year"]
    list_filter = ["issuer", "year"]


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ["recipient_name", "form", "year", "decision"]
    list_filter = ["year", "form"]
    search_fields = ["recipient_name"]


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ["citation", "valid_from", "valid_to", "order"]
