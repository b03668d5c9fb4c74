from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from khoi.core.navigation import NavItem


def _is_member(user: object) -> bool:
    from khoi.accounts.permissions import is_member

    return is_member(user)  # type: ignore[arg-type]


class UnitsConfig(AppConfig):
    name = "khoi.units"
    label = "units"
    verbose_name = _("Register of units")
    navigation = [NavItem(_("Units"), "units:tree", visible_to=_is_member)]
