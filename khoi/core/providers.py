"""Reads one app offers the others, asked for by name (as navigation asks for menus).

An app declares what it offers on its AppConfig, a name and the dotted path of a function:

    class EmulationConfig(AppConfig):
        provides = {"emulation.commendation_counts": "khoi.emulation.selectors.commendation_counts"}

and a consumer asks `provider("emulation.commendation_counts")`: the function, or None when no
installed app offers it (the app was left out of INSTALLED_APPS), so the consumer leaves that part
out. Neither side imports the other: the layers (README, "Layout") stay as they are, and an app
removed from INSTALLED_APPS really disappears from the others' pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string


def provider(name: str) -> Callable[..., Any] | None:
    """The function an installed app offers under `name`, or None."""
    for config in apps.get_app_configs():
        path = getattr(config, "provides", {}).get(name)
        if path is not None:
            return import_string(path)
    return None


def provided_names() -> dict[str, str]:
    """Every name offered by an installed app, with the app's label (for checks and tests)."""
    return {name: config.label for config in apps.get_app_configs() for name in getattr(config, "provides", {})}
