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
admin.site.register(UnitChange)
