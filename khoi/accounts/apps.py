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
    # Offered to core's export page (core sits below accounts and may not import it).
    provides = {"accounts.can_export_bloc": "khoi.accounts.permissions.can_export_bloc"}
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
