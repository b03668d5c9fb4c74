from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from khoi.core.navigation import HomePanel, NavItem


def _has_due_list(user: Any) -> bool:
    from .access import sees_personal_records

    return sees_personal_records(user)


def _sees_counts(user: Any) -> bool:
    from .access import sees_counts

    return sees_counts(user)


def _organisation_board(user: Any) -> bool:
    from .access import is_organisation_board

    return is_organisation_board(user)


def _inspection_board(user: Any) -> bool:
    from .access import can_record_reviews

    return can_record_reviews(user)


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
    navigation = [
        NavItem(_("Party building"), "party:index", visible_to=_sees_counts),
        NavItem(_("Candidates and members"), "party:person_list", visible_to=_has_due_list),
        NavItem(_("Due for full membership"), "party:due_list", visible_to=_has_due_list),
        NavItem(_("Grade base organisations"), "party:grading_organisations", visible_to=_organisation_board),
        NavItem(_("Grade members"), "party:grading_members", visible_to=_has_due_list),
        NavItem(_("Course batches"), "party:course_batches", visible_to=_organisation_board),
        NavItem(_("Committee change"), "party:committee_create", visible_to=_organisation_board),
        NavItem(_("Inspection or supervision"), "party:review_create", visible_to=_inspection_board),
        NavItem(_("Inspections and supervisions of the year"), "party:review_list", visible_to=_inspection_board),
        NavItem(_("Disciplinary decision"), "party:discipline_create", visible_to=_inspection_board),
    ]
    home_panels = [HomePanel("party:home_panel", visible_to=_has_due_list)]

    def reporting_figures(self) -> RecordFiguresProvider:
        return RecordFiguresProvider()
