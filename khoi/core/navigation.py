"""The main menu. Each app's AppConfig may declare `navigation`: a list of NavItem."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: Any  # a lazy translation
    url_name: str
    visible_to: Callable[[Any], bool] | None = None


def navigation_for(user: Any) -> list[dict[str, str]]:
    items = []
    for app_name in settings.KHOI_APPS:
        config = apps.get_app_config(app_name.rsplit(".", 1)[-1])
        for item in getattr(config, "navigation", []):
            if item.visible_to is not None and not item.visible_to(user):
                continue
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            items.append({"label": str(item.label), "url": url})
    return items
