from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "get_full_name", "role", "department", "unit", "is_active")
    list_filter = ("role", "department", "is_active")
    raw_id_fields = ("unit",)
    fieldsets = (*(DjangoUserAdmin.fieldsets or ()), (_("Role and scope"), {"fields": ("role", "department", "unit")}))
