from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from khoi.core.navigation import HomePanel, NavItem


def _reads_all(user: Any) -> bool:
    from khoi.accounts.permissions import reads_all

    return reads_all(user)


def _staff(user: Any) -> bool:
    from khoi.accounts.permissions import is_committee_staff

    return is_committee_staff(user)


def _member(user: Any) -> bool:
    from khoi.accounts.permissions import is_member

    return is_member(user)


class ReportingConfig(AppConfig):
    name = "khoi.reporting"
    label = "reporting"
    verbose_name = _("Periodic reporting")
    navigation = [
        NavItem(_("Periodic reports"), "reporting:home", visible_to=_member),
        NavItem(_("Bloc overview"), "reporting:overview", visible_to=_reads_all),
        NavItem(_("Indicators and forms"), "reporting:catalogue", visible_to=_staff),
        NavItem(_("Import history"), "reporting:history", visible_to=_staff),
    ]
    home_panels = [HomePanel("reporting:home_panel", visible_to=_member)]
    # Reads offered to other apps (khoi.core.providers): the consumer asks by name.
    provides = {"reporting.unit_values": "khoi.reporting.provides.unit_values"}
