from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "khoi.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import schema  # noqa: F401  (registers the API's authentication in the OpenAPI schema)
        from .clean_input import install

        install()
