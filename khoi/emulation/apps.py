from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from khoi.core.navigation import NavItem


def _is_member(user: Any) -> bool:
    from khoi.accounts.permissions import is_member

    return is_member(user)


class EmulationConfig(AppConfig):
    name = "khoi.emulation"
    label = "emulation"
    verbose_name = _("Emulation and commendation")
    navigation = [NavItem(_("Emulation and commendation"), "emulation:index", visible_to=_is_member)]
    # Reads offered to other apps (khoi.core.providers): the reports' commendation sentence.
    provides = {"emulation.commendation_counts": "khoi.emulation.selectors.commendation_counts"}
