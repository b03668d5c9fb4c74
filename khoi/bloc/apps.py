from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlocConfig(AppConfig):
    """Setting up a bloc of one's own: the first-run page and `manage.py setup_bloc`.

    It holds no table: the bloc is the root of the register (`units.Unit`, kind "bloc": its name,
    short name and place) and its document header is `reports.DocumentSettings` (parent body,
    place, signer, number suffix, logo); the committee's own emulation issuer is derived from the
    same answers. This app writes all of them in one transaction and reads them back for the
    modules that need the bloc's place (the marketplace's regions).
    """

    name = "khoi.bloc"
    label = "bloc"
    verbose_name = _("Bloc set-up")
    # Offered to core (khoi.core.providers): the home page sends an administrator to the first-run
    # page while there is no bloc.
    provides = {"bloc.first_run_url": "khoi.bloc.selectors.first_run_url"}
