"""The main menu and the home page. Each app's AppConfig may declare:

- `navigation`: a list of NavItem. The header shows one entry per app (its first item the user
  may open, under the app's name); the home page lists every item, grouped by app.
- `home_panels`: a list of HomePanel, fragments the home page loads with htmx (a reporter's forms
  due, suggestions from the marketplace). Core stays ignorant of the other apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: Any  # a lazy translation
    url_name: str
    visible_to: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class HomePanel:
    url_name: str  # a view that returns an HTML fragment
    visible_to: Callable[[Any], bool] | None = None


@dataclass
class NavGroup:
    label: str
    url: str
    items: list[dict[str, str]] = field(default_factory=list)


def _khoi_app_configs() -> list[AppConfig]:
    """Our installed apps, in the order of settings.KHOI_APPS (one left out of INSTALLED_APPS is skipped)."""
    return [apps.get_app_config(name.rsplit(".", 1)[-1]) for name in settings.KHOI_APPS if apps.is_installed(name)]


def navigation_for(user: Any) -> list[NavGroup]:
    groups = []
    for config in _khoi_app_configs():
        items = []
        for item in getattr(config, "navigation", []):
            if item.visible_to is not None and not item.visible_to(user):
                continue
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            items.append({"label": str(item.label), "url": url})
        if items:
            groups.append(NavGroup(label=str(config.verbose_name), url=items[0]["url"], items=items))
    return groups


def home_panels_for(user: Any) -> list[str]:
    """The URLs of the home-page fragments this user should see."""
    urls = []
    for config in _khoi_app_configs():
        for panel in getattr(config, "home_panels", []):
            if panel.visible_to is None or panel.visible_to(user):
                urls.append(reverse(panel.url_name))
    return urls
