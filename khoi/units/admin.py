from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Sector, Unit, UnitChange, UnitGroup, Zone


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """Read-only here: units change through the register pages, which keep their history."""

    list_display = ("code", "name", "kind", "ownership", "tax_code", "joined_on", "left_on")
    list_filter = ("kind", "ownership", "zone")
    search_fields = ("code", "name", "search_text", "tax_code")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


admin.site.register(Sector)
admin.site.register(Zone)
admin.site.register(UnitGroup)


@admin.register(UnitChange)
class UnitChangeAdmin(admin.ModelAdmin):
    """The register's audit history: read, never written or deleted by hand (the services write it)."""

    list_display = ("unit", "action", "changed_by", "changed_at")
    list_filter = ("action",)
    search_fields = ("unit__code", "unit__name")
    list_select_related = ("unit", "changed_by")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
