from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from khoi.core.navigation import HomePanel, NavItem


def _is_staff(user: object) -> bool:
    from khoi.accounts.permissions import is_committee_staff

    return is_committee_staff(user)  # type: ignore[arg-type]


class MarketplaceConfig(AppConfig):
    name = "khoi.marketplace"
    label = "marketplace"
    verbose_name = _("Supply–demand connection")
    navigation = [
        NavItem(_("Offers and needs"), "marketplace:search"),
        NavItem(_("Connection conferences"), "marketplace:conference_list"),
        NavItem(_("Memoranda"), "marketplace:mou_list"),
        NavItem(_("Moderation"), "marketplace:moderation", visible_to=_is_staff),
    ]
    home_panels = [HomePanel("marketplace:suggestions")]
