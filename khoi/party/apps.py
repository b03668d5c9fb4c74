from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from khoi.core.navigation import HomePanel, NavItem


def _is_member(user: Any) -> bool:
    from khoi.accounts.permissions import is_member

    return is_member(user)


def _has_due_list(user: Any) -> bool:
    from .access import sees_personal_records

    return sees_personal_records(user)


class RecordFiguresProvider:
    """What reporting asks for (khoi.reporting.providers): the Party-building indicators counted
    from admissions, conversions and gradings."""

    @property
    def indicator_codes(self) -> tuple[str, ...]:
        from .selectors import INDICATOR_CODES

        return INDICATOR_CODES

    def unit_values(self, *, code: str, start: Any, end: Any, unit_ids: Any) -> Any:
        from .selectors import indicator_unit_values

        return indicator_unit_values(code=code, start=start, end=end, unit_ids=unit_ids)


class PartyConfig(AppConfig):
    name = "khoi.party"
    label = "party"
    verbose_name = _("Party building")
    navigation = [NavItem(_("Party building"), "party:index", visible_to=_is_member)]
    home_panels = [HomePanel("party:home_panel", visible_to=_has_due_list)]

    def reporting_figures(self) -> RecordFiguresProvider:
        return RecordFiguresProvider()
