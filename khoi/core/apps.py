from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .navigation import NavItem


def _exports_bloc(user: Any) -> bool:
    from khoi.accounts.permissions import can_export_bloc

    return can_export_bloc(user)


class CoreConfig(AppConfig):
    name = "khoi.core"
    label = "core"
    verbose_name = _("Bloc data")  # the header's name of the group holding the export
    navigation = [NavItem(_("Export the bloc's data"), "core:export", visible_to=_exports_bloc)]

    def ready(self) -> None:
        from . import schema  # noqa: F401  (registers the API's authentication in the OpenAPI schema)
        from .clean_input import install

        install()
