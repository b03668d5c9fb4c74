from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from khoi.core.exports import AppModelsExport
from khoi.core.navigation import HomePanel, NavItem


def _is_staff(user: object) -> bool:
    from khoi.accounts.permissions import is_committee_staff

    return is_committee_staff(user)  # type: ignore[arg-type]


def _acts_for_a_unit(user: object) -> bool:
    """Suggestions are for a unit's reporter; staff and leadership have no unit of their own."""
    from khoi.accounts.permissions import is_member

    return is_member(user) and user.is_reporter and user.unit_id is not None  # type: ignore[arg-type]


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
    home_panels = [HomePanel("marketplace:suggestions", visible_to=_acts_for_a_unit)]
    # Leaving is possible (khoi.core.exports); contact people, phones and emails only when asked.
    exports = [
        AppModelsExport(
            key="marketplace",
            title=_("Supply–demand connection"),
            skip=("SearchWord",),
            personal=(
                "contact_name",
                "contact_phone",
                "contact_email",
                "Participant.representative",
                "Participant.phone",
                "Participant.email",
            ),
        )
    ]
