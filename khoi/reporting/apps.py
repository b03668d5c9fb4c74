from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from khoi.core.exports import AppModelsExport, Derived
from khoi.core.navigation import HomePanel, NavItem


def _reads_all(user: Any) -> bool:
    from khoi.accounts.permissions import reads_all

    return reads_all(user)


def _staff(user: Any) -> bool:
    from khoi.accounts.permissions import is_committee_staff

    return is_committee_staff(user)


def _member(user: Any) -> bool:
    from khoi.accounts.permissions import is_member

    return is_member(user)


def _period_label(code: str) -> str:
    """ "2024-H1" → "6 tháng đầu năm 2024" (the export's period column, in Vietnamese)."""
    from .periods import Period

    try:
        return Period.parse(code).label_vi
    except ValueError:
        return code


class ReportingConfig(AppConfig):
    name = "khoi.reporting"
    label = "reporting"
    verbose_name = _("Periodic reporting")
    navigation = [
        NavItem(_("Periodic reports"), "reporting:home", visible_to=_member),
        NavItem(_("Bloc overview"), "reporting:overview", visible_to=_reads_all),
        NavItem(_("Indicators and forms"), "reporting:catalogue", visible_to=_staff),
        NavItem(_("Import history"), "reporting:history", visible_to=_staff),
    ]
    home_panels = [HomePanel("reporting:home_panel", visible_to=_member)]
    # Reads offered to other apps (khoi.core.providers): the consumer asks by name.
    provides = {"reporting.unit_values": "khoi.reporting.provides.unit_values"}
    # Leaving is possible (khoi.core.exports): indicators, forms, rules, rounds, submissions and the
    # values with their periods; the window totals are derived from the values and left out.
    exports = [
        AppModelsExport(
            key="reporting",
            title=_("Periodic reporting"),
            skip=("WindowValue",),
            personal=("Notice.text",),
            labels={
                "IndicatorValue.period_code": _("period code"),
                "IndicatorValue.period_start": _("period start"),
                "IndicatorValue.period_end": _("period end"),
                "IndicatorValue.value": _("value"),
                "IndicatorValue.period_kind": _("kind of period"),
                "IndicatorValue.months": _("months covered"),
            },
            titles={
                "FormIndicator": _("indicators of the forms"),
                "SubmissionEvent": _("history of the submissions"),
                "ValueAudit": _("history of the values"),
                "Notice": _("notices"),
            },
            derived={"IndicatorValue": (Derived("period", _("period"), "period_code", _period_label),)},
        )
    ]
