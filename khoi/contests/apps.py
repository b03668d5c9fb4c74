from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from khoi.core.exports import AppModelsExport
from khoi.core.navigation import NavItem


def _can_manage(user: Any) -> bool:
    from .access import can_manage_contests

    return can_manage_contests(user)


class ContestsConfig(AppConfig):
    name = "khoi.contests"
    label = "contests"
    verbose_name = _("Online contests")
    navigation = [
        NavItem(_("Contests"), "contests:manage", visible_to=_can_manage),
        NavItem(pgettext_lazy("contest", "Question bank"), "contests:question_list", visible_to=_can_manage),
    ]
    # Leaving is possible (khoi.core.exports): contests, questions, rounds, prizes and results; the
    # participants' names, phones, years of birth and receipts only when asked, their keys never.
    exports = [
        AppModelsExport(
            key="contests",
            title=_("Online contests"),
            personal=("Entry.name", "Entry.phone", "Entry.birth_year", "Entry.receipt_code"),
            never=("Entry.token",),
        )
    ]

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from khoi.units.models import Unit
        from khoi.units.signals import register_changed

        from . import copies, models

        def changed(**_kwargs: Any) -> None:
            copies.round_pool_changed()

        # What every process keeps (khoi.contests.copies): a round's settings, draw rules and
        # questions, a contest and its rounds, and the units the entry form offers.
        for model in (models.Contest, models.Round, models.DrawRule, models.Topic, models.Question, Unit):
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"contests-pool-{model.__name__}")
            post_delete.connect(
                changed, sender=model, weak=False, dispatch_uid=f"contests-pool-{model.__name__}-deleted"
            )
        register_changed.connect(changed, weak=False, dispatch_uid="contests-pool-register")
