"""Read-only admin views for support; changes go through the pages and services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Contest, Question, Round, Topic


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Topic)
class TopicAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "position")


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ("id", "topic", "kind", "text", "correct", "is_active")
    list_filter = ("topic", "kind", "is_active")


@admin.register(Contest)
class ContestAdmin(ReadOnlyAdmin):
    list_display = ("title", "slug", "is_published")


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ("contest", "number", "opens_at", "closes_at", "time_limit_seconds")
