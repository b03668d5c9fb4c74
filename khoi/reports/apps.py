from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from khoi.core.exports import AppModelsExport
from khoi.core.navigation import NavItem


def _reads_all(user: object) -> bool:
    from khoi.accounts.permissions import reads_all

    return reads_all(user)  # type: ignore[arg-type]


class ReportsConfig(AppConfig):
    name = "khoi.reports"
    label = "reports"
    verbose_name = _("Reports and dashboards")
    navigation = [
        NavItem(_("Bloc report"), "reports:report", visible_to=_reads_all),
        NavItem(_("Dashboard"), "reports:dashboard", visible_to=_reads_all),
        NavItem(_("Check an article's figures"), "reports:checker", visible_to=_reads_all),
    ]
    # Leaving is possible (khoi.core.exports): wordings, targets, document headers; not the queue of
    # documents being made.
    exports = [AppModelsExport(key="reports", title=_("Reports and dashboards"), skip=("ReportJob",))]
    # Offered to the apps below (khoi.core.providers): the bloc's document header as staff set it
    # (parent body, issuing body, place), for the Party decisions the party app drafts.
    provides = {"reports.document_head": "khoi.reports.report_files.document_head"}
