from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from khoi.core.exports import AppModelsExport
from khoi.core.navigation import NavItem


def _manages_people(user: Any) -> bool:
    from .permissions import can_manage_people

    return can_manage_people(user)


class AccountsConfig(AppConfig):
    name = "khoi.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")
    navigation = [NavItem(_("Reporters in bulk"), "accounts:people", visible_to=_manages_people)]
    # Accounts are people: exported only when personal data is asked for; never a password or a token.
    exports = [
        AppModelsExport(
            key="accounts",
            title=_("Accounts and roles"),
            models=("accounts.User",),
            personal_only=True,
            never=("password",),
        )
    ]

    def ready(self) -> None:
        from khoi.units.signals import units_left

        from .receivers import deactivate_reporters_of_units

        units_left.connect(deactivate_reporters_of_units, dispatch_uid="accounts.deactivate_reporters")
