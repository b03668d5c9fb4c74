from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from khoi.core.exports import AppModelsExport
from khoi.core.navigation import NavItem


def _is_member(user: Any) -> bool:
    from khoi.accounts.permissions import is_member

    return is_member(user)


def _is_staff(user: Any) -> bool:
    from khoi.accounts.permissions import is_committee_staff

    return is_committee_staff(user)


def _manages_register(user: Any) -> bool:
    from khoi.accounts.permissions import can_manage_register

    return can_manage_register(user)


class UnitsConfig(AppConfig):
    name = "khoi.units"
    label = "units"
    verbose_name = _("Register of units")
    # The header shows the first item; the home page lists them all under "Danh sách đơn vị".
    navigation = [
        NavItem(_("Units"), "units:tree", visible_to=_is_member),
        NavItem(_("Unit groups"), "units:groups", visible_to=_is_member),
        NavItem(_("New unit"), "units:create", visible_to=_manages_register),
        NavItem(_("Import from Excel"), "units:import", visible_to=_manages_register),
        NavItem(_("Industrial parks and economic zones"), "units:zones", visible_to=_is_staff),
    ]
    # Leaving is possible (khoi.core.exports): the register, its groups, zones, sectors and history.
    exports = [AppModelsExport(key="units", title=_("Register of units"))]
