from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from khoi.core.exports import AppModelsExport
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
    # Leaving is possible (khoi.core.exports); people's names, birth dates, genders and positions only
    # when asked.
    exports = [
        AppModelsExport(
            key="emulation",
            title=_("Emulation and commendation"),
            personal=("Person.full_name", "Person.birth_date", "Person.gender", "Person.position", "recipient_name"),
        )
    ]
